// The per-step finiteness check (gradients, updated weights): the SIMD kernel on arena arrays and the JS loop on
// plain ones give the same answer for a NaN or an infinity anywhere, in the 16-float blocks or the tail.
import { describe, expect, test } from 'vitest';
import { allFinite } from '../../engine/cpu/finite';
import { createArena } from '../../engine/cpu/wasm/simd-gemm';

const BAD = [NaN, Infinity, -Infinity];

describe('allFinite', () => {
  test('on arena and plain arrays of every length up to 40, with one bad value at every position', () => {
    for (let n = 0; n <= 40; n++) {
      const [arena] = createArena([n], 0) ?? [];
      for (const x of [arena, new Float32Array(n), new Float64Array(n)]) {
        for (let i = 0; i < n; i++) x[i] = (i % 2 ? -1 : 1) * 3.4e38 * ((i + 1) / (n + 1));
        expect(allFinite(x)).toBe(true);
        for (let i = 0; i < n; i++) {
          const keep = x[i];
          for (const bad of BAD) {
            x[i] = bad;
            expect(allFinite(x)).toBe(false);
          }
          x[i] = keep;
        }
      }
    }
  });

  test('only the first n values count', () => {
    const [arena] = createArena([20], 0) ?? [];
    for (const x of [arena, new Float32Array(20)]) {
      x[17] = NaN;
      expect(allFinite(x, 17)).toBe(true);
      expect(allFinite(x, 18)).toBe(false);
    }
  });
});
