// MSELoss: F.mse_loss(input, target, reduction): Σ (x − y)², divided by the element count for "mean".
import { sizeOf } from '../../tensor';
import { lossTorch } from '../../export/spell';
import type { OpDef } from '../types';
import { LOSS_PORTS, lossAttrs, sameShapeLoss, type LossAttrs } from './common';
import { elementLossWgsl } from '../../webgpu/wgsl-lib';

export const mseLoss: OpDef<LossAttrs> = {
  op: 'MSELoss',
  category: 'losses',
  summary: 'mean squared error (F.mse_loss)',
  inputs: LOSS_PORTS,
  attrs: lossAttrs,
  params: () => [],
  shape: (inputs) => sameShapeLoss('MSELoss', inputs),
  isLoss: true,
  noGradPorts: ['target'],
  wgsl: elementLossWgsl(
    (x, y) => `(${x} - ${y}) * (${x} - ${y})`,
    (x, y) => `2.0 * (${x} - ${y})`,
  ),
  forward({ attrs, inputs: [x, y], out }) {
    const a = x.data, t = y.data, n = sizeOf(x.shape);
    let s = 0;
    for (let i = 0; i < n; i++) s += (a[i] - t[i]) * (a[i] - t[i]);
    out.data[0] = attrs.reduction === 'mean' ? s / n : s;
  },
  backward({ attrs, inputs: [x, y], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, t = y.data, d = gx.data, n = sizeOf(x.shape);
    const k = (2 * gradOut.data[0]) / (attrs.reduction === 'mean' ? n : 1);
    for (let i = 0; i < n; i++) d[i] = k * (a[i] - t[i]);
  },
  torch: lossTorch('F.mse_loss'),
};
