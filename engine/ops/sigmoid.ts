// Sigmoid: torch.sigmoid, 1 / (1 + e^−x), computed without overflow on either side; grad g·y·(1 − y).
import { z } from 'zod';
import { sizeOf } from '../tensor';
import type { OpDef } from './types';

export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const sigmoid: OpDef<Record<string, never>> = {
  op: 'Sigmoid',
  category: 'activations',
  summary: '1 / (1 + e^−x), elementwise (torch.sigmoid)',
  inputs: ['in'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'unary',
    // exp(−x) overflowing to inf still gives 0, never NaN.
    forward: (x) => `(1.0 / (1.0 + exp(-${x})))`,
    backward: (_x, y, g) => `(${g} * ${y} * (1.0 - ${y}))`,
  },
  forward({ inputs: [x], out }) {
    const a = x.data, o = out.data, n = sizeOf(out.shape);
    for (let i = 0; i < n; i++) o[i] = sigmoidOf(a[i]);
  },
  backward({ out, gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const y = out.data, g = gradOut.data, d = gx.data, n = sizeOf(gx.shape);
    for (let i = 0; i < n; i++) d[i] = g[i] * y[i] * (1 - y[i]);
  },
  torch: { forward: (_a, { inputs: [x] }) => `torch.sigmoid(${x})` },
  onnx: { emit: (_a, c) => void c.op('Sigmoid', c.inputs, {}, c.output) },
};
