// A long training run as the editor drives it: steps in blocks, and between blocks the reads the view makes
// (probe snapshot, new losses, parameters, accuracy), with memory, typed-array and GPU-buffer counts before and after.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import type { BackendKind } from '../../engine/executor';
import { loadGraph } from '../../engine/graph/load';
import type { GraphDoc } from '../../engine/graph/types';
import { createSession, type Session } from '../../engine/train/session';
import type { GpuBufferCounter, TypedArrayCounter } from './counters';

export const XOR_FILE = fileURLToPath(new URL('../../public/examples/xor-mlp.json', import.meta.url));

export function loadXor(): GraphDoc {
  const r = loadGraph(readFileSync(XOR_FILE, 'utf8'));
  if (!r.ok) throw new Error(`${XOR_FILE}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.value;
}

/** A session on XOR that keeps every edge readable, as the editor's worker opens it. */
export async function openXor(backend: BackendKind): Promise<Session> {
  const r = await createSession(loadXor(), { read: nodeDatasetReader, backend, keep: 'all' });
  if (!r.ok) throw new Error(`XOR on ${backend}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  if (r.value.executor.backend !== backend) throw new Error(`asked for ${backend}, got ${r.value.executor.backend} (${r.value.backendNote ?? 'no note'})`);
  return r.value;
}

/** What the editor's view pulls between chunks: the probes, the losses since its last pull, the weights, accuracy. */
export async function editorRead(s: Session, lossFrom: number): Promise<{ lossFrom: number; loss: number; accuracy: number | null }> {
  const snap = await s.executor.snapshot();
  const losses = await s.losses(lossFrom);
  await s.executor.getParams();
  const accuracy = await s.accuracy('train');
  return { lossFrom: lossFrom + losses.length, loss: snap.loss, accuracy };
}

export interface Measure {
  heapUsed: number;
  rss: number;
  /** ArrayBuffers (typed arrays' backing stores) outside the JS heap. */
  arrayBuffers: number;
  typedArraysLive: number;
  gpuBuffersLive: number | null;
}

export interface SoakRow {
  backend: BackendKind;
  steps: number;
  reads: number;
  before: Measure;
  after: Measure;
  /** GPU buffers still alive after dispose() (null on the CPU). */
  gpuAfterDispose: number | null;
  stepsPerSec: number;
  typedArraysCreated: number;
  gpuBuffersCreated: number | null;
  finalLoss: number;
  accuracy: number | null;
}

export interface SoakOptions {
  backend: BackendKind;
  steps: number;
  /** Steps between editor reads. */
  every: number;
  typed: TypedArrayCounter;
  gpu: GpuBufferCounter | null;
  onProgress?(done: number, total: number, stepsPerSec: number, loss: number): void;
}

async function measure(o: SoakOptions): Promise<Measure> {
  await o.typed.settle();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, arrayBuffers: m.arrayBuffers, typedArraysLive: o.typed.live, gpuBuffersLive: o.gpu ? o.gpu.live : null };
}

export async function soak(o: SoakOptions): Promise<SoakRow> {
  const s = await openXor(o.backend);
  // One block and one read first, so lazily made things (evaluation storage, pipelines) exist before "before".
  await s.train(o.every);
  let read = await editorRead(s, 0);
  const before = await measure(o);
  const created0 = o.typed.created;
  const gpu0 = o.gpu?.created ?? 0;
  let trainMs = 0;
  let reads = 0;
  for (let done = 0; done < o.steps; ) {
    const k = Math.min(o.every, o.steps - done);
    const t0 = performance.now();
    const r = await s.train(k);
    trainMs += performance.now() - t0;
    if (r.nonFinite) throw new Error(`${o.backend}: ${s.describeNonFinite(r.nonFinite)}`);
    done += k;
    read = await editorRead(s, read.lossFrom);
    reads++;
    o.onProgress?.(done, o.steps, (done * 1000) / Math.max(trainMs, 1e-9), read.loss);
  }
  const after = await measure(o);
  const row: SoakRow = {
    backend: o.backend,
    steps: o.steps,
    reads,
    before,
    after,
    gpuAfterDispose: null,
    stepsPerSec: (o.steps * 1000) / Math.max(trainMs, 1e-9),
    typedArraysCreated: o.typed.created - created0,
    gpuBuffersCreated: o.gpu ? o.gpu.created - gpu0 : null,
    finalLoss: read.loss,
    accuracy: read.accuracy,
  };
  s.dispose();
  row.gpuAfterDispose = o.gpu ? o.gpu.live : null;
  return row;
}
