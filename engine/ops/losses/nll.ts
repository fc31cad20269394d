// NLLLoss: F.nll_loss(log-probabilities [B, K], class indices [B], reduction) = −Σ x[r, t_r], "mean" over rows.
// An index that is not an integer in [0, K) makes the loss NaN (PyTorch raises).
import { lossTorch } from '../../export/spell';
import type { OpDef } from '../types';
import { LOSS_PORTS, classIndex, classIndexLoss, lossAttrs, type LossAttrs } from './common';

export const nllLoss: OpDef<LossAttrs> = {
  op: 'NLLLoss',
  category: 'losses',
  summary: 'negative log-likelihood of log-probabilities [B, K] at class indices [B]',
  inputs: LOSS_PORTS,
  attrs: lossAttrs,
  params: () => [],
  shape: (inputs) => classIndexLoss('NLLLoss', inputs),
  isLoss: true,
  noGradPorts: ['target'],
  forward({ attrs, inputs: [x, y], out }) {
    const a = x.data, t = y.data, R = x.shape[0], K = x.shape[1];
    let s = 0;
    for (let r = 0; r < R; r++) {
      const k = classIndex(t[r], K);
      s -= k < 0 ? NaN : a[r * K + k];
    }
    out.data[0] = attrs.reduction === 'mean' ? s / R : s;
  },
  backward({ attrs, inputs: [x, y], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const t = y.data, d = gx.data, R = x.shape[0], K = x.shape[1];
    const g = gradOut.data[0] / (attrs.reduction === 'mean' ? R : 1);
    for (let r = 0; r < R; r++) {
      const k = classIndex(t[r], K);
      for (let c = 0; c < K; c++) d[r * K + c] = k < 0 ? NaN : c === k ? -g : 0;
    }
  },
  torch: lossTorch('F.nll_loss'),
};
