// GELU: F.gelu(x, approximate). Pinned: `approximate` "none" (default; exact x·Φ(x) via a float64 erf) | "tanh"
// (0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))). Backward formulas are PyTorch's.
import { z } from 'zod';
import { sizeOf } from '../tensor';
import { normalCdf } from './erf';
import { geluOnnx } from '../export/spell';
import type { OpDef } from './types';
import { f32 } from '../webgpu/kernel-types';
import { WGSL_ERFC, WGSL_TANH } from '../webgpu/wgsl-lib';

export interface GeluAttrs {
  approximate: 'none' | 'tanh';
}

const BETA = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export const gelu: OpDef<GeluAttrs> = {
  op: 'GELU',
  category: 'activations',
  summary: 'x·Φ(x), exact or tanh-approximated (F.gelu)',
  inputs: ['in'],
  attrs: z.strictObject({ approximate: z.enum(['none', 'tanh']).default('none') }),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'unary',
    helpers: WGSL_ERFC + WGSL_TANH,
    // exact: 0.5·x·erfc(−x/√2); tanh: 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), PyTorch's backward formulas.
    forward: (x, a) =>
      a.approximate === 'tanh'
        ? `(0.5 * ${x} * (1.0 + wg_tanh(${f32(Math.sqrt(2 / Math.PI))} * (${x} + 0.044715 * ${x} * ${x} * ${x}))))`
        : `(0.5 * ${x} * wg_erfc(-${x} * ${f32(Math.SQRT1_2)}))`,
    backward: (x, _y, g, a) => {
      if (a.approximate !== 'tanh') {
        return `(${g} * (0.5 * wg_erfc(-${x} * ${f32(Math.SQRT1_2)}) + ${x} * exp(-0.5 * ${x} * ${x}) * ${f32(1 / Math.sqrt(2 * Math.PI))}))`;
      }
      const t = `wg_tanh(${f32(Math.sqrt(2 / Math.PI))} * (${x} + 0.044715 * ${x} * ${x} * ${x}))`;
      return `(${g} * (0.5 * (1.0 + ${t}) + 0.5 * ${x} * (1.0 - ${t} * ${t}) * ${f32(Math.sqrt(2 / Math.PI))} * (1.0 + 3.0 * 0.044715 * ${x} * ${x})))`;
    },
  },
  forward({ attrs: { approximate }, inputs: [x], out }) {
    const a = x.data, o = out.data, n = sizeOf(out.shape);
    if (approximate === 'tanh') {
      for (let i = 0; i < n; i++) {
        const v = a[i];
        o[i] = 0.5 * v * (1 + Math.tanh(BETA * (v + KAPPA * v * v * v)));
      }
    } else {
      for (let i = 0; i < n; i++) o[i] = a[i] * normalCdf(a[i]);
    }
  },
  backward({ attrs: { approximate }, inputs: [x], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, g = gradOut.data, d = gx.data, n = sizeOf(gx.shape);
    if (approximate === 'tanh') {
      for (let i = 0; i < n; i++) {
        const v = a[i], t = Math.tanh(BETA * (v + KAPPA * v * v * v));
        const left = 0.5 * (1 + t);
        const right = 0.5 * v * (1 - t * t) * BETA * (1 + 3 * KAPPA * v * v);
        d[i] = g[i] * (left + right);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = a[i];
        d[i] = g[i] * (normalCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
      }
    }
  },
  torch: { forward: (a, { inputs: [x] }) => (a.approximate === 'tanh' ? `F.gelu(${x}, approximate="tanh")` : `F.gelu(${x})`) },
  onnx: { emit: (a, c) => geluOnnx(a.approximate, c) },
};
