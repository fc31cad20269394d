// Reading a machine's buffers back out: probe snapshots (copies, at probe time only) and the non-finite locator.
import type { Plan } from '../compile/plan';
import type { NonFinite, ProbeSnapshot, TensorProbe } from '../executor';
import { resolveShape, sizeOf, type FloatArray, type Shape } from '../tensor';
import { allFinite } from './finite';
import { runBackward, type Machine } from './machine';
import type { Program } from './program';

/** rec[key] = value as an own property even for ids such as `__proto__` (valid ids; plain assignment would not store them). */
function put<T>(rec: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
}

function copyOf(buf: FloatArray, shape: readonly number[]): FloatArray {
  return buf.slice(0, sizeOf(shape));
}

export function takeSnapshot(plan: Plan, m: Machine, rows: number, step: number, loss: number): ProbeSnapshot {
  const edges: Record<string, TensorProbe> = {};
  const params: Record<string, TensorProbe> = {};
  // With reused buffers ('params' plans) edge buffers hold whatever ran last: only params are meaningful then.
  if (plan.keep === 'all') {
    for (const e of plan.edges) {
      const shape = resolveShape(e.shape, rows);
      put(edges, e.id, { shape, value: copyOf(m.bufs[e.value], shape), grad: e.grad === null ? null : copyOf(m.bufs[e.grad], shape) });
    }
  }
  for (const p of plan.params) {
    put(params, p.key, { shape: [...p.shape], value: copyOf(m.bufs[p.value], p.shape), grad: p.grad === null ? null : copyOf(m.bufs[p.grad], p.shape) });
  }
  return { step, rows, loss, edges, params };
}

function finite(buf: FloatArray, shape: Shape, rows: number): boolean {
  const n = sizeOf(resolveShape(shape, rows));
  for (let i = 0; i < n; i++) if (!Number.isFinite(buf[i])) return false;
  return true;
}

/** Cheap test run every step, with the objective's: every parameter gradient (a blow-up upstream reaches them). */
export function gradsFinite(plan: Plan, m: Machine): boolean {
  for (const p of plan.params) {
    if (p.grad === null) continue;
    if (!allFinite(m.bufs[p.grad])) return false;
  }
  return true;
}

/**
 * Replays the step (sources already gathered, params unchanged) one op at a time to name the first non-finite
 * edge value in forward order, then the first non-finite edge gradient in backward order. Runs only after a failure.
 */
export function locateNonFinite(plan: Plan, m: Machine, prog: Program, step: number): NonFinite {
  const rows = prog.rows;
  const firstEdgeOf = (node: string): string => plan.edges.find((e) => e.source === node)?.id ?? node;
  for (const s of plan.sources) {
    const n = plan.nodes.find((x) => x.id === s.node);
    if (n && !finite(m.bufs[s.out], n.outShape, rows)) return { step, edge: firstEdgeOf(s.node), which: 'value' };
  }
  for (let i = 0; i < plan.forward.length; i++) {
    prog.forward[i]();
    const f = plan.forward[i];
    if (!finite(m.bufs[f.out], f.outShape, rows)) return { step, edge: firstEdgeOf(f.node), which: 'value' };
  }
  for (let i = 0; i < plan.backward.length; i++) {
    prog.backward[i]();
    const b = plan.backward[i];
    if (b.kind !== 'backward') continue;
    for (let k = 0; k < b.gradInputs.length; k++) {
      const g = b.gradInputs[k];
      if (g === null || finite(m.bufs[g], b.inShapes[k], rows)) continue;
      const e = plan.edges.find((x) => x.grad === g && x.target === b.node);
      return { step, edge: e?.id ?? b.node, which: 'grad' };
    }
    for (const p of plan.params) {
      if (p.node === b.node && p.grad !== null && !finite(m.bufs[p.grad], p.shape, rows)) return { step, edge: p.key, which: 'grad' };
    }
  }
  // Not reproduced op by op (should not happen: kernels are deterministic); name the objective's first loss.
  runBackward(prog);
  const loss = plan.losses[0]?.node ?? '';
  return { step, edge: firstEdgeOf(loss), which: 'value' };
}

/**
 * How a blow-up in the optimiser's update names the param it made non-finite (both executors): a Parameter node's
 * value is what its outgoing edge shows, so that edge; any other op's param (a Linear's weight) by `${node}.${name}`,
 * as a param's gradient is named. '' when no param is given (nothing to name).
 */
export function overflowedParamName(plan: Plan, p: Plan['params'][number] | undefined): string {
  if (!p) return '';
  const op = plan.nodes.find((n) => n.id === p.node)?.op;
  return (op === 'Parameter' ? plan.edges.find((e) => e.source === p.node)?.id : undefined) ?? p.key;
}
