// NLLLoss: F.nll_loss(log-probabilities [B, K], class indices [B], reduction) = −Σ x[r, t_r], "mean" over rows.
// An index that is not an integer in [0, K) makes the loss NaN (PyTorch raises).
import { lossTorch } from '../../export/spell';
import type { OpDef } from '../types';
import { LOSS_PORTS, classIndex, classIndexLoss, lossAttrs, type LossAttrs } from './common';
import { classIndex as wgslClass, lastDim, leadDim } from '../../webgpu/wgsl-lib';

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
  wgsl: {
    kind: 'custom',
    // −Σ_r x[r, y_r], divided by the rows for "mean"
    forward: ({ attrs, inputs: [x, y], out }) => {
      const K = lastDim(x), R = leadDim(x);
      return {
        count: [],
        body: `var s = 0.0;
for (var r = 0u; r < ${R}; r++) { s -= ${x.at(`r * ${K} + ${wgslClass(y.at('r'))}`)}; }
${out.set('i', attrs.reduction === 'mean' ? `s / f32(${R})` : 's')}`,
      };
    },
    gradInputs: [
      ({ attrs, inputs: [x, y], gradOut: g }, t) => {
        const K = lastDim(x), R = leadDim(x);
        const v = `-${g.at('0u')} * select(0.0, 1.0, i % ${K} == ${wgslClass(y.at(`i / ${K}`))})`;
        return { count: x.shape, body: t.set('i', attrs.reduction === 'mean' ? `${v} / f32(${R})` : v) };
      },
      null,
    ],
  },
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
