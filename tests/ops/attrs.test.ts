// Attr schemas: defaults as graph-format.md, unknown or malformed attrs refused with a message that names the attr.
import { describe, expect, it } from 'vitest';
import { getOp } from '../../engine/ops/registry';

function parse(op: string, attrs: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = getOp(op)!.attrs.safeParse(attrs);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: JSON.stringify(r.error.issues) };
}

function refused(op: string, attrs: unknown): string {
  const r = parse(op, attrs);
  if (r.ok) throw new Error(`${op} accepted ${JSON.stringify(attrs)}`);
  return r.message;
}

describe('defaults', () => {
  it.each([
    ['Linear', { in: 2, out: 3 }, { in: 2, out: 3, bias: true }],
    ['LeakyReLU', {}, { negativeSlope: 0.01 }],
    ['GELU', {}, { approximate: 'none' }],
    ['Step', {}, { surrogate: 'none' }],
    ['Sum', {}, { dim: null }],
    ['Mean', {}, { dim: null }],
    ['Parameter', {}, { shape: [], init: 'zeros', scale: 1 }],
    ['Target', {}, { features: 1 }],
    ['Target', { classes: 3 }, { classes: 3 }],
    ['Input', { features: 2 }, { features: 2 }],
    ['MSELoss', {}, { reduction: 'mean' }],
    ['BCELoss', {}, { reduction: 'mean' }],
    ['BCEWithLogitsLoss', {}, { reduction: 'mean' }],
    ['CrossEntropyLoss', {}, { reduction: 'mean' }],
    ['NLLLoss', {}, { reduction: 'mean' }],
  ])('%s %j parses to %j', (op, attrs, want) => {
    expect(parse(op, attrs)).toEqual({ ok: true, value: want });
  });
});

describe('refusals', () => {
  it('unknown attrs are refused (usually typos)', () => {
    expect(refused('ReLU', { slope: 1 })).toMatch(/slope/);
    expect(refused('Linear', { in: 2, out: 3, bais: false })).toMatch(/bais/);
  });
  it('Linear needs `in` and `out` as integers ≥ 1', () => {
    expect(refused('Linear', { out: 3 })).toMatch(/"in"/);
    expect(refused('Linear', { in: 0, out: 3 })).toMatch(/"in"/);
    expect(refused('Linear', { in: 2.5, out: 3 })).toMatch(/"in"/);
  });
  it('Input needs `features`, and `columns` of that length (indices or names, not mixed)', () => {
    expect(refused('Input', {})).toMatch(/features/);
    expect(parse('Input', { features: 2, columns: [3, 0] }).ok).toBe(true);
    expect(parse('Input', { features: 2, columns: ['age', 'bmi'] }).ok).toBe(true);
    expect(refused('Input', { features: 2, columns: [0] })).toMatch(/columns/);
    expect(refused('Input', { features: 2, columns: [0, 'bmi'] })).toMatch(/columns/);
    expect(refused('Input', { features: 1, columns: [-1] })).toMatch(/columns/);
  });
  it('Target takes `features` or `classes` (K ≥ 2), not both', () => {
    expect(refused('Target', { features: 1, classes: 3 })).toMatch(/not both/);
    expect(refused('Target', { classes: 1 })).toMatch(/classes/);
  });
  it('Constant needs a finite number or a rectangular array of rank ≤ 2', () => {
    expect(refused('Constant', {})).toMatch(/value/);
    expect(refused('Constant', { value: [[1, 2], [3]] })).toMatch(/same length/);
    expect(refused('Constant', { value: [] })).toMatch(/value/);
    expect(refused('Constant', { value: [[[1]]] })).toMatch(/value/);
    expect(refused('Constant', { value: Infinity })).toMatch(/value/);
  });
  it('Parameter shapes are [], [n] or [m, n] and inits are the four named ones', () => {
    expect(refused('Parameter', { shape: [1, 2, 3] })).toMatch(/shape/);
    expect(refused('Parameter', { shape: [0] })).toMatch(/shape/);
    expect(refused('Parameter', { init: 'xavier' })).toMatch(/init/);
  });
  it('choices are checked: reduction, approximate, surrogate, dim', () => {
    expect(refused('MSELoss', { reduction: 'none' })).toMatch(/reduction/);
    expect(refused('GELU', { approximate: 'erf' })).toMatch(/approximate/);
    expect(refused('Step', { surrogate: 'sigmoid' })).toMatch(/surrogate/);
    expect(refused('Sum', { dim: 2 })).toMatch(/dim/);
  });
});
