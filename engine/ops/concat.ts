// Concat: torch.cat([a, b], dim=-1). Both inputs have the same rank (1 or 2) and, for rank 2, the same rows;
// the last dims (fixed sizes, never B) add up.
import { z } from 'zod';
import { formatShape } from '../tensor';
import { colsOf, rowsOf } from './broadcast';
import type { OpDef } from './types';
import { lastDim } from '../webgpu/wgsl-lib';

export const concat: OpDef<Record<string, never>> = {
  op: 'Concat',
  category: 'math',
  summary: 'join a and b along the last dimension (torch.cat dim=-1)',
  inputs: ['a', 'b'],
  attrs: z.strictObject({}),
  params: () => [],
  shape([a, b]) {
    for (const [s, port] of [[a, 'a'], [b, 'b']] as const) {
      if (s.length < 1 || s.length > 2) return { error: `Concat needs a vector or a matrix on port \`${port}\`, got ${formatShape(s)}`, port };
      const last = s[s.length - 1];
      if (last === 'B') return { error: `Concat joins along the last dimension, which must be a fixed size; port \`${port}\` has ${formatShape(s)}`, port };
    }
    if (a.length !== b.length || (a.length === 2 && a[0] !== b[0])) {
      return { error: `Concat needs the same leading dimensions: \`a\` is ${formatShape(a)}, \`b\` is ${formatShape(b)}`, port: 'b' };
    }
    const ca = a[a.length - 1] as number, cb = b[b.length - 1] as number;
    return { shape: a.length === 2 ? [a[0], ca + cb] : [ca + cb] };
  },
  wgsl: {
    kind: 'custom',
    forward: ({ inputs: [a, b], out }) => {
      const FA = lastDim(a), FB = lastDim(b), F = lastDim(out);
      return {
        count: out.shape,
        body: `let r = i / ${F}; let c = i % ${F};
if (c < ${FA}) { ${out.set('i', a.at(`r * ${FA} + c`))} } else { ${out.set('i', b.at(`r * ${FB} + c - ${FA}`))} }`,
      };
    },
    gradInputs: [
      ({ inputs: [a], gradOut: g, out }, t) => {
        const FA = lastDim(a), F = lastDim(out);
        return { count: a.shape, body: t.set('i', g.at(`(i / ${FA}) * ${F} + i % ${FA}`)) };
      },
      ({ inputs: [a, b], gradOut: g, out }, t) => {
        const FA = lastDim(a), FB = lastDim(b), F = lastDim(out);
        return { count: b.shape, body: t.set('i', g.at(`(i / ${FB}) * ${F} + ${FA} + i % ${FB}`)) };
      },
    ],
  },
  forward({ inputs: [a, b], out }) {
    const ad = a.data, bd = b.data, o = out.data;
    const R = rowsOf(out.shape), A = colsOf(a.shape), Bc = colsOf(b.shape), C = A + Bc;
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < A; c++) o[r * C + c] = ad[r * A + c];
      for (let c = 0; c < Bc; c++) o[r * C + A + c] = bd[r * Bc + c];
    }
  },
  backward({ inputs: [a, b], gradOut, gradInputs: [ga, gb] }) {
    const g = gradOut.data;
    const R = rowsOf(gradOut.shape), A = colsOf(a.shape), Bc = colsOf(b.shape), C = A + Bc;
    if (ga) for (let r = 0; r < R; r++) for (let c = 0; c < A; c++) ga.data[r * A + c] = g[r * C + c];
    if (gb) for (let r = 0; r < R; r++) for (let c = 0; c < Bc; c++) gb.data[r * Bc + c] = g[r * C + A + c];
  },
  torch: { forward: (_a, { inputs: [a, b] }) => `torch.cat([${a}, ${b}], dim=-1)` },
  onnx: { emit: (_a, c) => void c.op('Concat', c.inputs, { axis: { i: -1 } }, c.output) },
};
