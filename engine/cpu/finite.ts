// The per-step check that every gradient and every updated weight is finite: on the SIMD kernel when the array is in
// a WebAssembly arena, else in JS with four independent sums (one sum makes each add wait for the last).
import type { FloatArray } from '../tensor';
import { wasmAllFinite } from './wasm/simd-gemm';

/** Whether x[0 .. n) holds no NaN and no ±Infinity. */
export function allFinite(x: FloatArray, n: number = x.length): boolean {
  const w = wasmAllFinite(x, n);
  if (w >= 0) return w === 1;
  const n4 = n - (n % 4);
  let z0 = 0, z1 = 0, z2 = 0, z3 = 0, i = 0;
  // x·0 is 0 for every finite x and NaN otherwise.
  for (; i < n4; i += 4) {
    z0 += x[i] * 0;
    z1 += x[i + 1] * 0;
    z2 += x[i + 2] * 0;
    z3 += x[i + 3] * 0;
  }
  for (; i < n; i++) z0 += x[i] * 0;
  return z0 + z1 + z2 + z3 === 0;
}
