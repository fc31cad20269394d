// Sum: torch.sum(x) or torch.sum(x, dim), keepdim false (`dim` pinned in reduce.ts).
import { reduceAttrs, reduceBackward, reduceForward, reduceShape, type ReduceAttrs } from './reduce';
import { reduceOnnx } from '../export/spell';
import type { OpDef } from './types';
import { reduceWgsl } from '../webgpu/wgsl-lib';

export const sum: OpDef<ReduceAttrs> = {
  op: 'Sum',
  category: 'math',
  summary: 'sum of all elements, or along a dimension',
  inputs: ['in'],
  attrs: reduceAttrs,
  params: () => [],
  shape: (inputs, a) => reduceShape('Sum', inputs, a),
  wgsl: reduceWgsl(false),
  forward: ({ attrs, inputs: [x], out }) => reduceForward(x, out, attrs.dim, false),
  backward({ attrs, gradOut, gradInputs: [gx] }) {
    if (gx) reduceBackward(gx, gradOut, attrs.dim, false);
  },
  torch: { forward: (a, { inputs: [x] }) => (a.dim === null ? `torch.sum(${x})` : `torch.sum(${x}, dim=${a.dim})`) },
  onnx: { emit: (a, c) => reduceOnnx('Sum', a.dim, c) },
};
