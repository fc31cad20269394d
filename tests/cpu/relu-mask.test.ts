// ReLU on the SIMD kernel (arena arrays) is bit for bit the JS select it replaces, for every value a float32 can hold
// (NaN, ±0, ±Infinity, denormals) and every length (the 4-wide blocks and the tail), forward and backward.
import { describe, expect, test } from 'vitest';
import { createArena, wasmReluMask } from '../../engine/cpu/wasm/simd-gemm';
import { relu } from '../../engine/ops/relu';

const SPECIAL = [NaN, 0, -0, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38, -3.4e38, 1, -1];

function fill(x: Float32Array, seed: number): void {
  for (let i = 0; i < x.length; i++) x[i] = (i + seed) % 3 === 0 ? SPECIAL[(i * 7 + seed) % SPECIAL.length] : Math.sin(i * 12.9898 + seed) * 10;
}

const same = (a: Float32Array, b: Float32Array) => expect(Array.from(a).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(b).map((v) => Object.is(v, -0) ? '-0' : v));

describe('ReLU mask on the SIMD kernel', () => {
  test('forward and backward equal the JS select bit for bit, lengths 0 to 37', () => {
    for (let n = 0; n <= 37; n++) {
      const views = createArena([n, n, n, n], 0);
      expect(views, 'this engine has WebAssembly SIMD').not.toBeNull();
      const [x, g, out, dx] = views as Float32Array[];
      fill(x, n);
      fill(g, n + 5);
      const shape = [n];
      relu.forward({ inputs: [{ data: x, shape }], out: { data: out, shape }, attrs: {}, params: [] });
      relu.backward({ inputs: [{ data: x, shape }], out: { data: out, shape }, gradOut: { data: g, shape }, gradInputs: [{ data: dx, shape }], attrs: {}, params: [], gradParams: [] });
      const fwd = new Float32Array(n).map((_, i) => (x[i] > 0 ? x[i] : 0));
      const bwd = new Float32Array(n).map((_, i) => (x[i] > 0 ? g[i] : 0));
      same(out, fwd);
      same(dx, bwd);
    }
  });

  test('runs only when all three arrays live in one arena', () => {
    const [x, o] = createArena([8, 8], 0) as Float32Array[];
    expect(wasmReluMask(x, x, o, 8)).toBe(true);
    expect(wasmReluMask(new Float32Array(8), x, o, 8)).toBe(false);
    expect(wasmReluMask(x, x, new Float32Array(8), 8)).toBe(false);
  });
});
