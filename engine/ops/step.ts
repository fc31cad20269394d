// Step: (x > 0).float(). Pinned: `surrogate` "none" (default; gradient 0, as autograd gives) | "identity"
// (the gradient passes straight through, which makes SGD on Linear → Step exactly the perceptron rule).
import { z } from 'zod';
import { sizeOf } from '../tensor';
import { STEP_HELPERS } from '../export/spell';
import type { OpDef } from './types';

export interface StepAttrs {
  surrogate: 'none' | 'identity';
}

export const step: OpDef<StepAttrs> = {
  op: 'Step',
  category: 'activations',
  summary: '1 if x > 0 else 0; gradient 0 or passed straight through',
  inputs: ['in'],
  attrs: z.strictObject({ surrogate: z.enum(['none', 'identity']).default('none') }),
  params: () => [],
  shape: ([x]) => ({ shape: x }),
  wgsl: {
    kind: 'unary',
    forward: (x) => `select(0.0, 1.0, ${x} > 0.0)`,
    backward: (_x, _y, g, a) => (a.surrogate === 'identity' ? g : '0.0'),
  },
  forward({ inputs: [x], out }) {
    const a = x.data, o = out.data, n = sizeOf(out.shape);
    for (let i = 0; i < n; i++) o[i] = a[i] > 0 ? 1 : 0;
  },
  backward({ attrs: { surrogate }, gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const g = gradOut.data, d = gx.data, n = sizeOf(gx.shape);
    if (surrogate === 'identity') for (let i = 0; i < n; i++) d[i] = g[i];
    else for (let i = 0; i < n; i++) d[i] = 0;
  },
  // Autograd Functions rather than (x > 0).float(): the upstream gradient is then zeros (or passes through), as here.
  torch: {
    forward: (a, { inputs: [x] }) => `${a.surrogate === 'identity' ? 'StepSTE' : 'Step'}.apply(${x})`,
    helpers: (a): Record<string, string> => (a.surrogate === 'identity' ? { StepSTE: STEP_HELPERS.StepSTE } : { Step: STEP_HELPERS.Step }),
  },
  onnx: { emit: (_a, c) => void c.op('Cast', [c.op('Greater', [c.inputs[0], c.constant([0], [])])], { to: { i: 1 } }, c.output) },
};
