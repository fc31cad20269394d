// The JS matrix kernel behind Linear and MatMul (Float64 machines, arrays outside a WebAssembly arena): every size
// (tile edges, odd rows, fewer than 4 columns), every stride pattern the ops use, with and without a fused bias,
// against the textbook triple loop in float64. wasm-gemm.test.ts holds the SIMD kernel to the same contract.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gemmJs } from '../../engine/cpu/gemm';

function naive(a: Float64Array, am: number, ak: number, b: Float64Array, bn: number, bk: number, M: number, N: number, K: number, bias: Float64Array | null): number[] {
  const c: number[] = [];
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = bias ? bias[n] : 0;
      for (let k = 0; k < K; k++) s += a[m * am + k * ak] * b[n * bn + k * bk];
      c.push(s);
    }
  }
  return c;
}

describe('gemmJs', () => {
  test('C = bias + A·Bᵀ for every size from 1 to 9 and every layout (row-major or transposed A and B)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 1000 }),
        (M, N, K, aT, bT, withBias, seed) => {
          let s = seed + 1;
          const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
          const a = Float64Array.from({ length: M * K }, r), b = Float64Array.from({ length: N * K }, r);
          const bias = withBias ? Float64Array.from({ length: N }, r) : null;
          const [am, ak] = aT ? [1, M] : [K, 1];
          const [bn, bk] = bT ? [1, N] : [K, 1];
          // Junk beyond M·N must stay untouched; everything in it is overwritten.
          const c = new Float64Array(M * N + 3).fill(NaN);
          gemmJs(a, am, ak, b, bn, bk, c, M, N, K, bias);
          const want = naive(a, am, ak, b, bn, bk, M, N, K, bias);
          want.forEach((w, i) => expect(c[i]).toBeCloseTo(w, 12));
          expect([...c.subarray(M * N)].every(Number.isNaN)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
