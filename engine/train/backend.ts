// The one place an executor is created for a Plan: the session, the command line and the editor's worker all come here.
// `cpu`, `webgpu` (a clear refusal without an adapter) and `auto` (WebGPU when an adapter exists, else the CPU).
import type { Plan } from '../compile/plan';
import { createCpuExecutor } from '../cpu/executor';
import { acquireDevice } from '../webgpu/device';
import { createWebGpuExecutor } from '../webgpu/executor';
import { withCpuFallback, type CpuResume } from '../webgpu/fallback';
import type { BackendChoice, DataRows, Executor, TrainConfig } from '../executor';
import type { Result } from '../graph/types';

export interface ExecutorOptions {
  train: DataRows;
  config: TrainConfig;
  /** Float64 for tests that compare against finite differences or PyTorch's float64. */
  dtype?: 'f32' | 'f64';
  /** Told what happens later on, e.g. that a lost GPU device moved training to the CPU. */
  onNote?(message: string): void;
  /** webgpu/auto: run on this device (the caller keeps it) instead of acquiring one. */
  device?: GPUDevice;
}

export interface CreatedExecutor {
  executor: Executor;
  /** Why the backend differs from the one asked for (e.g. `auto` fell back to cpu), or null. */
  note: string | null;
}

export const BACKENDS: readonly BackendChoice[] = ['cpu', 'webgpu', 'auto'];

export async function createExecutor(plan: Plan, opts: ExecutorOptions, backend: BackendChoice = 'cpu'): Promise<Result<CreatedExecutor, string>> {
  switch (backend) {
    case 'cpu':
      return { ok: true, value: { executor: createCpuExecutor(plan, opts), note: null } };
    case 'auto':
    case 'webgpu': {
      // f64 is the CPU's test mode; the GPU computes in float32 only.
      if (opts.dtype === 'f64') return { ok: true, value: { executor: createCpuExecutor(plan, opts), note: backend === 'webgpu' ? 'webgpu computes in float32; f64 runs on the CPU' : null } };
      if (opts.device) return { ok: true, value: { executor: await onGpu(plan, opts, opts.device, false), note: null } };
      const dev = await acquireDevice();
      if (!dev.ok) {
        if (backend === 'auto') return { ok: true, value: { executor: createCpuExecutor(plan, opts), note: `auto: running on the CPU (${dev.errors})` } };
        return { ok: false, errors: `the webgpu backend has no GPU to run on: ${dev.errors.replace(/\.$/, '')}. Use --backend cpu (or auto, which falls back to the CPU)` };
      }
      const executor = await onGpu(plan, opts, dev.value.device, true);
      return { ok: true, value: { executor, note: backend === 'auto' ? `auto: running on WebGPU (${dev.value.architecture})` : null } };
    }
  }
}

/** The GPU executor, wrapped so that a lost device hands the run to the CPU. */
async function onGpu(plan: Plan, opts: ExecutorOptions, device: GPUDevice, ownDevice: boolean): Promise<Executor> {
  const gpu = await createWebGpuExecutor(plan, { train: opts.train, config: opts.config, device, ownDevice });
  const onFallback = opts.onNote ?? ((m: string) => console.warn(`wiregrad: ${m}`));
  // The CPU continues the run: same step (so the same minibatch sequence), weights and optimiser state.
  const makeCpu = (resume: CpuResume) => createCpuExecutor(plan, { train: opts.train, config: opts.config, dtype: opts.dtype, ...resume });
  return withCpuFallback(gpu, { makeCpu, onFallback });
}
