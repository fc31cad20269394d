// GELU's exact form rests on erf, which JavaScript lacks: ours agrees with the C library's (Python's math.erf) in float64.
import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf } from '../../engine/ops/erf';

// Reference values printed by Python's math.erf / math.erfc (the platform libm).
const ERF: [number, number][] = [
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [2, 0.9953222650189527],
  [2.4999, 0.9995928300996666],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [4, 0.9999999845827421],
];
const ERFC: [number, number][] = [
  [0.5, 0.4795001221869535],
  [2, 0.004677734981047265],
  [2.5, 0.0004069520174449589],
  [3, 2.2090496998585438e-5],
  [5, 1.5374597944280349e-12],
  [10, 2.088487583762545e-45],
  [20, 5.3958656116079005e-176],
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('erf', () => {
  it('matches libm to 1e-15 relative, and is odd', () => {
    for (const [x, want] of ERF) {
      expect(rel(erf(x), want), `erf(${x})`).toBeLessThan(1e-15);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(erf(0)).toBe(0);
  });

  it('erfc keeps its relative accuracy far in the tail, where 1 − erf would be 0', () => {
    for (const [x, want] of ERFC) expect(rel(erfc(x), want), `erfc(${x})`).toBeLessThan(1e-13);
    expect(rel(erfc(-3), 2 - 2.2090496998585438e-5)).toBeLessThan(1e-15);
  });

  it('the normal CDF is accurate in both tails', () => {
    expect(rel(normalCdf(-10 * Math.SQRT2), 0.5 * 2.088487583762545e-45)).toBeLessThan(1e-13);
    expect(normalCdf(0)).toBe(0.5);
    expect(rel(normalCdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
  });
});
