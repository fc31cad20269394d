// Softmax over the last dimension (F.softmax(x, dim=-1)), each row shifted by its max so exp never overflows.
// Backward: dx = y·(g − Σ g·y) per row.
import { z } from 'zod';
import { colsOf, rowsOf } from './broadcast';
import type { OpDef } from './types';
import { lastDim, rowMaxSum } from '../webgpu/wgsl-lib';

export const softmax: OpDef<Record<string, never>> = {
  op: 'Softmax',
  category: 'activations',
  summary: 'exp(x) / Σ exp(x) over the last dimension',
  inputs: ['in'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'custom',
    forward: ({ inputs: [x], out }) => ({ count: out.shape, body: `${rowMaxSum(x, lastDim(x))}\n${out.set('i', `exp(${x.at('i')} - mx) / se`)}` }),
    gradInputs: [
      // dx = y · (g − Σ_j g_j y_j) over the row
      ({ out: y, gradOut: g }, t) => {
        const K = lastDim(y);
        return {
          count: y.shape,
          body: `let r0 = (i / ${K}) * ${K};
var d = 0.0;
for (var j = 0u; j < ${K}; j++) { d += ${g.at('r0 + j')} * ${y.at('r0 + j')}; }
${t.set('i', `${y.at('i')} * (${g.at('i')} - d)`)}`,
        };
      },
    ],
  },
  forward({ inputs: [x], out }) {
    const a = x.data, o = out.data, R = rowsOf(x.shape), C = colsOf(x.shape);
    for (let r = 0; r < R; r++) {
      const b = r * C;
      let m = -Infinity;
      for (let c = 0; c < C; c++) if (a[b + c] > m) m = a[b + c];
      let s = 0;
      for (let c = 0; c < C; c++) s += o[b + c] = Math.exp(a[b + c] - m);
      for (let c = 0; c < C; c++) o[b + c] /= s;
    }
  },
  backward({ out, gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const y = out.data, g = gradOut.data, d = gx.data, R = rowsOf(out.shape), C = colsOf(out.shape);
    for (let r = 0; r < R; r++) {
      const b = r * C;
      let dot = 0;
      for (let c = 0; c < C; c++) dot += g[b + c] * y[b + c];
      for (let c = 0; c < C; c++) d[b + c] = y[b + c] * (g[b + c] - dot);
    }
  },
  torch: { forward: (_a, { inputs: [x] }) => `F.softmax(${x}, dim=-1)` },
  onnx: { emit: (_a, c) => void c.op('Softmax', c.inputs, { axis: { i: -1 } }, c.output) },
};
