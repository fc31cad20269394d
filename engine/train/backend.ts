// The one place an executor is created for a Plan: the session, the command line and the editor's worker all come here.
// `cpu` today; the WebGPU engineer adds `webgpu` and makes `auto` pick it when an adapter exists.
import type { Plan } from '../compile/plan';
import { createCpuExecutor } from '../cpu/executor';
import type { BackendChoice, DataRows, Executor, TrainConfig } from '../executor';
import type { Result } from '../graph/types';

export interface ExecutorOptions {
  train: DataRows;
  config: TrainConfig;
  /** Float64 for tests that compare against finite differences or PyTorch's float64. */
  dtype?: 'f32' | 'f64';
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
      return { ok: true, value: { executor: createCpuExecutor(plan, opts), note: 'auto: running on the CPU (the WebGPU backend is not built yet)' } };
    case 'webgpu':
      return { ok: false, errors: 'the webgpu backend is not available in this build; use --backend cpu or auto' };
  }
}
