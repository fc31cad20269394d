// Step: (x > 0).float(). Pinned: `surrogate` "none" (default; gradient 0, as autograd gives) | "identity"
// (the gradient passes straight through, which makes SGD on Linear → Step exactly the perceptron rule).
import { z } from 'zod';
import { sizeOf } from '../tensor';
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
};
