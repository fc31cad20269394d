// Naming the edge where a step blew up when training ran on a 'params' plan (reused buffers, so the executor cannot
// tell edges apart): the same minibatch, from the kept last-good weights, replayed on a CPU executor of a keep-'all'
// plan. Runs only after a blow-up, so training itself keeps the faster plan.
import { compile } from '../compile/compile';
import type { Plan } from '../compile/plan';
import { createCpuExecutor } from '../cpu/executor';
import type { DataRows, Executor, NonFinite, TrainConfig } from '../executor';
import type { GraphDoc } from '../graph/types';
import { firstNonFinite } from './non-finite';
import { createSampler } from './sampler';

/** Rows `idx` of `data`, in that order. */
export function rowsOf(data: DataRows, idx: ArrayLike<number>): DataRows {
  const n = idx.length;
  const x = new Float32Array(n * data.xFeatures);
  const y = new Float32Array(n * data.yFeatures);
  for (let i = 0; i < n; i++) {
    const r = idx[i];
    x.set(data.x.subarray(r * data.xFeatures, (r + 1) * data.xFeatures), i * data.xFeatures);
    y.set(data.y.subarray(r * data.yFeatures, (r + 1) * data.yFeatures), i * data.yFeatures);
  }
  return { ...data, n, x, y };
}

/** The rows training step `step` (from 0) took: the shared sampler's minibatch. */
export function minibatchOf(data: DataRows, config: TrainConfig, step: number): DataRows {
  const sampler = createSampler(data.n, config);
  const b = sampler.batchOf(step);
  return rowsOf(data, sampler.epochOrder(b.epoch).subarray(b.start, b.start + b.rows));
}

export interface ReplayInput {
  /** The doc the session compiled (Input columns resolved). */
  resolved: GraphDoc;
  /** The plan training ran on. */
  plan: Plan;
  train: DataRows;
  config: TrainConfig;
  dtype?: 'f32' | 'f64';
}

/**
 * Where `nf` (reported by `executor`, which kept the weights from before the step) first went non-finite, found on a
 * keep-'all' replay. Falls back to `nf` when the replay finds every value and gradient finite: the update itself
 * overflowed (the executor names the parameter then), or another backend's rounding did not reproduce on the CPU.
 */
export async function locateByReplay(input: ReplayInput, executor: Executor, nf: NonFinite): Promise<NonFinite> {
  const all = compile(input.resolved, { batch: input.plan.batch, keep: 'all', seed: input.config.seed });
  if (!all.ok) return nf;
  const cpu = createCpuExecutor(all.value, { train: input.train, config: input.config, dtype: input.dtype });
  try {
    await cpu.setParams(await executor.getParams());
    const snap = await cpu.evaluate(minibatchOf(input.train, input.config, nf.step));
    return firstNonFinite(all.value, snap, nf.step) ?? nf;
  } finally {
    cpu.dispose();
  }
}
