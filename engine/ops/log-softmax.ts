// LogSoftmax over the last dimension (F.log_softmax(x, dim=-1)): x − max − log Σ exp(x − max).
// Backward: dx = g − softmax·Σ g per row, softmax recovered as exp(y).
import { z } from 'zod';
import { colsOf, rowsOf } from './broadcast';
import type { OpDef } from './types';
import { rowLogSumExp } from './rows';
import { lastDim, rowMaxSum } from '../webgpu/wgsl-lib';

export const logSoftmax: OpDef<Record<string, never>> = {
  op: 'LogSoftmax',
  category: 'activations',
  summary: 'log of the softmax over the last dimension, computed stably',
  inputs: ['in'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'custom',
    forward: ({ inputs: [x], out }) => ({ count: out.shape, body: `${rowMaxSum(x, lastDim(x))}\n${out.set('i', `${x.at('i')} - mx - log(se)`)}` }),
    gradInputs: [
      // dx = g − exp(y) · Σ_j g_j over the row
      ({ out: y, gradOut: g }, t) => {
        const K = lastDim(y);
        return {
          count: y.shape,
          body: `let r0 = (i / ${K}) * ${K};
var d = 0.0;
for (var j = 0u; j < ${K}; j++) { d += ${g.at('r0 + j')}; }
${t.set('i', `${g.at('i')} - exp(${y.at('i')}) * d`)}`,
        };
      },
    ],
  },
  forward({ inputs: [x], out }) {
    const a = x.data, o = out.data, R = rowsOf(x.shape), C = colsOf(x.shape);
    for (let r = 0; r < R; r++) {
      const b = r * C;
      const lse = rowLogSumExp(a, b, C);
      for (let c = 0; c < C; c++) o[b + c] = a[b + c] - lse;
    }
  },
  backward({ out, gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const y = out.data, g = gradOut.data, d = gx.data, R = rowsOf(out.shape), C = colsOf(out.shape);
    for (let r = 0; r < R; r++) {
      const b = r * C;
      let s = 0;
      for (let c = 0; c < C; c++) s += g[b + c];
      for (let c = 0; c < C; c++) d[b + c] = g[b + c] - Math.exp(y[b + c]) * s;
    }
  },
  torch: { forward: (_a, { inputs: [x] }) => `F.log_softmax(${x}, dim=-1)` },
  onnx: { emit: (_a, c) => void c.op('LogSoftmax', c.inputs, { axis: { i: -1 } }, c.output) },
};
