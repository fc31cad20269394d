// Mul: a * b, broadcast like PyTorch; d/da = g·b and d/db = g·a, each summed back to its input's shape.
import { z } from 'zod';
import { broadcastShapes, colStride, colsOf, rowStride, rowsOf, sumToShape } from './broadcast';
import type { OpDef } from './types';

export const mul: OpDef<Record<string, never>> = {
  op: 'Mul',
  category: 'math',
  summary: 'a * b, elementwise with broadcasting',
  inputs: ['a', 'b'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([a, b]) => broadcastShapes('Mul', a, b),
  wgsl: {
    kind: 'binary',
    forward: (a, b) => `(${a} * ${b})`,
    gradA: (_a, b, g) => `(${g} * ${b})`,
    gradB: (a, _b, g) => `(${g} * ${a})`,
  },
  forward({ inputs: [a, b], out }) {
    const ad = a.data, bd = b.data, o = out.data, R = rowsOf(out.shape), C = colsOf(out.shape);
    const ar = rowStride(a.shape), ac = colStride(a.shape), br = rowStride(b.shape), bc = colStride(b.shape);
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) o[r * C + c] = ad[r * ar + c * ac] * bd[r * br + c * bc];
  },
  backward({ inputs: [a, b], gradOut, gradInputs: [ga, gb] }) {
    if (ga) sumToShape(ga, gradOut, b, 1);
    if (gb) sumToShape(gb, gradOut, a, 1);
  },
  torch: { forward: (_a, { inputs: [a, b] }) => `${a} * ${b}` },
  onnx: { emit: (_a, c) => void c.op('Mul', c.inputs, {}, c.output) },
};
