// Parameter: nn.Parameter, a free learnable tensor wired like any value (weight sharing, the lecture's w·x + b).
// Pinned: `shape` [] (scalar, the default), [n] or [m, n]; `init` "zeros" (default) | "ones" | "uniform" (U(−scale, scale))
// | "normal" (N(0, scale²)); `scale` 1. The param is named `value`; the output is a copy of it.
import { z } from 'zod';
import { sizeOf } from '../tensor';
import type { OpDef } from './types';

export interface ParameterAttrs {
  shape: number[];
  init: 'zeros' | 'ones' | 'uniform' | 'normal';
  scale: number;
}

const schema = z.strictObject({
  shape: z.array(z.int().min(1)).max(2).default([]),
  init: z.enum(['zeros', 'ones', 'uniform', 'normal']).default('zeros'),
  scale: z.number().min(0).default(1),
});

export const parameter: OpDef<ParameterAttrs> = {
  op: 'Parameter',
  category: 'data',
  summary: 'a learnable tensor (scalar, vector or matrix)',
  inputs: [],
  attrs: schema,
  params: (a) => [
    {
      name: 'value',
      shape: a.shape,
      init(rng, out) {
        const n = sizeOf(a.shape);
        for (let i = 0; i < n; i++) {
          if (a.init === 'zeros') out[i] = 0;
          else if (a.init === 'ones') out[i] = 1;
          else if (a.init === 'uniform') out[i] = (2 * rng.next() - 1) * a.scale;
          else out[i] = rng.normal() * a.scale;
        }
      },
    },
  ],
  shape: (_inputs, a) => ({ shape: a.shape }),
  wgsl: {
    kind: 'custom',
    forward: ({ params: [p], out }) => ({ count: out.shape, body: out.set('i', p.at('i')) }),
    gradInputs: [],
    gradParams: [({ gradOut }, t) => ({ count: t.shape, body: t.set('i', gradOut.at('i')) })],
  },
  forward({ params: [p], out }) {
    const s = p.data, o = out.data, n = sizeOf(out.shape);
    for (let i = 0; i < n; i++) o[i] = s[i];
  },
  backward({ gradOut, gradParams: [gp] }) {
    if (!gp) return;
    const g = gradOut.data, d = gp.data, n = sizeOf(gp.shape);
    for (let i = 0; i < n; i++) d[i] = g[i];
  },
  torch: { forward: (_a, c) => c.params[0] },
  onnx: { emit: (_a, c) => void c.op('Identity', [c.params[0]], {}, c.output) },
};
