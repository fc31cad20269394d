// Shape rules over symbolic shapes (dims are sizes or 'B'): PyTorch broadcasting, and refusals that name the port.
import { describe, expect, it } from 'vitest';
import { getOp } from '../../engine/ops/registry';
import type { ShapeResult } from '../../engine/ops/types';
import type { Shape } from '../../engine/tensor';

function shapeOf(op: string, inputs: Shape[], attrs: Record<string, unknown> = {}): ShapeResult {
  const def = getOp(op)!;
  return def.shape(inputs, def.attrs.parse(attrs));
}

function refusal(r: ShapeResult): { error: string; port?: string } {
  if (!('error' in r)) throw new Error(`expected a refusal, got shape [${r.shape.join(', ')}]`);
  return r;
}

describe('broadcasting (Add, Sub, Mul)', () => {
  it.each([
    [['B', 3], [3], ['B', 3]],
    [['B', 1], ['B', 3], ['B', 3]],
    [[], ['B', 2], ['B', 2]],
    [['B', 1], [1, 4], ['B', 4]],
    [[3], ['B', 3], ['B', 3]],
    [['B', 3], ['B', 3], ['B', 3]],
    [[], [], []],
    [[1], [5], [5]],
    [[2, 1], [1, 3], [2, 3]],
  ] as [Shape, Shape, Shape][])('%j with %j gives %j', (a, b, out) => {
    for (const op of ['Add', 'Sub', 'Mul']) expect(shapeOf(op, [a, b])).toEqual({ shape: out });
  });

  it('B against a fixed size > 1 is refused, naming port b and both shapes', () => {
    const r = refusal(shapeOf('Add', [['B', 3], [4, 3]]));
    expect(r.port).toBe('b');
    expect(r.error).toContain('[B, 3]');
    expect(r.error).toContain('[4, 3]');
    expect(r.error).toMatch(/batch dimension B/);
  });

  it('two different fixed sizes are refused', () => {
    const r = refusal(shapeOf('Mul', [['B', 3], [2]]));
    expect(r.port).toBe('b');
    expect(r.error).toMatch(/3 and 2/);
  });
});

describe('MatMul', () => {
  it('[M, K] @ [K, N] gives [M, N], with B on either side', () => {
    expect(shapeOf('MatMul', [['B', 3], [3, 2]])).toEqual({ shape: ['B', 2] });
    expect(shapeOf('MatMul', [[2, 'B'], ['B', 4]])).toEqual({ shape: [2, 4] });
  });
  it('refuses rank ≠ 2 on the port at fault, and mismatched inner sizes on b', () => {
    expect(refusal(shapeOf('MatMul', [[3], [3, 2]])).port).toBe('a');
    expect(refusal(shapeOf('MatMul', [['B', 3], [3]])).port).toBe('b');
    const r = refusal(shapeOf('MatMul', [['B', 3], [4, 2]]));
    expect(r.port).toBe('b');
    expect(r.error).toMatch(/3 columns.*4 rows/);
  });
});

describe('Linear', () => {
  it('[B, in] gives [B, out]; a vector [in] gives [out]', () => {
    expect(shapeOf('Linear', [['B', 2]], { in: 2, out: 4 })).toEqual({ shape: ['B', 4] });
    expect(shapeOf('Linear', [[2]], { in: 2, out: 4 })).toEqual({ shape: [4] });
  });
  it('wrong feature count is refused on port `in`, saying expected and found', () => {
    const r = refusal(shapeOf('Linear', [['B', 3]], { in: 2, out: 4 }));
    expect(r.port).toBe('in');
    expect(r.error).toMatch(/expects 2 input features.*got 3/);
  });
});

describe('Concat', () => {
  it('joins the last dims', () => {
    expect(shapeOf('Concat', [['B', 2], ['B', 3]])).toEqual({ shape: ['B', 5] });
    expect(shapeOf('Concat', [[2], [1]])).toEqual({ shape: [3] });
  });
  it('refuses different leading dims or ranks on b, and a scalar on its port', () => {
    expect(refusal(shapeOf('Concat', [['B', 2], [4, 3]])).port).toBe('b');
    expect(refusal(shapeOf('Concat', [['B', 2], [3]])).port).toBe('b');
    expect(refusal(shapeOf('Concat', [[], [3]])).port).toBe('a');
  });
});

describe('elementwise activations keep the shape', () => {
  it.each(['ReLU', 'LeakyReLU', 'Sigmoid', 'Tanh', 'GELU', 'Step', 'Softmax', 'LogSoftmax'])('%s', (op) => {
    expect(shapeOf(op, [['B', 3]])).toEqual({ shape: ['B', 3] });
    expect(shapeOf(op, [[]])).toEqual({ shape: [] });
  });
});

describe('Sum and Mean (keepdim false)', () => {
  it.each([
    [null, ['B', 3], []],
    [0, ['B', 3], [3]],
    [1, ['B', 3], ['B']],
    [-1, ['B', 3], ['B']],
    [0, [4], []],
    [-1, [4], []],
    [null, [], []],
  ] as [number | null, Shape, Shape][])('dim %j of %j gives %j', (dim, x, out) => {
    expect(shapeOf('Sum', [x], { dim })).toEqual({ shape: out });
    expect(shapeOf('Mean', [x], { dim })).toEqual({ shape: out });
  });
  it('dim 1 of a vector is refused on port `in`', () => {
    expect(refusal(shapeOf('Sum', [[4]], { dim: 1 })).port).toBe('in');
  });
});

describe('losses', () => {
  it('MSE, BCE and BCEWithLogits need the same shape and give a scalar', () => {
    for (const op of ['MSELoss', 'BCELoss', 'BCEWithLogitsLoss']) {
      expect(shapeOf(op, [['B', 1], ['B', 1]])).toEqual({ shape: [] });
      expect(shapeOf(op, [['B'], ['B']])).toEqual({ shape: [] });
    }
  });
  it('[B, 1] against [B] is refused on `target` with a message that says how to fix it', () => {
    for (const op of ['MSELoss', 'BCELoss', 'BCEWithLogitsLoss']) {
      const r = refusal(shapeOf(op, [['B', 1], ['B']]));
      expect(r.port).toBe('target');
      expect(r.error).toContain('input [B, 1] and target [B]');
      expect(r.error).toContain('`features: 1`');
      expect(refusal(shapeOf(op, [['B'], ['B', 1]])).error).toMatch(/make the input \[B, 1\]/);
    }
  });
  it('CrossEntropy and NLL take [B, K] scores and [B] class indices', () => {
    for (const op of ['CrossEntropyLoss', 'NLLLoss']) {
      expect(shapeOf(op, [['B', 3], ['B']])).toEqual({ shape: [] });
      expect(refusal(shapeOf(op, [['B'], ['B']])).port).toBe('input');
      const r = refusal(shapeOf(op, [['B', 3], ['B', 1]]));
      expect(r.port).toBe('target');
      expect(r.error).toMatch(/class indices \[B\].*classes/);
      expect(refusal(shapeOf(op, [['B', 3], [4]])).port).toBe('target');
    }
  });
});

describe('sources', () => {
  it('Input is [B, features]; Target is [B, features] or [B] with classes; Constant and Parameter have their own shape', () => {
    expect(shapeOf('Input', [], { features: 3 })).toEqual({ shape: ['B', 3] });
    expect(shapeOf('Target', [], {})).toEqual({ shape: ['B', 1] });
    expect(shapeOf('Target', [], { features: 2 })).toEqual({ shape: ['B', 2] });
    expect(shapeOf('Target', [], { classes: 3 })).toEqual({ shape: ['B'] });
    expect(shapeOf('Constant', [], { value: [[1, 2, 3], [4, 5, 6]] })).toEqual({ shape: [2, 3] });
    expect(shapeOf('Constant', [], { value: [1, 2] })).toEqual({ shape: [2] });
    expect(shapeOf('Constant', [], { value: 1 })).toEqual({ shape: [] });
    expect(shapeOf('Parameter', [], {})).toEqual({ shape: [] });
    expect(shapeOf('Parameter', [], { shape: [2, 3] })).toEqual({ shape: [2, 3] });
  });
});
