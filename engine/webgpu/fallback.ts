// A lost GPU device must not lose the training run: the executor below carries on on the CPU from the last weights
// and optimiser state the GPU reported (read with every loss block), at the same step count (so the minibatch
// sequence continues where it was), and says so once through `onFallback`.
import type { OptimizerState } from '../cpu/optimizer';
import type { Executor, TrainResult } from '../executor';
import type { WebGpuExecutor } from './executor';

/** Where the CPU picks up: pass both to createCpuExecutor. */
export interface CpuResume {
  startStep: number;
  optimizerState: OptimizerState;
}

export interface FallbackOptions {
  /** A fresh CPU executor for the same plan and data, continuing from `resume`. */
  makeCpu(resume: CpuResume): Executor;
  /** Called once, when training moves to the CPU, with a sentence for the user. */
  onFallback?(message: string): void;
}

export function withCpuFallback(gpu: WebGpuExecutor, o: FallbackOptions): Executor {
  let cpu: Executor | null = null;
  let offset = 0;
  let gpuLosses: Float32Array = new Float32Array(0);
  let lostReason: string | null = null;
  void gpu.lost.then((r) => (lostReason = r));

  const active = async (): Promise<Executor> => {
    if (cpu) return cpu;
    if (lostReason === null) return gpu;
    offset = gpu.lastStep;
    gpuLosses = (await gpu.losses(0)).slice(0, offset);
    const next = o.makeCpu({ startStep: offset, optimizerState: gpu.lastOptimizerState() });
    if (next.steps !== offset) throw new Error(`the CPU executor that takes over from the lost GPU starts at step ${next.steps}, not ${offset}: pass startStep to createCpuExecutor`);
    await next.setParams(gpu.lastParams());
    cpu = next;
    o.onFallback?.(`the GPU device was lost (${lostReason}); training continues on the CPU from step ${offset} with the last weights and optimizer state`);
    return next;
  };

  return {
    get backend() {
      return cpu ? 'cpu' : 'webgpu';
    },
    plan: gpu.plan,
    get steps() {
      return cpu ? cpu.steps : gpu.steps;
    },
    async train(n: number): Promise<TrainResult> {
      const ex = await active();
      const before = ex.steps;
      try {
        return await ex.train(n);
      } catch (e) {
        // The device went away during this call: the CPU takes the steps the GPU did not report back.
        if (ex === gpu && lostReason === null) await Promise.race([gpu.lost, new Promise((r) => setTimeout(r, 50))]);
        if (ex !== gpu || lostReason === null) throw e;
        const next = await active();
        const done = next.steps - before;
        const r = await next.train(n - done);
        return { steps: done + r.steps, nonFinite: r.nonFinite };
      }
    },
    async losses(from: number): Promise<Float32Array> {
      const ex = await active();
      if (!cpu) return ex.losses(from);
      // The CPU executor holds the losses of the steps it took (from `offset`); the GPU's come before.
      const tail = await cpu.losses(offset);
      const all = new Float32Array(offset + tail.length);
      all.set(gpuLosses);
      all.set(tail, offset);
      return all.slice(Math.max(0, from));
    },
    async snapshot() {
      return (await active()).snapshot();
    },
    async evaluate(rows) {
      return (await active()).evaluate(rows);
    },
    async predict(rows, node) {
      return (await active()).predict(rows, node);
    },
    async getParams() {
      return (await active()).getParams();
    },
    async setParams(values) {
      return (await active()).setParams(values);
    },
    dispose() {
      cpu?.dispose();
      gpu.dispose();
    },
  };
}
