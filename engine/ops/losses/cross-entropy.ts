// CrossEntropyLoss: F.cross_entropy(logits [B, K], class indices [B], reduction) = log-softmax + NLL, each row
// shifted by its max; "mean" divides by the rows. An index that is not an integer in [0, K) makes the loss NaN
// (PyTorch raises; here the executor's non-finite check names the edge).
import { lossTorch } from '../../export/spell';
import type { OpDef } from '../types';
import { rowLogSumExp } from '../rows';
import { LOSS_PORTS, classIndex, classIndexLoss, lossAttrs, type LossAttrs } from './common';
import { classIndex as wgslClass, lastDim, leadDim, rowLogSumExp as wgslLogSumExp } from '../../webgpu/wgsl-lib';

export const crossEntropyLoss: OpDef<LossAttrs> = {
  op: 'CrossEntropyLoss',
  category: 'losses',
  summary: 'softmax cross-entropy of logits [B, K] against class indices [B]',
  inputs: LOSS_PORTS,
  attrs: lossAttrs,
  params: () => [],
  shape: (inputs) => classIndexLoss('CrossEntropyLoss', inputs),
  isLoss: true,
  noGradPorts: ['target'],
  wgsl: {
    kind: 'custom',
    // Σ_r (logsumexp(x_r) − x_r[y_r]), divided by the rows for "mean"
    forward: ({ attrs, inputs: [x, y], out }) => {
      const K = lastDim(x), R = leadDim(x);
      return {
        count: [],
        body: `var s = 0.0;
for (var r = 0u; r < ${R}; r++) {
${wgslLogSumExp(x, K, 'r')}
s += lse - ${x.at(`r * ${K} + ${wgslClass(y.at('r'))}`)};
}
${out.set('i', attrs.reduction === 'mean' ? `s / f32(${R})` : 's')}`,
      };
    },
    gradInputs: [
      // dx[r, k] = g · (softmax(x_r)[k] − [k = y_r])
      ({ attrs, inputs: [x, y], gradOut: g }, t) => {
        const K = lastDim(x), R = leadDim(x);
        const hot = `select(0.0, 1.0, i % ${K} == ${wgslClass(y.at(`i / ${K}`))})`;
        const v = `${g.at('0u')} * (exp(${x.at('i')} - lse) - ${hot})`;
        return { count: x.shape, body: `let r = i / ${K};\n${wgslLogSumExp(x, K, 'r')}\n${t.set('i', attrs.reduction === 'mean' ? `${v} / f32(${R})` : v)}` };
      },
      null,
    ],
  },
  forward({ attrs, inputs: [x, y], out }) {
    const a = x.data, t = y.data, R = x.shape[0], K = x.shape[1];
    let s = 0;
    for (let r = 0; r < R; r++) {
      const k = classIndex(t[r], K);
      s += k < 0 ? NaN : rowLogSumExp(a, r * K, K) - a[r * K + k];
    }
    out.data[0] = attrs.reduction === 'mean' ? s / R : s;
  },
  backward({ attrs, inputs: [x, y], gradOut, gradInputs: [gx] }) {
    if (!gx) return;
    const a = x.data, t = y.data, d = gx.data, R = x.shape[0], K = x.shape[1];
    const g = gradOut.data[0] / (attrs.reduction === 'mean' ? R : 1);
    for (let r = 0; r < R; r++) {
      const b = r * K, k = classIndex(t[r], K), lse = rowLogSumExp(a, b, K);
      for (let c = 0; c < K; c++) d[b + c] = k < 0 ? NaN : g * (Math.exp(a[b + c] - lse) - (c === k ? 1 : 0));
    }
  },
  torch: lossTorch('F.cross_entropy'),
};
