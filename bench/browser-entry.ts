// The Chromium half of the benchmark: wiregrad on the page's WebGPU against TF.js's webgpu backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { fetchDatasetReader } from '../engine/train/data/fetch-reader';
import { createWebGpuExecutor } from '../engine/webgpu/executor';
import { prepareNet, timeTf, timeWiregrad } from './contenders';
import { NETS } from './nets';

export interface PageResult {
  adapter: string;
  rows: { key: string; wiregrad: number; tf: number | string }[];
}

async function run(): Promise<PageResult> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter in Chromium');
  const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
  let tfReady: string | null = null;
  try {
    if (!(await tf.setBackend('webgpu'))) tfReady = 'TF.js webgpu backend did not initialise';
    await tf.ready();
  } catch (e) {
    tfReady = String(e);
  }
  const rows: PageResult['rows'] = [];
  for (const spec of NETS) {
    const p = await prepareNet(spec, fetchDatasetReader('/datasets/'));
    const wiregrad = await timeWiregrad(await createWebGpuExecutor(p.plan, { train: p.train, config: p.config, device }));
    const tfRate = tfReady ?? (await timeTf(tf, spec, p.train).catch((e: unknown) => String(e)));
    rows.push({ key: spec.key, wiregrad, tf: tfRate });
  }
  device.destroy();
  return { adapter: adapter.info.architecture, rows };
}

(globalThis as { wiregradBench?: () => Promise<PageResult> }).wiregradBench = run;
