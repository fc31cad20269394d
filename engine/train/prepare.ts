// Everything a training session needs before an executor exists: defaults, data, Input columns, the compiled Plan.
// Pure of Node and the DOM: the file reader is passed in. `check` stops here; the session goes on to an executor.
import { compile } from '../compile/compile';
import type { Plan } from '../compile/plan';
import type { OptimizerConfig, TrainConfig } from '../executor';
import type { GraphDoc, GraphIssue, GraphNode, OptimizerSpec, Result } from '../graph/types';
import { buildData, noData, type BuiltData, type TargetWant } from './data/build';
import { DataError, type DatasetFileReader } from './data/types';

export interface Prepared {
  doc: GraphDoc;
  /** The doc the plan was compiled from: Input `columns` resolved to indices of the data. */
  resolved: GraphDoc;
  data: BuiltData;
  config: TrainConfig;
  plan: Plan;
}

/** graph-format.md's defaults, and ours where it leaves a choice: SGD with lr 0.1 when no optimizer is given. */
export const DEFAULT_OPTIMIZER: OptimizerSpec = { type: 'sgd', lr: 0.1 };

export function optimizerConfig(spec: OptimizerSpec = DEFAULT_OPTIMIZER): OptimizerConfig {
  return {
    type: spec.type,
    lr: spec.lr,
    momentum: spec.type === 'sgd' ? (spec.momentum ?? 0) : 0,
    weightDecay: spec.weightDecay ?? 0,
    betas: spec.type === 'adam' && spec.betas ? [spec.betas[0], spec.betas[1]] : [0.9, 0.999],
    eps: spec.type === 'adam' ? (spec.eps ?? 1e-8) : 1e-8,
  };
}

/** batchSize defaults to the whole training set (and is clamped to it), shuffle to true, seed to 0. */
export function trainConfig(doc: GraphDoc, trainRows: number): TrainConfig {
  const t = doc.training ?? {};
  return {
    batchSize: Math.max(1, Math.min(t.batchSize ?? trainRows, trainRows)),
    shuffle: t.shuffle ?? true,
    seed: t.seed ?? 0,
    optimizer: optimizerConfig(t.optimizer),
  };
}

const nodePath = (doc: GraphDoc, n: GraphNode): string => `nodes[${doc.nodes.findIndex((m) => m.id === n.id)}] (id "${n.id}")`;

function targetWant(doc: GraphDoc): Result<TargetWant | null> {
  const targets = doc.nodes.filter((n) => n.op === 'Target');
  const wants: TargetWant[] = targets.map((n) => {
    const a = n.attrs ?? {};
    return typeof a.classes === 'number'
      ? { node: n.id, kind: 'class', classes: a.classes }
      : { node: n.id, kind: 'float', features: typeof a.features === 'number' ? a.features : 1 };
  });
  const first = wants[0];
  const other = wants.findIndex((w) => JSON.stringify({ ...w, node: '' }) !== JSON.stringify({ ...first, node: '' }));
  if (other >= 0) {
    const n = targets[other];
    return { ok: false, errors: [{ path: nodePath(doc, n), nodeId: n.id, message: `Target ${n.id} asks for a different y than Target ${first.node}: all Target nodes read the same data` }] };
  }
  return { ok: true, value: first ?? null };
}

/** Input `columns` (indices or names, default all) → indices, checked against the data's columns. */
function resolveColumns(doc: GraphDoc, data: BuiltData): Result<GraphDoc> {
  const errors: GraphIssue[] = [];
  const resolved = structuredClone(doc);
  for (const n of resolved.nodes) {
    if (n.op !== 'Input') continue;
    const a = n.attrs ?? {};
    const features = typeof a.features === 'number' ? a.features : data.columns.length;
    const where = { path: `${nodePath(doc, n)}.attrs.columns`, nodeId: n.id };
    const list: unknown[] | null = Array.isArray(a.columns) ? (a.columns as unknown[]) : null;
    if (!list) {
      if (features !== data.columns.length) {
        errors.push({ ...where, path: `${nodePath(doc, n)}.attrs.features`, message: `Input ${n.id} has features ${features} but the data set ${data.name} has ${data.columns.length} columns (${data.columns.slice(0, 6).join(', ')}${data.columns.length > 6 ? ', ...' : ''}); set features ${data.columns.length}, or pick columns with "columns"` });
        continue;
      }
      n.attrs = { ...a, columns: data.columns.map((_, i) => i) };
      continue;
    }
    const idx: number[] = [];
    for (const c of list) {
      const i = typeof c === 'number' ? c : data.columns.indexOf(String(c));
      if (!Number.isInteger(i) || i < 0 || i >= data.columns.length) {
        errors.push({ ...where, message: `Input ${n.id} reads column ${JSON.stringify(c)}, which the data set ${data.name} does not have; it has ${typeof c === 'number' ? `columns 0..${data.columns.length - 1}` : data.columns.map((s) => JSON.stringify(s)).join(', ')}` });
      }
      idx.push(i);
    }
    n.attrs = { ...a, columns: idx };
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: resolved };
}

const dataIssue = (e: unknown): GraphIssue[] | null =>
  e instanceof DataError ? [{ path: e.path, message: e.message }] : null;

/**
 * The refusal for a graph whose Input/Target nodes read data it does not name, saying what to add; null when the
 * graph names its data or reads none (then it runs on one empty row). `check` reports this as a warning.
 */
export function missingData(doc: GraphDoc): GraphIssue | null {
  if (doc.training?.data) return null;
  const readers = doc.nodes.filter((n) => n.op === 'Input' || n.op === 'Target');
  if (readers.length === 0) return null;
  const names = readers.slice(0, 3).map((n) => `${n.op} ${n.id}`).join(', ') + (readers.length > 3 ? ', ...' : '');
  const add = doc.training ? 'add "data" to "training", e.g. "data": {"builtin": "xor"}' : 'add e.g. "training": {"data": {"builtin": "xor"}}';
  return {
    path: 'training.data',
    message: `the graph reads data (${names}) but names none, so it cannot be evaluated or trained: ${add} (or {"inline": {"x": [[...]], "y": [...]}} with your own rows)`,
  };
}

export async function prepare(doc: GraphDoc, read: DatasetFileReader, keep: 'all' | 'params' = 'all'): Promise<Result<Prepared>> {
  const want = targetWant(doc);
  if (!want.ok) return want;
  const missing = missingData(doc);
  if (missing) return { ok: false, errors: [missing] };
  let data: BuiltData;
  try {
    data = doc.training?.data ? await buildData(doc.training, want.value, read) : noData();
  } catch (e) {
    const issues = dataIssue(e);
    if (issues) return { ok: false, errors: issues };
    throw e;
  }
  const resolved = resolveColumns(doc, data);
  if (!resolved.ok) return resolved;
  const config = trainConfig(doc, data.train.n);
  const plan = compile(resolved.value, { batch: config.batchSize, keep, seed: config.seed });
  if (!plan.ok) return plan;
  return { ok: true, value: { doc, resolved: resolved.value, data, config, plan: plan.value } };
}
