// Linear: nn.Linear(in, out, bias): y = x Wᵀ + b, weight [out, in], bias [out].
// Pinned: `in`, `out` required (int ≥ 1), `bias` true. Input [B, in] (or [in], giving [out]).
// Default init as PyTorch: U(−1/√in, 1/√in) for weight and bias.
import { z } from 'zod';
import { formatShape } from '../tensor';
import type { Rng } from '../rng';
import type { FloatArray } from '../tensor';
import { colsOf, rowsOf } from './broadcast';
import { gemm } from '../cpu/gemm';
import type { OpDef, ParamDecl } from './types';
import { lastDim, leadDim } from '../webgpu/wgsl-lib';

export interface LinearAttrs {
  in: number;
  out: number;
  bias: boolean;
}

const schema = z.strictObject({
  in: z.int().min(1),
  out: z.int().min(1),
  bias: z.boolean().default(true),
});

function uniformInit(fanIn: number, count: number): ParamDecl['init'] {
  const bound = 1 / Math.sqrt(fanIn);
  return (rng: Rng, out: FloatArray) => {
    for (let i = 0; i < count; i++) out[i] = (2 * rng.next() - 1) * bound;
  };
}

export const linear: OpDef<LinearAttrs> = {
  op: 'Linear',
  category: 'layers',
  summary: 'fully connected layer: x·Wᵀ + b (nn.Linear)',
  inputs: ['in'],
  attrs: schema,
  params: (a) => {
    const w: ParamDecl = { name: 'weight', shape: [a.out, a.in], init: uniformInit(a.in, a.out * a.in) };
    return a.bias ? [w, { name: 'bias', shape: [a.out], init: uniformInit(a.in, a.out) }] : [w];
  },
  shape([x], a) {
    if (x.length === 0 || x.length > 2 || x[x.length - 1] !== a.in) {
      const found = x.length === 0 ? 'a scalar' : `${String(x[x.length - 1])} (shape ${formatShape(x)})`;
      return { error: `Linear expects ${a.in} input features (attrs.in), got ${found}`, port: 'in' };
    }
    return { shape: x.length === 2 ? [x[0], a.out] : [a.out] };
  },
  wgsl: {
    kind: 'custom',
    linear: true,
    // out[r, o] = b[o] + Σ_k x[r, k] W[o, k]
    forward: ({ inputs: [x], params: [w, b], out }) => {
      const K = lastDim(x), N = lastDim(out);
      return {
        count: out.shape,
        body: `let r = i / ${N}; let o = i % ${N};
var s = ${b ? b.at('o') : '0.0'};
for (var k = 0u; k < ${K}; k++) { s += ${x.at(`r * ${K} + k`)} * ${w.at(`o * ${K} + k`)}; }
${out.set('i', 's')}`,
      };
    },
    gradInputs: [
      // dx[r, k] = Σ_o g[r, o] W[o, k]
      ({ inputs: [x], params: [w], gradOut: g, out }, t) => {
        const K = lastDim(x), N = lastDim(out);
        return {
          count: x.shape,
          body: `let r = i / ${K}; let k = i % ${K};
var s = 0.0;
for (var o = 0u; o < ${N}; o++) { s += ${g.at(`r * ${N} + o`)} * ${w.at(`o * ${K} + k`)}; }
${t.set('i', 's')}`,
        };
      },
    ],
    gradParams: [
      // dW[o, k] = Σ_r g[r, o] x[r, k]
      ({ inputs: [x], gradOut: g, out }, t) => {
        const K = lastDim(x), N = lastDim(out), R = leadDim(x);
        return {
          count: t.shape,
          body: `let o = i / ${K}; let k = i % ${K};
var s = 0.0;
for (var r = 0u; r < ${R}; r++) { s += ${g.at(`r * ${N} + o`)} * ${x.at(`r * ${K} + k`)}; }
${t.set('i', 's')}`,
        };
      },
      // db[o] = Σ_r g[r, o]
      ({ inputs: [x], gradOut: g, out }, t) => {
        const N = lastDim(out), R = leadDim(x);
        return { count: t.shape, body: `var s = 0.0;\nfor (var r = 0u; r < ${R}; r++) { s += ${g.at(`r * ${N} + i`)}; }\n${t.set('i', 's')}` };
      },
    ],
  },
  forward({ attrs: a, inputs: [x], params: [w, b], out }) {
    // out[i, j] = b[j] + Σ_k x[i, k] W[j, k]: rows of x against rows of W, bias fused.
    gemm(x.data, a.in, 1, w.data, a.in, 1, out.data, rowsOf(x.shape), a.out, a.in, a.bias ? b.data : null);
  },
  backward({ attrs: a, inputs: [x], params: [w], gradOut, gradInputs: [gx], gradParams: [gw, gb] }) {
    const g = gradOut.data;
    const R = rowsOf(x.shape), K = a.in, N = colsOf(gradOut.shape);
    // dx[i, k] = Σ_j g[i, j] W[j, k]: W read down its columns (stride K).
    if (gx) gemm(g, N, 1, w.data, 1, K, gx.data, R, K, N, null);
    // dW[j, k] = Σ_i g[i, j] x[i, k]: g and x read down their columns.
    if (gw) gemm(g, 1, N, x.data, 1, K, gw.data, N, K, R, null);
    if (a.bias && gb) {
      const d = gb.data;
      for (let j = 0; j < N; j++) d[j] = 0;
      for (let i = 0, p = 0; i < R; i++) for (let j = 0; j < N; j++, p++) d[j] += g[p];
    }
  },
  torch: {
    module: (a) => `nn.Linear(${a.in}, ${a.out}, bias=${a.bias ? 'True' : 'False'})`,
    forward: (_a, c) => `self.${c.name}(${c.inputs[0]})`,
  },
  onnx: {
    emit(a, c) {
      const [x] = c.inputs;
      const [w, b] = c.params;
      if (c.inShapes[0].length === 2) {
        c.op('Gemm', a.bias ? [x, w, b] : [x, w], { transB: { i: 1 } }, c.output);
        return;
      }
      // Gemm wants a matrix: a single row [in] goes through MatMul with Wᵀ.
      const xw = c.op('MatMul', [x, c.op('Transpose', [w], { perm: { ints: [1, 0] } })]);
      c.op(a.bias ? 'Add' : 'Identity', a.bias ? [xw, b] : [xw], {}, c.output);
    },
  },
};
