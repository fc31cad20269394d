// The engine in the page: runs a graph on the browser's WebGPU and hands plain results back to the Node test.
import type { GraphDoc } from '../../../engine/graph/types';
import { fetchDatasetReader } from '../../../engine/train/data/fetch-reader';
import { createWebGpuExecutor } from '../../../engine/webgpu/executor';
import { runGraph, type RunOptions, type RunResult } from '../harness/run';

let device: Promise<{ device: GPUDevice; architecture: string }> | null = null;

async function gpu(): Promise<{ device: GPUDevice; architecture: string }> {
  if (!navigator.gpu) throw new Error('this browser has no navigator.gpu');
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('navigator.gpu offers no adapter');
  return { device: await adapter.requestDevice(), architecture: adapter.info.architecture };
}

export interface BrowserRun {
  adapter: string;
  result: RunResult;
}

export async function run(doc: GraphDoc, o: RunOptions, mode: 'single' | 'dispatch' | 'auto'): Promise<BrowserRun> {
  device ??= gpu();
  const d = await device;
  const result = await runGraph(doc, fetchDatasetReader('/datasets/'), (plan, opts) => createWebGpuExecutor(plan, { ...opts, device: d.device, mode }), o);
  return { adapter: d.architecture, result };
}

(globalThis as { wiregradGpu?: { run: typeof run } }).wiregradGpu = { run };
