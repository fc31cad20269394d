// Train/test split from the seed, and z-score standardisation with the training split's statistics.
import { createRng } from '../../rng';
import { DataError, type Table } from './types';

export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/**
 * sklearn's train_test_split sizes (test = ceil(fraction · n)); which rows go to test comes from a Fisher-Yates
 * permutation of createRng(seed, 'split'). Both parts keep the file's row order, so `shuffle: false` means file order.
 */
export function splitIndices(n: number, testFraction: number, seed: number): SplitIndices {
  const nTest = Math.ceil(testFraction * n - 1e-9);
  if (nTest === 0) return { train: Int32Array.from({ length: n }, (_, i) => i), test: new Int32Array(0) };
  if (nTest >= n) throw new DataError(`split.test ${testFraction} leaves no training rows out of ${n}`, 'training.split.test');
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed, 'split');
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const isTest = new Uint8Array(n);
  for (let i = 0; i < nTest; i++) isTest[order[i]] = 1;
  const train = new Int32Array(n - nTest);
  const test = new Int32Array(nTest);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** The rows `idx` of a table (features and labels). */
export function takeRows(t: Table, idx: Int32Array): Table {
  const f = t.features;
  const x = new Float64Array(idx.length * f);
  idx.forEach((r, i) => x.set(t.x.subarray(r * f, r * f + f), i * f));
  const l = t.labels;
  const labels =
    l.kind === 'class'
      ? { ...l, y: Int32Array.from(idx, (r) => l.y[r]) }
      : (() => {
          const y = new Float64Array(idx.length * l.features);
          idx.forEach((r, i) => y.set(l.y.subarray(r * l.features, (r + 1) * l.features), i * l.features));
          return { ...l, y };
        })();
  return { ...t, n: idx.length, x, labels };
}

export interface Standardisation {
  mean: Float64Array;
  /** Population standard deviation (sklearn's StandardScaler); 0 for a constant column. */
  std: Float64Array;
}

export function fitStandardisation(t: Table): Standardisation {
  const f = t.features, n = t.n;
  const mean = new Float64Array(f);
  const std = new Float64Array(f);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j] += t.x[i * f + j];
  for (let j = 0; j < f; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) {
      const d = t.x[i * f + j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < f; j++) std[j] = Math.sqrt(std[j] / n);
  return { mean, std };
}

/** (x − mean) / std in place; a constant column (std 0) becomes 0, as StandardScaler leaves scale 1 there. */
export function applyStandardisation(t: Table, s: Standardisation): void {
  const f = t.features;
  for (let i = 0; i < t.n; i++) {
    for (let j = 0; j < f; j++) {
      const k = i * f + j;
      t.x[k] = s.std[j] > 0 ? (t.x[k] - s.mean[j]) / s.std[j] : t.x[k] - s.mean[j];
    }
  }
}
