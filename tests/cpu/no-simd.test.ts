// An engine without WebAssembly SIMD (WebAssembly.validate refuses the kernel, as an old browser's would): the
// Float32 executor falls back to plain arrays and the JS kernel, and still trains. The engine is imported only after
// validate() is made to refuse, so the kernel's one-time feature test sees it.
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { mlp, sgd, XOR } from '../compile/build';
import { compiled } from './harness';

beforeAll(() => {
  vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
});
afterAll(() => {
  vi.restoreAllMocks();
});

test('without SIMD the Float32 executor keeps plain arrays, runs the JS kernel and learns XOR', async () => {
  const { wasmGemmAvailable, wasmGemmCalls, inArena } = await import('../../engine/cpu/wasm/simd-gemm');
  const { createMachine } = await import('../../engine/cpu/machine');
  const { createCpuExecutor } = await import('../../engine/cpu/executor');
  expect(wasmGemmAvailable()).toBe(false);
  const plan = compiled(mlp(4, 'Tanh'), 4);
  expect(createMachine(plan, Float32Array, 4).bufs.some(inArena)).toBe(false);
  const ex = createCpuExecutor(plan, { train: XOR, config: sgd(0.5, 4) });
  expect(await ex.train(1000)).toEqual({ steps: 1000, nonFinite: null });
  expect([...(await ex.predict(XOR, 'fc2'))].map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  expect(wasmGemmCalls()).toBe(0);
});
