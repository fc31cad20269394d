// Deterministic minibatches, as PyTorch's DataLoader (drop_last=False): epoch e visits every row once, in an order
// shuffled from the seed (Fisher-Yates from createRng(seed, 'shuffle', String(e))), or in file order without shuffle.
// Shared by every executor so the CPU and the GPU see the same rows in the same order.
import { createRestartableRng, seedHash, streamHash } from '../rng';

export interface BatchRef {
  epoch: number;
  /** Position of the batch's first row in the epoch's order. */
  start: number;
  rows: number;
}

export interface SamplerOptions {
  batchSize: number;
  shuffle: boolean;
  seed: number;
}

export interface Sampler {
  readonly n: number;
  /** Clamped to [1, n]. */
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  /** Rows of the epoch's last, possibly shorter, batch. */
  readonly lastRows: number;
  /** Row indices of epoch e, in visiting order (a fresh array). */
  epochOrder(e: number): Int32Array;
  /** Writes epoch e's order into `out` (length n), without allocating an array. */
  epochOrderInto(e: number, out: Int32Array): void;
  /** Which rows step k (counting from 0) takes. */
  batchOf(step: number): BatchRef;
  /** batchOf without allocating: fills `out`. */
  batchInto(step: number, out: BatchRef): void;
}

export function createSampler(n: number, o: SamplerOptions): Sampler {
  const batchSize = Math.max(1, Math.min(Math.floor(o.batchSize) || n, Math.max(n, 1)));
  const stepsPerEpoch = Math.max(1, Math.ceil(n / batchSize));
  const lastRows = n - (stepsPerEpoch - 1) * batchSize;
  // createRng(seed, 'shuffle', String(e)), restarted in place: full-batch training starts an epoch every step.
  const shuffleHash = streamHash(seedHash(o.seed), 'shuffle');
  const rng = createRestartableRng(shuffleHash);
  const epochOrderInto = (e: number, out: Int32Array): void => {
    for (let i = 0; i < n; i++) out[i] = i;
    if (!o.shuffle) return;
    rng.restartInt(shuffleHash, e);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
  };
  const batchInto = (step: number, out: BatchRef): void => {
    const epoch = Math.floor(step / stepsPerEpoch);
    const start = (step - epoch * stepsPerEpoch) * batchSize;
    out.epoch = epoch;
    out.start = start;
    out.rows = Math.min(batchSize, n - start);
  };
  return {
    n,
    batchSize,
    stepsPerEpoch,
    lastRows,
    epochOrder(e) {
      const out = new Int32Array(n);
      epochOrderInto(e, out);
      return out;
    },
    epochOrderInto,
    batchOf(step) {
      const out = { epoch: 0, start: 0, rows: 0 };
      batchInto(step, out);
      return out;
    },
    batchInto,
  };
}
