import { z } from 'zod';
import { sizeOf } from '../tensor';
import { wasmReluMask } from '../cpu/wasm/simd-gemm';
import type { OpDef } from './types';

export const relu: OpDef<Record<string, never>> = {
  op: 'ReLU',
  category: 'activations',
  summary: 'max(x, 0), elementwise (F.relu)',
  inputs: ['in'],
  attrs: z.strictObject({}),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'unary',
    forward: (x) => `select(0.0, ${x}, ${x} > 0.0)`,
    backward: (x, _y, g) => `select(0.0, ${g}, ${x} > 0.0)`,
  },
  forward({ inputs: [x], out }) {
    const a = x.data, o = out.data, n = sizeOf(out.shape);
    if (wasmReluMask(a, a, o, n)) return;
    for (let i = 0; i < n; i++) o[i] = a[i] > 0 ? a[i] : 0;
  },
  backward({ inputs: [x], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, g = gradOut.data, d = gx.data, n = sizeOf(gx.shape);
    // PyTorch: the gradient at exactly 0 is 0.
    if (wasmReluMask(a, g, d, n)) return;
    for (let i = 0; i < n; i++) d[i] = a[i] > 0 ? g[i] : 0;
  },
  torch: { forward: (_a, { inputs: [x] }) => `F.relu(${x})` },
  onnx: { emit: (_a, c) => void c.op('Relu', c.inputs, {}, c.output) },
};
