// Tanh: torch.tanh; grad g·(1 − y²).
import { z } from 'zod';
import { sizeOf } from '../tensor';
import type { OpDef } from './types';
import { WGSL_TANH } from '../webgpu/wgsl-lib';

export const tanh: OpDef<Record<string, never>> = {
  op: 'Tanh',
  category: 'activations',
  summary: 'tanh(x), elementwise (torch.tanh)',
  inputs: ['in'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'unary',
    helpers: WGSL_TANH,
    forward: (x) => `wg_tanh(${x})`,
    backward: (_x, y, g) => `(${g} * (1.0 - ${y} * ${y}))`,
  },
  forward({ inputs: [x], out }) {
    const a = x.data, o = out.data, n = sizeOf(out.shape);
    for (let i = 0; i < n; i++) o[i] = Math.tanh(a[i]);
  },
  backward({ out, gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const y = out.data, g = gradOut.data, d = gx.data, n = sizeOf(gx.shape);
    for (let i = 0; i < n; i++) d[i] = g[i] * (1 - y[i] * y[i]);
  },
  torch: { forward: (_a, { inputs: [x] }) => `torch.tanh(${x})` },
  onnx: { emit: (_a, c) => void c.op('Tanh', c.inputs, {}, c.output) },
};
