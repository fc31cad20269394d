// A lost GPU device must not lose the training run: the executor below carries on on the CPU from the last weights
// the GPU reported (read with every loss block) and the same step count, and says so once through `onFallback`.
import type { Executor, ProbeSnapshot, TrainResult } from '../executor';
import type { WebGpuExecutor } from './executor';

export interface FallbackOptions {
  /** A fresh CPU executor for the same plan and data. */
  makeCpu(): Executor;
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
    offset = gpu.steps;
    gpuLosses = await gpu.losses(0);
    const next = o.makeCpu();
    await next.setParams(gpu.lastParams());
    cpu = next;
    o.onFallback?.(`the GPU device was lost (${lostReason}); training continues on the CPU from step ${offset} with the last weights`);
    return next;
  };
  const withStep = (s: ProbeSnapshot): ProbeSnapshot => (cpu ? { ...s, step: s.step + offset } : s);

  return {
    get backend() {
      return cpu ? 'cpu' : 'webgpu';
    },
    plan: gpu.plan,
    get steps() {
      return cpu ? offset + cpu.steps : gpu.steps;
    },
    async train(n: number): Promise<TrainResult> {
      const ex = await active();
      try {
        const r = await ex.train(n);
        return cpu && r.nonFinite ? { ...r, nonFinite: { ...r.nonFinite, step: r.nonFinite.step + offset } } : r;
      } catch (e) {
        // The device went away during this call: redo the whole call on the CPU.
        if (ex === gpu && lostReason === null) await Promise.race([gpu.lost, new Promise((r) => setTimeout(r, 50))]);
        if (ex !== gpu || lostReason === null) throw e;
        return (await active()).train(n);
      }
    },
    async losses(from: number): Promise<Float32Array> {
      const ex = await active();
      if (!cpu) return ex.losses(from);
      const tail = await cpu.losses(0);
      const all = new Float32Array(offset + tail.length);
      all.set(gpuLosses.subarray(0, offset));
      all.set(tail, offset);
      return all.slice(Math.max(0, from));
    },
    async snapshot() {
      return withStep(await (await active()).snapshot());
    },
    async evaluate(rows) {
      return withStep(await (await active()).evaluate(rows));
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
