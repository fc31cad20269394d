// From the graph's `training.data` (+ split) to the executor's DataRows, in the y shape the graph's Target asks for.
import type { DataRows } from '../../executor';
import type { BuiltinCloud, BuiltinCorners, BuiltinReal, DataSpec, TrainingSpec } from '../../graph/types';
import { cloud } from './clouds';
import { corners } from './corners';
import { inline } from './inline';
import { loadRealDataset, REAL_DATASETS } from './real';
import { applyStandardisation, fitStandardisation, splitIndices, takeRows, type Standardisation } from './split';
import { DataError, type DatasetFileReader, type Table } from './types';

/** What the graph's Target node wants: `classes` → [B] indices, `features` → [B, F] floats. */
export type TargetWant = { node: string; kind: 'class'; classes: number } | { node: string; kind: 'float'; features: number };

export interface BuiltData {
  name: string;
  columns: string[];
  /** Class names, index order (e.g. iris: setosa, versicolor, virginica); null for float targets. */
  classes: string[] | null;
  train: DataRows;
  /** null when `split.test` is 0. */
  test: DataRows | null;
  /** Set for the real data sets: the training split's statistics, applied to both splits. */
  standardisation: Standardisation | null;
}

const CORNERS: readonly string[] = ['xor', 'and', 'or'];
const CLOUDS: readonly string[] = ['circle', 'xor-noisy', 'gauss', 'spiral'];

export const DEFAULT_SAMPLES = 200;
export const DEFAULT_NOISE = 0.1;

/** The table a data spec names, before split and standardisation. `seed` is the training seed (clouds' default). */
export async function loadTable(spec: DataSpec, seed: number, read: DatasetFileReader): Promise<Table> {
  if ('inline' in spec) return inline(spec.inline);
  const name = spec.builtin;
  if (CORNERS.includes(name)) return corners(name as BuiltinCorners);
  if (CLOUDS.includes(name)) {
    const s = spec as { samples?: number; noise?: number; seed?: number };
    return cloud(name as BuiltinCloud, { samples: s.samples ?? DEFAULT_SAMPLES, noise: s.noise ?? DEFAULT_NOISE, seed: s.seed ?? seed });
  }
  if (name in REAL_DATASETS) return loadRealDataset(name as BuiltinReal, read);
  throw new DataError(`unknown builtin data set "${String(name)}"; known: ${[...CORNERS, ...CLOUDS, ...Object.keys(REAL_DATASETS)].join(', ')}`, 'training.data.builtin');
}

export const isStandardised = (spec: DataSpec): boolean => 'builtin' in spec && spec.builtin in REAL_DATASETS;

function toRows(t: Table, want: TargetWant | null): DataRows {
  const x = Float32Array.from(t.x);
  const l = t.labels;
  const base = { n: t.n, x, xFeatures: t.features, columns: t.columns };
  if (l.kind === 'class') {
    if (!want || want.kind === 'class') {
      const k = want ? want.classes : l.classes.length;
      const bad = l.y.findIndex((c) => c >= k);
      if (bad >= 0) throw new DataError(`Target ${want?.node} has classes ${k} but the data set ${t.name} has ${l.classes.length} classes (${l.classes.join(', ')})`);
      return { ...base, y: Float32Array.from(l.y), yFeatures: 1, yKind: 'class' };
    }
    if (want.features === 1) return { ...base, y: Float32Array.from(l.y), yFeatures: 1, yKind: 'float' };
    if (want.features === l.classes.length) {
      // One column per class: a one-hot target (for MSE or BCE over K outputs).
      const y = new Float32Array(t.n * want.features);
      l.y.forEach((c, i) => (y[i * want.features + c] = 1));
      return { ...base, y, yFeatures: want.features, yKind: 'float' };
    }
    throw new DataError(`Target ${want.node} has features ${want.features} but the data set ${t.name} has one class label per row (${l.classes.length} classes): use features 1, features ${l.classes.length} (one-hot) or classes ${l.classes.length}`);
  }
  if (want && want.kind === 'class') {
    if (l.features !== 1) throw new DataError(`Target ${want.node} wants class indices but the data's y rows have ${l.features} values`);
    const bad = Array.from(l.y).findIndex((v) => !Number.isInteger(v) || v < 0 || v >= want.classes);
    if (bad >= 0) throw new DataError(`Target ${want.node} has classes ${want.classes} but y[${bad}] is ${l.y[bad]}`, `training.data.inline.y[${bad}]`);
    return { ...base, y: Float32Array.from(l.y), yFeatures: 1, yKind: 'class' };
  }
  if (want && want.features !== l.features) {
    throw new DataError(`Target ${want.node} has features ${want.features} but the data's y rows have ${l.features} values`);
  }
  return { ...base, y: Float32Array.from(l.y), yFeatures: l.features, yKind: 'float' };
}

/**
 * What a graph that reads no data (no Input, no Target) runs on: one row of nothing, so one step is one full
 * forward and backward (graph-format.md makes `training` optional; the batch size then has nothing to split).
 */
export function noData(): BuiltData {
  const train: DataRows = { n: 1, x: new Float32Array(0), xFeatures: 0, y: new Float32Array(0), yFeatures: 0, yKind: 'float', columns: [] };
  return { name: 'none', columns: [], classes: null, train, test: null, standardisation: null };
}

/** Builds the training (and test) rows a graph trains on. Throws DataError with a readable message and place. */
export async function buildData(training: TrainingSpec, want: TargetWant | null, read: DatasetFileReader): Promise<BuiltData> {
  const spec = training.data;
  if (!spec) throw new DataError('the graph has no training data: add training.data (e.g. { "builtin": "xor" })');
  const seed = training.seed ?? 0;
  const table = await loadTable(spec, seed, read);
  const { train: trainIdx, test: testIdx } = splitIndices(table.n, training.split?.test ?? 0, seed);
  const train = takeRows(table, trainIdx);
  const test = testIdx.length > 0 ? takeRows(table, testIdx) : null;
  let standardisation: Standardisation | null = null;
  if (isStandardised(spec)) {
    standardisation = fitStandardisation(train);
    applyStandardisation(train, standardisation);
    if (test) applyStandardisation(test, standardisation);
  }
  const rows = toRows(train, want);
  return {
    name: table.name,
    columns: table.columns,
    classes: table.labels.kind === 'class' ? table.labels.classes : null,
    train: rows,
    test: test ? toRows(test, want) : null,
    standardisation,
  };
}
