// Add: a + b, broadcast like PyTorch; each input's gradient is the upstream gradient summed back to its shape.
import { z } from 'zod';
import { broadcastShapes, colStride, colsOf, rowStride, rowsOf, sumToShape } from './broadcast';
import type { OpDef } from './types';

export const add: OpDef<Record<string, never>> = {
  op: 'Add',
  category: 'math',
  summary: 'a + b, elementwise with broadcasting',
  inputs: ['a', 'b'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([a, b]) => broadcastShapes('Add', a, b),
  wgsl: {
    kind: 'binary',
    forward: (a, b) => `(${a} + ${b})`,
    gradA: (_a, _b, g) => g,
    gradB: (_a, _b, g) => g,
  },
  forward({ inputs: [a, b], out }) {
    const ad = a.data, bd = b.data, o = out.data, R = rowsOf(out.shape), C = colsOf(out.shape);
    const ar = rowStride(a.shape), ac = colStride(a.shape), br = rowStride(b.shape), bc = colStride(b.shape);
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) o[r * C + c] = ad[r * ar + c * ac] + bd[r * br + c * bc];
  },
  backward({ gradOut, gradInputs: [ga, gb] }) {
    if (ga) sumToShape(ga, gradOut, null, 1);
    if (gb) sumToShape(gb, gradOut, null, 1);
  },
  torch: { forward: (_a, { inputs: [a, b] }) => `${a} + ${b}` },
  onnx: { emit: (_a, c) => void c.op('Add', c.inputs, {}, c.output) },
};
