// The graph with its trained parameters written back (what `train --out` saves and the editor keeps).
import type { PlanParam } from '../compile/plan';
import type { GraphDoc, NestedNumbers } from '../graph/types';

/** float32 values written with at most 9 significant digits: short, and read back to the same float32. */
const f32 = (v: number): number => (Number.isFinite(v) ? Number(Math.fround(v).toPrecision(9)) : v);

export function nest(values: ArrayLike<number>, shape: readonly number[], offset = 0): NestedNumbers {
  if (shape.length === 0) return f32(values[offset]);
  const [d, ...rest] = shape;
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: d }, (_, i) => nest(values, rest, offset + i * stride));
}

export function withParams(doc: GraphDoc, params: readonly PlanParam[], values: Record<string, ArrayLike<number>>): GraphDoc {
  const out = structuredClone(doc);
  for (const p of params) {
    const v = values[p.key];
    const node = out.nodes.find((n) => n.id === p.node);
    if (!v || !node) continue;
    node.params = { ...node.params, [p.name]: nest(v, p.shape) };
  }
  return out;
}
