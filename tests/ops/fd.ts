// Central finite differences in float64, and a readable closeness check: the oracle for every backward.
// Shared: op tests use it per op, graph tests reuse it over whole plans (perturb a buffer, re-run, compare).
import type { FloatArray } from '../../engine/tensor';

/** Default step: with float64 the central difference's error is ~h² (truncation) + 1e-16/h (rounding) ≈ 1e-10. */
export const FD_STEP = 1e-6;

/** d f / d x[i] for i < n by (f(x + h) − f(x − h)) / 2h. Perturbs `x` in place and restores it. */
export function numericGradient(f: () => number, x: FloatArray, n: number = x.length, h: number = FD_STEP): Float64Array {
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x0 = x[i];
    x[i] = x0 + h;
    const fp = f();
    x[i] = x0 - h;
    const fm = f();
    x[i] = x0;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/** Σ a[i]·b[i] over i < n: turns a tensor output into the scalar whose gradient is the vector-Jacobian product. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Tolerance for an analytic gradient against a float64 central difference. */
export const FD_TOL: Tolerance = { rtol: 1e-6, atol: 1e-7 };

/**
 * null when |actual − expected| ≤ atol + rtol·|expected| for every i < n (NaN equals only NaN);
 * otherwise a message naming the first element that is off.
 */
export function mismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, n: number, tol: Tolerance): string | null {
  for (let i = 0; i < n; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    const diff = Math.abs(a - e);
    if (!(diff <= tol.atol + tol.rtol * Math.abs(e))) {
      return `element ${i} of ${n}: got ${a}, expected ${e} (|diff| ${diff.toExponential(2)})`;
    }
  }
  return null;
}
