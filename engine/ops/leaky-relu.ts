// LeakyReLU: F.leaky_relu(x, negativeSlope). Pinned: `negativeSlope` 0.01 (any finite number).
// The gradient at exactly 0 takes the slope side, as PyTorch (x > 0 ? 1 : slope).
import { z } from 'zod';
import { sizeOf } from '../tensor';
import type { OpDef } from './types';
import { f32 } from '../webgpu/kernel-types';

export interface LeakyReluAttrs {
  negativeSlope: number;
}

export const leakyRelu: OpDef<LeakyReluAttrs> = {
  op: 'LeakyReLU',
  category: 'activations',
  summary: 'x if x > 0 else slope·x, elementwise (F.leaky_relu)',
  inputs: ['in'],
  attrs: z.strictObject({ negativeSlope: z.number().default(0.01) }),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'unary',
    forward: (x, a) => `select(${x} * ${f32(a.negativeSlope)}, ${x}, ${x} > 0.0)`,
    backward: (x, _y, g, a) => `select(${g} * ${f32(a.negativeSlope)}, ${g}, ${x} > 0.0)`,
  },
  forward({ attrs: { negativeSlope: s }, inputs: [x], out }) {
    const a = x.data, o = out.data, n = sizeOf(out.shape);
    for (let i = 0; i < n; i++) o[i] = a[i] > 0 ? a[i] : s * a[i];
  },
  backward({ attrs: { negativeSlope: s }, inputs: [x], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, g = gradOut.data, d = gx.data, n = sizeOf(gx.shape);
    for (let i = 0; i < n; i++) d[i] = a[i] > 0 ? g[i] : s * g[i];
  },
  torch: { forward: (a, { inputs: [x] }) => `F.leaky_relu(${x}, negative_slope=${a.negativeSlope})` },
  onnx: { emit: (a, c) => void c.op('LeakyRelu', c.inputs, { alpha: { f: a.negativeSlope } }, c.output) },
};
