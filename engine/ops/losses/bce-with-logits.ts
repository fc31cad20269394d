// BCEWithLogitsLoss: F.binary_cross_entropy_with_logits(input, target, reduction), in the stable form
// max(x, 0) − x·y + log(1 + e^−|x|); backward (σ(x) − y).
import { sizeOf } from '../../tensor';
import { sigmoidOf } from '../sigmoid';
import { lossTorch } from '../../export/spell';
import type { OpDef } from '../types';
import { LOSS_PORTS, lossAttrs, sameShapeLoss, type LossAttrs } from './common';
import { elementLossWgsl } from '../../webgpu/wgsl-lib';

export const bceWithLogitsLoss: OpDef<LossAttrs> = {
  op: 'BCEWithLogitsLoss',
  category: 'losses',
  summary: 'sigmoid + binary cross-entropy in one stable step',
  inputs: LOSS_PORTS,
  attrs: lossAttrs,
  params: () => [],
  shape: (inputs) => sameShapeLoss('BCEWithLogitsLoss', inputs),
  isLoss: true,
  noGradPorts: ['target'],
  wgsl: elementLossWgsl(
    // PyTorch's stable form: (1 − y)·x + m + log(e^−m + e^(−x−m)), m = max(−x, 0)
    (x, y) => `((1.0 - ${y}) * ${x} + max(-${x}, 0.0) + log(exp(-max(-${x}, 0.0)) + exp(-${x} - max(-${x}, 0.0))))`,
    (x, y) => `(1.0 / (1.0 + exp(-${x})) - ${y})`,
  ),
  forward({ attrs, inputs: [x, y], out }) {
    const a = x.data, t = y.data, n = sizeOf(x.shape);
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.max(a[i], 0) - a[i] * t[i] + Math.log1p(Math.exp(-Math.abs(a[i])));
    out.data[0] = attrs.reduction === 'mean' ? s / n : s;
  },
  backward({ attrs, inputs: [x, y], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, t = y.data, d = gx.data, n = sizeOf(x.shape);
    const k = gradOut.data[0] / (attrs.reduction === 'mean' ? n : 1);
    for (let i = 0; i < n; i++) d[i] = k * (sigmoidOf(a[i]) - t[i]);
  },
  torch: lossTorch('F.binary_cross_entropy_with_logits'),
};
