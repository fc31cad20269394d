// What the trainer sends the view, computed from the executor: an edge snapshot trimmed for transfer, and the
// decision-boundary picture over a grid. Pure functions of the session and executor; the loop lives in trainer.ts.
import type { Executor, ProbeSnapshot } from '../../engine/executor';
import type { OpenedSession } from './bridge';
import type { BoundaryMsg, EdgeProbeMsg, SnapshotMsg } from './protocol';

/** Batch rows per edge in a snapshot; the selected edge gets all of them. */
const ROWS_PER_EDGE = 8;
export const GRID = 64;

/** A snapshot for the view: first rows of every edge (all rows of the selected one), copied into fresh Float32Arrays. */
export function toSnapshotMsg(
  snap: ProbeSnapshot,
  exec: Executor,
  fullEdge: string | null,
  stepOffset = 0,
): { msg: SnapshotMsg; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const edges: Record<string, EdgeProbeMsg> = {};
  const batched = new Set(exec.plan.edges.filter((e) => e.shape[0] === 'B').map((e) => e.id));
  for (const [id, t] of Object.entries(snap.edges)) {
    const hasRows = batched.has(id) && snap.rows > 0;
    const rows = hasRows ? (id === fullEdge ? snap.rows : Math.min(snap.rows, ROWS_PER_EDGE)) : 0;
    const width = hasRows ? t.value.length / snap.rows : t.value.length;
    const n = hasRows ? rows * width : t.value.length;
    const value = Float32Array.from(t.value.subarray(0, n));
    const grad = t.grad ? Float32Array.from(t.grad.subarray(0, n)) : null;
    transfer.push(value.buffer);
    if (grad) transfer.push(grad.buffer);
    edges[id] = { shape: hasRows ? [snap.rows, ...t.shape.slice(1)] : t.shape.slice(), rows, value, grad };
  }
  return { msg: { step: snap.step + stepOffset, loss: snap.loss, edges }, transfer };
}

function pointsOf(rows: { n: number; x: Float32Array; y: Float32Array; yFeatures: number }): Float32Array {
  const p = new Float32Array(rows.n * 3);
  for (let i = 0; i < rows.n; i++) {
    p[i * 3] = rows.x[i * 2];
    p[i * 3 + 1] = rows.x[i * 2 + 1];
    p[i * 3 + 2] = rows.y[i * rows.yFeatures];
  }
  return p;
}

/** The model over a GRID×GRID grid covering the data (with a margin), plus each small hidden layer. */
export async function boundary(s: OpenedSession, exec: Executor, step: number): Promise<BoundaryMsg> {
  const all = [s.train, ...(s.test ? [s.test] : [])];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const r of all) {
    for (let i = 0; i < r.n; i++) {
      x0 = Math.min(x0, r.x[i * 2]);
      x1 = Math.max(x1, r.x[i * 2]);
      y0 = Math.min(y0, r.x[i * 2 + 1]);
      y1 = Math.max(y1, r.x[i * 2 + 1]);
    }
  }
  const mx = Math.max((x1 - x0) * 0.15, 0.25);
  const my = Math.max((y1 - y0) * 0.15, 0.25);
  const extent: [number, number, number, number] = [x0 - mx, x1 + mx, y0 - my, y1 + my];
  const n = GRID * GRID;
  const x = new Float32Array(n * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const i = r * GRID + c;
      x[i * 2] = extent[0] + ((c + 0.5) / GRID) * (extent[1] - extent[0]);
      x[i * 2 + 1] = extent[3] - ((r + 0.5) / GRID) * (extent[3] - extent[2]);
    }
  }
  const grid = { n, x, xFeatures: 2, y: new Float32Array(n * s.train.yFeatures), yFeatures: s.train.yFeatures, yKind: s.train.yKind };
  const out = await exec.predict(grid, s.outputNode as string);
  const width = out.length / n;
  const output = new Float32Array(n);
  for (let i = 0; i < n; i++) output[i] = classOne(out, i * width, width, s.outputKind);
  const hidden: BoundaryMsg['hidden'] = [];
  for (const h of s.hiddenNodes) {
    const v = await exec.predict(grid, h.node);
    hidden.push({ node: h.node, units: h.units, values: Float32Array.from(v) });
  }
  return { step, size: GRID, extent, output, hidden, points: pointsOf(s.train), testPoints: s.test ? pointsOf(s.test) : new Float32Array(0), costMs: 0 };
}

/** The model's belief in class 1 at one grid point (the heat map's colour): probabilities as they are, logits squashed. */
function classOne(out: ArrayLike<number>, at: number, width: number, kind: OpenedSession['outputKind']): number {
  if (kind === 'prob' || kind === 'value') return out[at + (width > 1 ? 1 : 0)] ?? out[at];
  if (kind === 'logit') return 1 / (1 + Math.exp(-out[at]));
  if (width < 2) return kind === 'logprobs' ? Math.exp(out[at]) : 1 / (1 + Math.exp(-out[at]));
  // Softmax over the row, then class 1 (for K > 2, the colour shows class 1 against the rest).
  let max = -Infinity;
  for (let k = 0; k < width; k++) max = Math.max(max, out[at + k]);
  let sum = 0;
  for (let k = 0; k < width; k++) sum += Math.exp(out[at + k] - max);
  return Math.exp(out[at + 1] - max) / sum;
}
