// The WebAssembly SIMD matrix kernel (engine/cpu/wasm/gemm.wat) holds gemm()'s contract: C = bias + A·Bᵀ through
// strides, C overwritten and nothing past it touched, for every size (1, odd, tile and block edges), every layout,
// with and without bias, operands inside the arena or copied in from outside. Checked against a float64 sum to
// 1e-5 of Σ|terms| (float32 sums in a different order than the JS kernel's double sums). Node has WebAssembly SIMD,
// so here a missing kernel is a failure, not a fallback.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gemm } from '../../engine/cpu/gemm';
import { createArena, inArena, wasmGemmAvailable, wasmGemmCalls } from '../../engine/cpu/wasm/simd-gemm';

function random(n: number, seed: number): Float32Array {
  let s = seed + 1;
  return Float32Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

interface Case {
  M: number; N: number; K: number;
  aT: boolean; bT: boolean; withBias: boolean; seed: number;
  /** Operands passed as plain arrays outside the arena (as a machine's shared params are). */
  foreign?: boolean;
}

/** Runs one product on the kernel and returns the worst error as a fraction of Σ|bias, A·B terms|. */
function worstError({ M, N, K, aT, bT, withBias, seed, foreign }: Case): number {
  const ins = [random(M * K, seed), random(N * K, seed + 1), random(N, seed + 2)];
  const arena = createArena([M * K, N * K, N, M * N + 5], foreign ? M * K + N * K + N + 12 : 0);
  if (!arena) throw new Error('no WebAssembly SIMD arena');
  const [a, b, z] = foreign ? ins : arena.slice(0, 3).map((v, i) => (v.set(ins[i]), v));
  const c = arena[3].fill(NaN);
  const [am, ak] = aT ? [1, M] : [K, 1];
  const [bn, bk] = bT ? [1, N] : [K, 1];
  const before = wasmGemmCalls();
  gemm(a, am, ak, b, bn, bk, c, M, N, K, withBias ? z : null);
  expect(wasmGemmCalls()).toBe(before + 1);
  // Junk past M·N stays untouched.
  expect([...c.subarray(M * N)].every(Number.isNaN)).toBe(true);
  let worst = 0;
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = withBias ? z[n] : 0, size = Math.abs(s);
      for (let k = 0; k < K; k++) {
        const t = a[m * am + k * ak] * b[n * bn + k * bk];
        s += t;
        size += Math.abs(t);
      }
      worst = Math.max(worst, Math.abs(c[m * N + n] - s) / (size || 1));
    }
  }
  return worst;
}

describe('WebAssembly SIMD gemm', () => {
  test('Node has WebAssembly SIMD, and an arena\'s arrays live in its memory', () => {
    expect(wasmGemmAvailable()).toBe(true);
    const arena = createArena([3, 5], 0);
    expect(arena).not.toBeNull();
    expect(arena?.every(inArena)).toBe(true);
    expect(inArena(new Float32Array(3))).toBe(false);
  });

  test('every size from 1 to 20, every layout, with and without bias', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 1000 }),
        (M, N, K, aT, bT, withBias, seed) => {
          expect(worstError({ M, N, K, aT, bT, withBias, seed })).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  test('sizes across the kernel\'s blocks (256 of K, 512 columns) and their edges, rows past the last 4', () => {
    const shapes = [[129, 9, 257], [5, 515, 3], [131, 517, 260], [256, 16, 784], [1, 1, 1000], [1000, 1, 1]];
    for (const [M, N, K] of shapes) {
      for (const [aT, bT, withBias] of [[false, false, true], [true, false, false], [false, true, true], [true, true, true]]) {
        expect(worstError({ M, N, K, aT, bT, withBias, seed: M + N + K })).toBeLessThan(1e-5);
      }
    }
  });

  test('operands from outside the arena are copied into its staging area', () => {
    for (const [M, N, K] of [[1, 1, 1], [7, 10, 13], [64, 16, 33]]) {
      expect(worstError({ M, N, K, aT: false, bT: false, withBias: true, seed: 5, foreign: true })).toBeLessThan(1e-5);
      expect(worstError({ M, N, K, aT: true, bT: true, withBias: false, seed: 6, foreign: true })).toBeLessThan(1e-5);
    }
  });

  test('what does not fit the staging area, or is not float32, runs on the JS kernel', () => {
    const [c] = createArena([4], 0) ?? [];
    const before = wasmGemmCalls();
    gemm(new Float32Array([1, 2]), 1, 1, new Float32Array([3, 4]), 1, 1, c, 2, 2, 1, null);
    expect(wasmGemmCalls()).toBe(before);
    expect([...c]).toEqual([3, 4, 6, 8]);
    const [d] = createArena([4], 8) ?? [];
    gemm(new Float64Array([1, 2]), 1, 1, new Float32Array([3, 4]), 1, 1, d, 2, 2, 1, null);
    expect(wasmGemmCalls()).toBe(before);
    expect([...d]).toEqual([3, 4, 6, 8]);
  });
});
