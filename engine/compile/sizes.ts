// How many elements each buffer of a plan needs for a given row count: the largest shape any step, node, edge or
// param gives it. Executors size their storage from this, so one plan can run over more rows than plan.batch.
import { resolveShape, sizeOf, type Shape } from '../tensor';
import type { BufferId, Plan } from './plan';

export function bufferSizes(plan: Plan, rows: number): number[] {
  const sizes = plan.buffers.map(() => 0);
  const see = (b: BufferId | null, shape: Shape): void => {
    if (b === null) return;
    const n = sizeOf(resolveShape(shape, rows));
    if (n > sizes[b]) sizes[b] = n;
  };
  for (const n of plan.nodes) {
    see(n.out, n.outShape);
    see(n.grad, n.outShape);
  }
  for (const e of plan.edges) {
    see(e.value, e.shape);
    see(e.grad, e.shape);
  }
  for (const p of plan.params) {
    see(p.value, p.shape);
    see(p.grad, p.shape);
  }
  see(plan.seed, []);
  for (const s of plan.forward) s.inputs.forEach((b, i) => see(b, s.inShapes[i]));
  for (const s of plan.backward) {
    if (s.kind === 'sum') {
      see(s.out, s.shape);
      for (const t of s.terms) see(t, s.shape);
    } else if (s.kind === 'backward') {
      s.gradInputs.forEach((b, i) => see(b, s.inShapes[i]));
      see(s.gradOut, s.outShape);
    }
  }
  // A buffer nothing references still gets its declared size, so indexing never runs past the end.
  return sizes.map((n, i) => (n > 0 ? n : rows === plan.batch ? plan.buffers[i].size : Math.max(1, plan.buffers[i].size)));
}
