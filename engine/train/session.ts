// The ONE training loop: the command line and the editor's Web Worker both drive a Session.
// From a loaded GraphDoc: data, compile, executor, steps, losses, accuracy on train and test. No Node APIs here.
import type { Plan } from '../compile/plan';
import type { BackendChoice, DataRows, Executor, NonFinite, ProbeSnapshot, TrainConfig, TrainResult } from '../executor';
import type { GraphDoc, Result } from '../graph/types';
import { accuracyOf, ruleFor, type ClassificationTask } from './accuracy';
import { createExecutor } from './backend';
import type { BuiltData } from './data/build';
import type { DatasetFileReader } from './data/types';
import { firstNonFinite } from './non-finite';
import { prepare } from './prepare';
import { locateByReplay } from './replay';
import { withParams } from './trained-doc';

export interface SessionOptions {
  /** How shipped data sets are read: nodeDatasetReader (engine/cli) or fetchDatasetReader (browser). */
  read: DatasetFileReader;
  backend?: BackendChoice;
  dtype?: 'f32' | 'f64';
  /**
   * 'all' keeps every edge readable (the editor); 'params' trains faster when nobody watches the edges, and a blow-up
   * is still named edge by edge: the failing step is replayed on a keep-'all' CPU executor (engine/train/replay.ts).
   */
  keep?: 'all' | 'params';
}

export interface Session {
  readonly doc: GraphDoc;
  readonly plan: Plan;
  /** The executor running now (useExecutor may swap it). */
  readonly executor: Executor;
  readonly data: BuiltData;
  readonly config: TrainConfig;
  /** null when accuracy does not apply (no loss, or a regression). */
  readonly task: ClassificationTask | null;
  /** Why the backend is not the one asked for, or null. */
  readonly backendNote: string | null;
  readonly steps: number;
  /** n training steps; stops early at a non-finite value or gradient (named by edge), keeping the last good weights. */
  train(n: number): Promise<TrainResult>;
  /** Losses of steps [from, steps). */
  losses(from?: number): Promise<Float32Array>;
  /** Over the whole split; null when the task is not a classification or the split is empty. */
  accuracy(split?: 'train' | 'test'): Promise<number | null>;
  /** The objective over the whole test split (no update), or null without a test split. */
  testLoss(): Promise<number | null>;
  /** One forward and backward over the whole training set, no update (the `eval` command). */
  evaluate(): Promise<ProbeSnapshot>;
  /** The document with the current parameters written into `params`. */
  trainedDoc(): Promise<GraphDoc>;
  /** `edge e3 (fc1 → relu1.in)` (or `the output of MSELoss loss` for an edge-less output, `parameter fc1.weight`), for messages. */
  describeEdge(id: string): string;
  /** A readable account of a blow-up. */
  describeNonFinite(nf: NonFinite): string;
  /** The first non-finite value or gradient in a snapshot of this session (`eval` reports it), or null. */
  nonFiniteIn(snap: ProbeSnapshot): NonFinite | null;
  /**
   * Carry on with another executor for the same plan and data (a lost GPU device replaced by the CPU): accuracy,
   * test loss, evaluate and trainedDoc follow it. The caller sets its weights; the old one is not disposed here.
   */
  useExecutor(next: Executor): void;
  dispose(): void;
}

function classificationTask(plan: Plan, doc: GraphDoc, train: DataRows): ClassificationTask | null {
  const loss = plan.losses[0];
  if (!loss) return null;
  const rule = ruleFor(loss.op, train);
  const edge = doc.edges.find((e) => e.target === loss.node && e.targetPort === 'input');
  const shape = loss.inputShape;
  if (!rule || !edge || shape[0] !== 'B') return null;
  const width = shape.slice(1).reduce<number>((a, d) => a * (typeof d === 'number' ? d : 1), 1);
  return { rule, node: edge.source, width };
}

export async function createSession(doc: GraphDoc, opts: SessionOptions): Promise<Result<Session>> {
  const prepared = await prepare(doc, opts.read, opts.keep ?? 'all');
  if (!prepared.ok) return prepared;
  const { data, config, plan, resolved } = prepared.value;
  const created = await createExecutor(plan, { train: data.train, config, dtype: opts.dtype }, opts.backend ?? 'cpu');
  if (!created.ok) return { ok: false, errors: [{ path: 'backend', message: created.errors }] };
  const { note } = created.value;
  let executor = created.value.executor;
  const task = classificationTask(plan, doc, data.train);

  const describeEdge = (id: string): string => {
    const e = plan.edges.find((x) => x.id === id);
    if (e) return `edge ${id} (${e.source} → ${e.target}.${e.targetPort})`;
    // A loss's output feeds no edge: the executor names the node itself.
    const n = plan.nodes.find((x) => x.id === id);
    if (n) return `the output of ${n.op} ${id}`;
    // An update that overflowed a layer's weights names the parameter by its key, `${node}.${name}`.
    return plan.params.some((p) => p.key === id) ? `parameter ${id}` : `edge ${id}`;
  };

  const session: Session = {
    doc,
    plan,
    get executor() {
      return executor;
    },
    data,
    config,
    task,
    backendNote: note,
    get steps() {
      return executor.steps;
    },
    async train(n) {
      if (plan.losses.length === 0) throw new Error('the graph has no loss node, so there is nothing to train: add e.g. an MSELoss');
      const r = await executor.train(n);
      if (!r.nonFinite || plan.keep === 'all') return r;
      const nonFinite = await locateByReplay({ resolved, plan, train: data.train, config, dtype: opts.dtype }, executor, r.nonFinite);
      return { ...r, nonFinite };
    },
    losses: (from = 0) => executor.losses(from),
    async accuracy(split = 'train') {
      const rows = split === 'train' ? data.train : data.test;
      if (!task || !rows) return null;
      return accuracyOf(task, await executor.predict(rows, task.node), rows);
    },
    async testLoss() {
      if (!data.test || plan.losses.length === 0) return null;
      return (await executor.evaluate(data.test)).loss;
    },
    evaluate: () => executor.evaluate(data.train),
    async trainedDoc() {
      return withParams(doc, plan.params, await executor.getParams());
    },
    describeEdge,
    describeNonFinite: (nf) =>
      nf.edge === ''
        // An executor that could not tell which parameter the update overflowed says nothing more than that.
        ? `step ${nf.step + 1}: the optimizer's update made a parameter not finite (NaN or Infinity; is the learning rate too large?); the weights from before that step are kept`
        : `step ${nf.step + 1}: the ${nf.which === 'value' ? 'value' : 'gradient'} on ${describeEdge(nf.edge)} is not finite (NaN or Infinity); the weights from before that step are kept`,
    nonFiniteIn(snap) {
      // A 'params' plan's snapshot holds no edges; its objective and parameter gradients are still checked.
      if (plan.keep === 'all') return firstNonFinite(plan, snap, snap.step);
      if (!Number.isFinite(snap.loss) && plan.losses.length > 0) return { step: snap.step, edge: plan.losses[0].node, which: 'value' };
      const p = plan.params.find((q) => snap.params[q.key]?.grad?.some((v) => !Number.isFinite(v)));
      return p ? { step: snap.step, edge: p.key, which: 'grad' } : null;
    },
    useExecutor(next) {
      executor = next;
    },
    dispose: () => executor.dispose(),
  };
  return { ok: true, value: session };
}
