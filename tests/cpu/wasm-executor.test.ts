// The Float32 executor runs its matrix products on the WebAssembly SIMD kernel (so the fast path cannot silently
// turn off), the Float64 one (gradient checks) on the JS kernel, and both train the same network to the same losses.
import { describe, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import { createMachine } from '../../engine/cpu/machine';
import { inArena, wasmGemmCalls } from '../../engine/cpu/wasm/simd-gemm';
import { createRng } from '../../engine/rng';
import { mlp, rows, sgd } from '../compile/build';
import { compiled } from './harness';

const rng = createRng(5, 'wasm-executor-test');
const DATA = rows(
  Array.from({ length: 64 }, () => [rng.normal(), rng.normal()]),
  Array.from({ length: 64 }, () => [rng.normal()]),
);

describe('the CPU executor on the WebAssembly kernel', () => {
  test('a Float32 machine keeps every buffer in one WebAssembly memory; a Float64 machine does not', () => {
    const plan = compiled(mlp(8), 16);
    const f32 = createMachine(plan, Float32Array, 16);
    expect(f32.bufs.every(inArena)).toBe(true);
    expect(new Set(f32.bufs.map((b) => b.buffer)).size).toBe(1);
    expect(createMachine(plan, Float64Array, 16).bufs.some(inArena)).toBe(false);
  });

  test('Float32 training runs every Linear product (forward, dx, dW) on the kernel; Float64 runs none', async () => {
    const plan = compiled(mlp(8), 16);
    const f32 = createCpuExecutor(plan, { train: DATA, config: sgd(0.05, 16) });
    let before = wasmGemmCalls();
    await f32.train(10);
    // Two Linear layers: forward, input gradient and weight gradient each.
    expect(wasmGemmCalls() - before).toBe(10 * 6);
    const f64 = createCpuExecutor(plan, { train: DATA, config: sgd(0.05, 16), dtype: 'f64' });
    before = wasmGemmCalls();
    await f64.train(10);
    expect(wasmGemmCalls()).toBe(before);
  });

  test('predict and evaluate over more rows than the batch (params shared with the training machine) use it too', async () => {
    const plan = compiled(mlp(8), 16);
    const ex = createCpuExecutor(plan, { train: DATA, config: sgd(0.05, 16) });
    await ex.train(5);
    let before = wasmGemmCalls();
    const out = await ex.predict(DATA, 'fc2');
    expect(wasmGemmCalls() - before).toBe(2);
    expect(out.every(Number.isFinite)).toBe(true);
    before = wasmGemmCalls();
    await ex.evaluate(DATA);
    expect(wasmGemmCalls()).toBeGreaterThan(before);
  });

  test('float32 on the kernel and float64 on the JS kernel train to the same losses (1e-4 relative over 200 steps)', async () => {
    const plan = compiled(mlp(16, 'Tanh'), 16);
    const config = { ...sgd(0.05, 16, {}, 0.9), shuffle: true, seed: 3 };
    const f32 = createCpuExecutor(plan, { train: DATA, config });
    const f64 = createCpuExecutor(plan, { train: DATA, config, dtype: 'f64' });
    await f32.train(200);
    await f64.train(200);
    const [a, b] = [await f32.losses(0), await f64.losses(0)];
    for (let i = 0; i < 200; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(b[i])));
  });
});
