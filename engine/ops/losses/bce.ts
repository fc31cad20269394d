// BCELoss: F.binary_cross_entropy(input, target, reduction); input is a probability.
// As PyTorch: each log term is clamped at −100 (so 0 and 1 give finite losses), and the backward is
// (x − y) / max(x·(1 − x), 1e−12).
import { sizeOf } from '../../tensor';
import { lossTorch } from '../../export/spell';
import type { OpDef } from '../types';

// PyTorch's floor is the float32 constant 1e−12 (9.9999999600e−13), even in float64 math.
const EPSILON = Math.fround(1e-12);
import { LOSS_PORTS, lossAttrs, sameShapeLoss, type LossAttrs } from './common';
import { clampedLog, elementLossWgsl } from '../../webgpu/wgsl-lib';

export const bceLoss: OpDef<LossAttrs> = {
  op: 'BCELoss',
  category: 'losses',
  summary: 'binary cross-entropy of probabilities (F.binary_cross_entropy)',
  inputs: LOSS_PORTS,
  attrs: lossAttrs,
  params: () => [],
  shape: (inputs) => sameShapeLoss('BCELoss', inputs),
  isLoss: true,
  noGradPorts: ['target'],
  wgsl: elementLossWgsl(
    (x, y) => `-(${y} * ${clampedLog(x)} + (1.0 - ${y}) * ${clampedLog(`(1.0 - ${x})`)})`,
    (x, y) => `(${x} - ${y}) / max(${x} * (1.0 - ${x}), 1e-12)`,
  ),
  forward({ attrs, inputs: [x, y], out }) {
    const a = x.data, t = y.data, n = sizeOf(x.shape);
    let s = 0;
    for (let i = 0; i < n; i++) {
      s -= t[i] * Math.max(Math.log(a[i]), -100) + (1 - t[i]) * Math.max(Math.log1p(-a[i]), -100);
    }
    out.data[0] = attrs.reduction === 'mean' ? s / n : s;
  },
  backward({ attrs, inputs: [x, y], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, t = y.data, d = gx.data, n = sizeOf(x.shape);
    const k = gradOut.data[0] / (attrs.reduction === 'mean' ? n : 1);
    for (let i = 0; i < n; i++) d[i] = (k * (a[i] - t[i])) / Math.max(a[i] * (1 - a[i]), EPSILON);
  },
  torch: lossTorch('F.binary_cross_entropy'),
};
