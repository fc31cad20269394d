// The registry is the palette: every op of the catalogue, grouped by category, each with a one-line summary.
import { describe, expect, it } from 'vitest';
import { OP_NAMES, getOp } from '../../engine/ops/registry';
import type { OpCategory } from '../../engine/ops/types';

const CATALOGUE: Record<OpCategory, string[]> = {
  data: ['Input', 'Target', 'Constant', 'Parameter'],
  layers: ['Linear'],
  activations: ['ReLU', 'LeakyReLU', 'Sigmoid', 'Tanh', 'GELU', 'Step', 'Softmax', 'LogSoftmax'],
  math: ['MatMul', 'Add', 'Sub', 'Mul', 'Concat', 'Sum', 'Mean'],
  losses: ['MSELoss', 'BCELoss', 'BCEWithLogitsLoss', 'CrossEntropyLoss', 'NLLLoss'],
};

describe('op registry', () => {
  it('lists every op of graph-format.md, grouped by category in palette order', () => {
    expect(OP_NAMES).toEqual(Object.values(CATALOGUE).flat());
    for (const [category, ops] of Object.entries(CATALOGUE)) {
      for (const op of ops) expect(getOp(op)!.category, op).toBe(category);
    }
  });

  it('every op has a one-line summary and the ports of the spec', () => {
    for (const name of OP_NAMES) {
      const op = getOp(name)!;
      expect(op.summary.length, name).toBeGreaterThan(5);
      expect(op.summary, name).not.toContain('\n');
    }
    expect(getOp('Linear')!.inputs).toEqual(['in']);
    for (const op of ['MatMul', 'Add', 'Sub', 'Mul', 'Concat']) expect(getOp(op)!.inputs).toEqual(['a', 'b']);
    for (const op of CATALOGUE.activations.concat(['Sum', 'Mean'])) expect(getOp(op)!.inputs).toEqual(['in']);
  });

  it('losses are losses, with no gradient into `target`', () => {
    for (const name of OP_NAMES) {
      const op = getOp(name)!;
      expect(op.isLoss ?? false, name).toBe(op.category === 'losses');
      if (op.isLoss) {
        expect(op.inputs).toEqual(['input', 'target']);
        expect(op.noGradPorts).toEqual(['target']);
      }
    }
  });

  it('Input and Target are sources of x and y with no ports; nothing else is a source', () => {
    expect(getOp('Input')!.source).toBe('x');
    expect(getOp('Target')!.source).toBe('y');
    for (const name of OP_NAMES) {
      const op = getOp(name)!;
      if (op.source) expect(op.inputs).toEqual([]);
      else expect(['Input', 'Target']).not.toContain(name);
    }
  });

  it('unknown ops are not found (names are case-sensitive)', () => {
    expect(getOp('relu')).toBeUndefined();
    expect(getOp('Conv2d')).toBeUndefined();
  });
});
