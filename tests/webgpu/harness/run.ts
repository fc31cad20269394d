// Runs one graph on one executor and returns plain, JSON-safe results (so the browser can hand them to Node):
// the probes after each of the first few steps, and the loss curve. Used by the Node and the Chromium tests alike.
import type { Plan } from '../../../engine/compile/plan';
import type { DataRows, Executor, ProbeSnapshot, TrainConfig } from '../../../engine/executor';
import type { GraphDoc } from '../../../engine/graph/types';
import type { DatasetFileReader } from '../../../engine/train/data/types';
import { prepare } from '../../../engine/train/prepare';

export type MakeExecutor = (plan: Plan, o: { train: DataRows; config: TrainConfig }) => Promise<Executor>;

export interface PlainTensor {
  value: number[];
  grad: number[] | null;
}

export interface PlainSnapshot {
  step: number;
  rows: number;
  loss: number;
  edges: Record<string, PlainTensor>;
  params: Record<string, PlainTensor>;
}

export interface RunResult {
  /** After train(k) for each k of `probeSteps`, in turn. */
  snapshots: PlainSnapshot[];
  /** The params before each probe step and before the evaluation. */
  paramsBefore: Record<string, number[]>[];
  /** evaluate() over all training rows (more rows than a batch). */
  evaluation: PlainSnapshot;
  /** Every step's loss, `lossSteps` in all. */
  losses: number[];
  mode: string;
}

export interface RunOptions {
  probeSteps: number[];
  lossSteps: number;
  /**
   * Params to set before each probe step and before the evaluation (the reference run's `paramsBefore`), so each
   * compared step starts from the same weights instead of weights that already differ in their last bits.
   */
  sync?: Record<string, number[]>[];
}

export function plain(s: ProbeSnapshot): PlainSnapshot {
  const t = (r: Record<string, { value: ArrayLike<number>; grad: ArrayLike<number> | null }>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { value: Array.from(v.value), grad: v.grad ? Array.from(v.grad) : null }]));
  return { step: s.step, rows: s.rows, loss: s.loss, edges: t(s.edges), params: t(s.params) };
}

export async function runGraph(doc: GraphDoc, read: DatasetFileReader, make: MakeExecutor, o: RunOptions): Promise<RunResult> {
  const p = await prepare(doc, read);
  if (!p.ok) throw new Error(`${doc.name}: ${p.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const { plan, config, data } = p.value;
  const ex = await make(plan, { train: data.train, config });
  try {
    const snapshots: PlainSnapshot[] = [];
    const paramsBefore: Record<string, number[]>[] = [];
    const before = async (k: number) => {
      if (o.sync?.[k]) await ex.setParams(o.sync[k]);
      const now = await ex.getParams();
      paramsBefore.push(Object.fromEntries(Object.entries(now).map(([key, v]) => [key, Array.from(v)])));
    };
    let taken = 0;
    for (const [i, k] of o.probeSteps.entries()) {
      await before(i);
      const r = await ex.train(k);
      if (r.nonFinite) throw new Error(`${doc.name}: non-finite at step ${r.nonFinite.step} on ${r.nonFinite.edge}`);
      taken += k;
      snapshots.push(plain(await ex.snapshot()));
    }
    await before(o.probeSteps.length);
    const evaluation = plain(await ex.evaluate(data.train));
    if (o.lossSteps > taken) await ex.train(o.lossSteps - taken);
    const losses = Array.from(await ex.losses(0));
    const mode = (ex as { mode?: string }).mode ?? ex.backend;
    return { snapshots, paramsBefore, evaluation, losses, mode };
  } finally {
    ex.dispose();
  }
}
