// MatMul: a @ b for rank-2 tensors, [M, K] @ [K, N] → [M, N]. Either side may carry the batch dim B.
import { z } from 'zod';
import { formatShape } from '../tensor';
import type { OpDef } from './types';
import { gemm } from '../cpu/gemm';

export const matmul: OpDef<Record<string, never>> = {
  op: 'MatMul',
  category: 'math',
  summary: 'matrix product a @ b ([M, K] @ [K, N])',
  inputs: ['a', 'b'],
  attrs: z.strictObject({}),
  params: () => [],
  shape([a, b]) {
    if (a.length !== 2) return { error: `MatMul needs a matrix [M, K] on port \`a\`, got ${formatShape(a)}`, port: 'a' };
    if (b.length !== 2) return { error: `MatMul needs a matrix [K, N] on port \`b\`, got ${formatShape(b)}`, port: 'b' };
    if (a[1] !== b[0]) {
      return {
        error: `MatMul: \`a\` ${formatShape(a)} has ${String(a[1])} columns but \`b\` ${formatShape(b)} has ${String(b[0])} rows`,
        port: 'b',
      };
    }
    return { shape: [a[0], b[1]] };
  },
  wgsl: {
    kind: 'custom',
    // a [M, K] @ b [K, N]
    forward: ({ inputs: [a, b], out }) => {
      const K = a.dims[1], N = b.dims[1];
      return {
        count: out.shape,
        body: `let m = i / ${N}; let n = i % ${N};
var s = 0.0;
for (var k = 0u; k < ${K}; k++) { s += ${a.at(`m * ${K} + k`)} * ${b.at(`k * ${N} + n`)}; }
${out.set('i', 's')}`,
      };
    },
    gradInputs: [
      // da = g bᵀ
      ({ inputs: [a, b], gradOut: g }, t) => {
        const K = a.dims[1], N = b.dims[1];
        return {
          count: a.shape,
          body: `let m = i / ${K}; let k = i % ${K};
var s = 0.0;
for (var n = 0u; n < ${N}; n++) { s += ${g.at(`m * ${N} + n`)} * ${b.at(`k * ${N} + n`)}; }
${t.set('i', 's')}`,
        };
      },
      // db = aᵀ g
      ({ inputs: [a, b], gradOut: g }, t) => {
        const [M, K] = a.dims, N = b.dims[1];
        return {
          count: b.shape,
          body: `let k = i / ${N}; let n = i % ${N};
var s = 0.0;
for (var m = 0u; m < ${M}; m++) { s += ${a.at(`m * ${K} + k`)} * ${g.at(`m * ${N} + n`)}; }
${t.set('i', 's')}`,
        };
      },
    ],
  },
  forward({ inputs: [a, b], out }) {
    const ad = a.data, bd = b.data, o = out.data;
    const M = a.shape[0], K = a.shape[1], N = b.shape[1];
    // i-k-j, partial sums rounded to the output's precision each k as float32 BLAS does (not the faster gemm, which
    // sums in doubles): tests/acceptance concat-matmul has a pre-activation of exactly 0 that only this rounding keeps at 0.
    for (let i = 0; i < M; i++) {
      const oi = i * N;
      for (let j = 0; j < N; j++) o[oi + j] = 0;
      for (let k = 0; k < K; k++) {
        const aik = ad[i * K + k], bk = k * N;
        for (let j = 0; j < N; j++) o[oi + j] += aik * bd[bk + j];
      }
    }
  },
  backward({ inputs: [a, b], gradOut, gradInputs: [ga, gb] }) {
    const g = gradOut.data;
    const M = a.shape[0], K = a.shape[1], N = b.shape[1];
    // da = g bᵀ: da[m, k] = Σ_n g[m, n] b[k, n], rows against rows.
    if (ga) gemm(g, N, 1, b.data, N, 1, ga.data, M, K, N, null);
    // db = aᵀ g: db[k, n] = Σ_m a[m, k] g[m, n], both read down their columns.
    if (gb) gemm(a.data, 1, K, g, 1, N, gb.data, K, N, M, null);
  },
  torch: { forward: (_a, { inputs: [a, b] }) => `${a} @ ${b}` },
  onnx: { emit: (_a, c) => void c.op('MatMul', c.inputs, {}, c.output) },
};
