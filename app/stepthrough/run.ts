// Step-through backprop: one forward and backward pass on the CPU over the first minibatch, with the document's
// current weights, turned into frames. Runs on the main thread: one pass over a small batch is instant.
import type { DataRows } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import type { DatasetFileReader } from '../../engine/train/data/types';
import { createSession } from '../../engine/train/session';
import { buildFrames, type EdgeStepView, type StepFrame } from './frames';

function firstRows(d: DataRows, n: number): DataRows {
  const k = Math.min(n, d.n);
  return { ...d, n: k, x: d.x.slice(0, k * d.xFeatures), y: d.y.slice(0, k * d.yFeatures) };
}

export type StepThroughResult =
  | { ok: true; frames: StepFrame[]; views: Record<string, EdgeStepView>[]; rows: number }
  | { ok: false; error: string };

export async function runStepThrough(doc: GraphDoc, read: DatasetFileReader): Promise<StepThroughResult> {
  const r = await createSession(doc, { read, backend: 'cpu', keep: 'all' });
  if (!r.ok) return { ok: false, error: r.errors.map((e) => `${e.path}: ${e.message}`).join('\n') };
  const s = r.value;
  try {
    if (s.plan.losses.length === 0) return { ok: false, error: 'the graph has no loss node, so there is no backward pass to step through' };
    const rows = firstRows(s.data.train, s.plan.batch);
    const snap = await s.executor.evaluate(rows);
    const { frames, views } = buildFrames(s.plan, snap);
    return { ok: true, frames, views, rows: rows.n };
  } finally {
    s.dispose();
  }
}
