// SGD and Adam reproduce torch.optim (Debian's PyTorch, float64) step by step on fixed params and gradients.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { adamStep, sgdStep } from '../../engine/train/optimizers';
import { runTorch } from '../ops/torch';

interface Case {
  p: number[];
  grads: number[][];
  opt: { type: 'sgd' | 'adam'; lr: number; momentum: number; weightDecay: number; betas: [number, number]; eps: number };
}

const p = [0.5, -1.25, 2, 0.001];
const grads = [[0.1, -0.2, 0.3, 0], [1.5, 0.25, -0.75, 1e-3], [-0.4, 0.4, 0.05, -2], [0.2, 0.2, 0.2, 0.2]];
const base = { momentum: 0, weightDecay: 0, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
const cases: Case[] = [
  { p, grads, opt: { ...base, type: 'sgd', lr: 0.1 } },
  { p, grads, opt: { ...base, type: 'sgd', lr: 0.05, momentum: 0.9 } },
  { p, grads, opt: { ...base, type: 'sgd', lr: 0.05, momentum: 0.5, weightDecay: 0.01 } },
  { p, grads, opt: { ...base, type: 'adam', lr: 0.01 } },
  { p, grads, opt: { ...base, type: 'adam', lr: 0.1, betas: [0.8, 0.99], eps: 1e-3, weightDecay: 0.1 } },
];

function ours(c: Case): Float64Array {
  const v = Float64Array.from(c.p), m = new Float64Array(v.length), s = new Float64Array(v.length);
  c.grads.forEach((g, k) => {
    const grad = Float64Array.from(g);
    if (c.opt.type === 'sgd') sgdStep(v, grad, m, k === 0, c.opt);
    else adamStep(v, grad, m, s, k + 1, { lr: c.opt.lr, beta1: c.opt.betas[0], beta2: c.opt.betas[1], eps: c.opt.eps, weightDecay: c.opt.weightDecay });
  });
  return v;
}

describe('optimisers match torch.optim', () => {
  const expected = runTorch<number[][]>(fileURLToPath(new URL('./optimizers.py', import.meta.url)), cases);
  cases.forEach((c, i) => {
    const o = c.opt;
    test(`${o.type} lr=${o.lr} momentum=${o.momentum} weightDecay=${o.weightDecay} betas=${o.betas} eps=${o.eps}, ${c.grads.length} steps`, () => {
      const got = ours(c);
      expected[i].forEach((e, k) => expect(got[k]).toBeCloseTo(e, 12));
    });
  });

  test('the first momentum step sets the buffer to the gradient (no decay of a zero buffer)', () => {
    const v = Float64Array.of(1), buf = Float64Array.of(123);
    sgdStep(v, Float64Array.of(2), buf, true, { lr: 0.1, momentum: 0.9, weightDecay: 0 });
    expect(buf[0]).toBe(2);
    expect(v[0]).toBeCloseTo(0.8, 15);
  });
});
