// One small Float32 training run on the CPU executor, reporting whether the WebAssembly SIMD kernel ran: Node and
// Chromium (page and worker, through entry.ts) run the same one in tests/cpu/chromium.test.ts.
import { compile } from '../../../engine/compile/compile';
import { createCpuExecutor } from '../../../engine/cpu/executor';
import { wasmGemmAvailable, wasmGemmCalls } from '../../../engine/cpu/wasm/simd-gemm';
import { mlp, rows, sgd } from '../../compile/build';

export interface CpuRun {
  simd: boolean;
  /** Products the kernel ran during the training. */
  calls: number;
  losses: number[];
}

/** 50 steps of a 2-16-1 tanh network on 32 fixed rows, batch 8; Node runs the same in chromium.test.ts. */
export async function trainOnce(): Promise<CpuRun> {
  const x = Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
  const data = rows(x, x.map(([a, b]) => [a * b]));
  const plan = compile(mlp(16, 'Tanh'), { batch: 8, keep: 'params' });
  if (!plan.ok) throw new Error(plan.errors.map((e) => e.message).join('; '));
  const ex = createCpuExecutor(plan.value, { train: data, config: sgd(0.1, 8) });
  const before = wasmGemmCalls();
  await ex.train(50);
  return { simd: wasmGemmAvailable(), calls: wasmGemmCalls() - before, losses: [...(await ex.losses(0))] };
}
