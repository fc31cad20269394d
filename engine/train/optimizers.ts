// torch.optim.SGD and torch.optim.Adam over typed arrays, with explicit state: allocation-free per step.
// Update rules follow PyTorch 1.13's single-tensor implementations line by line.
import type { FloatArray } from '../tensor';

export interface SgdOptions {
  lr: number;
  momentum: number;
  weightDecay: number;
}

/**
 * One SGD step on `p` (dampening 0, nesterov false). `buf` is the momentum buffer; `first` says it holds nothing yet
 * (PyTorch sets buf = d_p on the first momentum step rather than decaying a zero buffer).
 */
export function sgdStep(p: FloatArray, g: FloatArray, buf: FloatArray | null, first: boolean, o: SgdOptions): void {
  const n = p.length, lr = o.lr, wd = o.weightDecay, mu = o.momentum;
  if (mu !== 0 && buf) {
    for (let i = 0; i < n; i++) {
      const d = wd !== 0 ? g[i] + wd * p[i] : g[i];
      const b = first ? d : mu * buf[i] + d;
      buf[i] = b;
      p[i] -= lr * b;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const d = wd !== 0 ? g[i] + wd * p[i] : g[i];
    p[i] -= lr * d;
  }
}

export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** One Adam step on `p`; `t` is the step number counting from 1 (bias correction), `m`/`v` the moment buffers. */
export function adamStep(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, t: number, o: AdamOptions): void {
  const n = p.length, b1 = o.beta1, b2 = o.beta2, wd = o.weightDecay, eps = o.eps;
  const bc1 = 1 - Math.pow(b1, t);
  const bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
  const stepSize = o.lr / bc1;
  for (let i = 0; i < n; i++) {
    const d = wd !== 0 ? g[i] + wd * p[i] : g[i];
    const mi = b1 * m[i] + (1 - b1) * d;
    const vi = b2 * v[i] + (1 - b2) * d * d;
    m[i] = mi;
    v[i] = vi;
    // eps is added after the bias-corrected sqrt, as PyTorch does.
    p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
  }
}
