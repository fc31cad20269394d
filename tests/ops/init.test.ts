// Default initialisation from the seed: Linear as PyTorch (U(−1/√in, 1/√in) for weight and bias), Parameter as its attrs say.
import { describe, expect, it } from 'vitest';
import { getOp } from '../../engine/ops/registry';
import { createRng } from '../../engine/rng';
import { sizeOf } from '../../engine/tensor';

function init(op: string, attrs: Record<string, unknown>, param: string, seed = 1): Float64Array {
  const def = getOp(op)!;
  const decl = def.params(def.attrs.parse(attrs)).find((p) => p.name === param)!;
  const out = new Float64Array(sizeOf(decl.shape));
  decl.init(createRng(seed, 'node', param), out);
  return out;
}

const max = (a: Float64Array) => a.reduce((m, v) => Math.max(m, v), -Infinity);
const min = (a: Float64Array) => a.reduce((m, v) => Math.min(m, v), Infinity);
const meanOf = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

describe('Linear default init', () => {
  it('declares weight [out, in] and bias [out], or weight alone without bias', () => {
    const def = getOp('Linear')!;
    expect(def.params(def.attrs.parse({ in: 3, out: 2 })).map((p) => [p.name, p.shape])).toEqual([
      ['weight', [2, 3]],
      ['bias', [2]],
    ]);
    expect(def.params(def.attrs.parse({ in: 3, out: 2, bias: false })).map((p) => p.name)).toEqual(['weight']);
  });

  it('draws weight and bias from U(−1/√in, 1/√in), filling the whole bound', () => {
    const bound = 1 / Math.sqrt(16);
    for (const param of ['weight', 'bias']) {
      const w = init('Linear', { in: 16, out: 400 }, param);
      expect(max(w)).toBeLessThanOrEqual(bound);
      expect(min(w)).toBeGreaterThanOrEqual(-bound);
      expect(max(w)).toBeGreaterThan(0.95 * bound);
      expect(min(w)).toBeLessThan(-0.95 * bound);
    }
  });

  it('is a function of the seed', () => {
    expect(init('Linear', { in: 2, out: 2 }, 'weight', 5)).toEqual(init('Linear', { in: 2, out: 2 }, 'weight', 5));
    expect(init('Linear', { in: 2, out: 2 }, 'weight', 5)).not.toEqual(init('Linear', { in: 2, out: 2 }, 'weight', 6));
  });
});

describe('Parameter init', () => {
  it('zeros (the default) and ones', () => {
    expect(Array.from(init('Parameter', { shape: [2, 2] }, 'value'))).toEqual([0, 0, 0, 0]);
    expect(Array.from(init('Parameter', { shape: [3], init: 'ones' }, 'value'))).toEqual([1, 1, 1]);
    expect(init('Parameter', {}, 'value').length).toBe(1);
  });

  it('uniform is U(−scale, scale)', () => {
    const v = init('Parameter', { shape: [50, 40], init: 'uniform', scale: 0.5 }, 'value');
    expect(max(v)).toBeLessThanOrEqual(0.5);
    expect(min(v)).toBeGreaterThanOrEqual(-0.5);
    expect(max(v)).toBeGreaterThan(0.49);
    expect(Math.abs(meanOf(v))).toBeLessThan(0.03);
  });

  it('normal is N(0, scale²)', () => {
    const v = init('Parameter', { shape: [100, 40], init: 'normal', scale: 2 }, 'value');
    const m = meanOf(v);
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) * (x - m), 0) / v.length);
    expect(Math.abs(m)).toBeLessThan(0.1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });
});
