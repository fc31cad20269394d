// Where everything lives on the GPU: one f32 arena (params, gradients, values, optimiser state, the data set, the
// loss history) and one u32 state buffer (step counter, non-finite flag, per-step table, minibatch orders).
// One arena means one bind group for every kernel, so a whole step (or many) records without rebinding.
import type { BufferId, Plan } from '../compile/plan';
import type { OptimizerConfig } from '../executor';
import { resolveShape, sizeOf, type Shape } from '../tensor';

/** u32 slots of the state buffer. */
export const U = {
  /** Training steps taken (stops advancing at a non-finite step). */
  step: 0,
  /** The step number of the chunk's first step: table row j is step base + j. */
  base: 1,
  /**
   * 1 once the objective or a param gradient was not finite (the optimiser and the counter then stand still);
   * 2 when an update made a param non-finite (the executor then restores the backup).
   */
  flag: 2,
  /** The step at which the flag was raised. */
  bad: 3,
  /** Rows of the current step's minibatch. */
  rows: 4,
  /** Index in this buffer of the current step's first row index. */
  order: 5,
  /** Steps the single-kernel mode runs in one dispatch. */
  nsteps: 6,
  /** The flag as it was when the step began (stable while the update kernel itself may raise it). */
  flagAtBegin: 7,
  /** Per-step table: rows, order index, Adam's step size and √(bias correction 2) as f32 bits. */
  table: 8,
} as const;
export const TABLE_STRIDE = 4;

export interface Layout {
  /** Rows every batch-sized buffer holds. */
  batch: number;
  /** Arena offset of each plan buffer (element index). */
  offset: number[];
  size: number[];
  /** The params, contiguous, in plan.params order. */
  paramStart: number;
  paramEnd: number;
  /** What the non-finite check scans: the param gradients and the objective (as the CPU executor checks). */
  scanStart: number;
  scanEnd: number;
  /** [0, probeEnd): params, their gradients, the objective and every plan buffer: what a probe copies. */
  probeEnd: number;
  objective: number;
  lossHist: number;
  /** Steps per submit chunk (loss history and table capacity). */
  chunk: number;
  /** The optimiser state region (momentum, or Adam's m then v: each a mirror of the params region) and its length. */
  optState: number;
  optStateLen: number;
  /** Per plan param: optimiser state offsets (-1 when unused). */
  momentum: number[];
  adamM: number[];
  adamV: number[];
  /**
   * The params, then the optimiser state, before the step's update: restored when the update itself overflows, so a
   * blown-up update leaves no moments behind either (-1 without an optimiser).
   */
  backup: number;
  x: number;
  y: number;
  dataRows: number;
  xFeatures: number;
  yFeatures: number;
  total: number;
  /** u32 state buffer: where orders start, and its length. */
  orderStart: number;
  orderCap: number;
  uTotal: number;
}

/** Elements a plan buffer must hold at `batch` rows: the largest shape it is used with (liveness reuse shares buffers). */
export function bufferSizes(plan: Plan, batch: number): number[] {
  const size = plan.buffers.map((b) => sizeOf(resolveShape(b.shape, batch)));
  const use = (id: BufferId | null, shape: Shape) => {
    if (id === null) return;
    size[id] = Math.max(size[id], sizeOf(resolveShape(shape, batch)));
  };
  for (const s of plan.forward) {
    s.inputs.forEach((b, k) => use(b, s.inShapes[k]));
    use(s.out, s.outShape);
  }
  for (const s of plan.backward) {
    if (s.kind === 'sum') {
      use(s.out, s.shape);
      for (const t of s.terms) use(t, s.shape);
      continue;
    }
    s.inputs.forEach((b, k) => use(b, s.inShapes[k]));
    use(s.out, s.outShape);
    if (s.kind !== 'backward') continue;
    s.gradInputs.forEach((b, k) => use(b, s.inShapes[k]));
    use(s.gradOut, s.outShape);
  }
  for (const e of plan.edges) {
    use(e.value, e.shape);
    use(e.grad, e.shape);
  }
  return size;
}

export interface LayoutOptions {
  batch: number;
  dataRows: number;
  xFeatures: number;
  yFeatures: number;
  optimizer: OptimizerConfig | null;
  chunk: number;
  /** Steps per epoch, to size the minibatch orders a chunk may need. */
  stepsPerEpoch: number;
}

export function layoutArena(plan: Plan, o: LayoutOptions): Layout {
  const size = bufferSizes(plan, o.batch);
  const offset = plan.buffers.map(() => -1);
  let at = 0;
  const isParam = new Set(plan.params.map((p) => p.value));
  for (const p of plan.params) {
    offset[p.value] = at;
    at += size[p.value];
  }
  const paramEnd = at;
  // Param gradients and the objective next, contiguous: what the non-finite check scans (as the CPU executor does).
  const placed = new Set(isParam);
  for (const p of plan.params) {
    if (p.grad === null || placed.has(p.grad)) continue;
    offset[p.grad] = at;
    at += size[p.grad];
    placed.add(p.grad);
  }
  const objective = at++;
  const scanEnd = at;
  for (const b of plan.buffers) {
    if (placed.has(b.id)) continue;
    offset[b.id] = at;
    at += size[b.id];
  }
  const probeEnd = at;
  const lossHist = at;
  at += o.chunk;
  // Optimiser state mirrors the params region (same offsets from its own start), so one kernel can update them all.
  const optState = at;
  const none = plan.params.map(() => -1);
  const momentum = [...none], adamM = [...none], adamV = [...none];
  const mirror = (into: number[]) => {
    const start = at;
    plan.params.forEach((p, k) => (into[k] = p.grad === null ? -1 : start + offset[p.value]));
    at += paramEnd;
  };
  if (o.optimizer?.type === 'sgd' && o.optimizer.momentum !== 0) mirror(momentum);
  if (o.optimizer?.type === 'adam') {
    mirror(adamM);
    mirror(adamV);
  }
  const optStateLen = at - optState;
  const backup = o.optimizer ? at : -1;
  if (o.optimizer) at += paramEnd + optStateLen;
  const x = at;
  at += o.dataRows * o.xFeatures;
  const y = at;
  at += o.dataRows * o.yFeatures;
  const epochs = Math.ceil(o.chunk / Math.max(1, o.stepsPerEpoch)) + 1;
  const orderStart = U.table + TABLE_STRIDE * o.chunk;
  const orderCap = epochs * Math.max(1, o.dataRows);
  return {
    batch: o.batch, offset, size, paramStart: 0, paramEnd, scanStart: paramEnd, scanEnd, probeEnd, objective, lossHist,
    chunk: o.chunk, optState, optStateLen, momentum, adamM, adamV, backup, x, y, dataRows: o.dataRows, xFeatures: o.xFeatures, yFeatures: o.yFeatures,
    total: Math.max(at, 1), orderStart, orderCap, uTotal: orderStart + orderCap,
  };
}
