// erf and the normal CDF to float64 accuracy (JavaScript has no Math.erf), for GELU's exact form.
// |x| < 2.5: the all-positive series erf(x) = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1)) (no cancellation);
// beyond: erfc by its continued fraction (modified Lentz), which converges fast there.

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/** erf(x) for 0 ≤ x < 2.5. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x, sum = x;
  for (let n = 0; n < 200; n++) {
    term *= x2 / (2 * n + 3);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
}

/** erfc(x) for x ≥ 2.5: e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    d = x + an * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  const v = a < 2.5 ? erfSeries(a) : 1 - erfcFraction(a);
  return x < 0 ? -v : v;
}

/** erfc(x) = 1 − erf(x), without the cancellation for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  const v = a < 2.5 ? 1 - erfSeries(a) : erfcFraction(a);
  return x < 0 ? 2 - v : v;
}

/** Φ(x), the standard normal CDF, accurate in both tails. */
export function normalCdf(x: number): number {
  return x < 0 ? 0.5 * erfc(-x * Math.SQRT1_2) : 1 - 0.5 * erfc(x * Math.SQRT1_2);
}
