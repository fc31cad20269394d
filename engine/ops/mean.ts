// Mean: torch.mean(x) or torch.mean(x, dim), keepdim false (`dim` pinned in reduce.ts).
import { reduceAttrs, reduceBackward, reduceForward, reduceShape, type ReduceAttrs } from './reduce';
import { reduceOnnx } from '../export/spell';
import type { OpDef } from './types';
import { reduceWgsl } from '../webgpu/wgsl-lib';

export const mean: OpDef<ReduceAttrs> = {
  op: 'Mean',
  category: 'math',
  summary: 'mean of all elements, or along a dimension',
  inputs: ['in'],
  attrs: reduceAttrs,
  params: () => [],
  shape: (inputs, a) => reduceShape('Mean', inputs, a),
  wgsl: reduceWgsl(true),
  forward: ({ attrs, inputs: [x], out }) => reduceForward(x, out, attrs.dim, true),
  backward({ attrs, gradOut, gradInputs: [gx] }) {
    if (gx) reduceBackward(gx, gradOut, attrs.dim, true);
  },
  torch: { forward: (a, { inputs: [x] }) => (a.dim === null ? `torch.mean(${x})` : `torch.mean(${x}, dim=${a.dim})`) },
  onnx: { emit: (a, c) => reduceOnnx('Mean', a.dim, c) },
};
