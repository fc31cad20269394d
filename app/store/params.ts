// A node's learnable tensors as the editor sees them: declared shapes, current values (file or seeded init), briefs.
import type { GraphDoc, GraphNode, NestedNumbers } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import type { ParamDecl } from '../../engine/ops/types';
import { initialValue } from '../../engine/compile/params';

/** The op's parameter declarations for this node's attrs, or [] when the attrs do not parse (the node is marked). */
export function paramDecls(node: GraphNode): ParamDecl[] {
  const def = getOp(node.op);
  if (!def) return [];
  const attrs = def.attrs.safeParse(node.attrs ?? {});
  if (!attrs.success) return [];
  try {
    return def.params(attrs.data);
  } catch {
    return [];
  }
}

const SHORT: Record<string, string> = { weight: 'W', bias: 'b' };

/** "W 4×2, b 4": what a node learns, at a glance. */
export function paramBrief(node: GraphNode): string {
  return paramDecls(node)
    .map((p) => `${SHORT[p.name] ?? p.name} ${p.shape.length ? p.shape.join('×') : '(scalar)'}`)
    .join(', ');
}

export function shapeOfNested(v: NestedNumbers): number[] {
  const shape: number[] = [];
  let cur: NestedNumbers = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0] ?? 0;
  }
  return shape;
}

export function flatten(v: NestedNumbers): number[] {
  return Array.isArray(v) ? v.flatMap(flatten) : [v];
}

/** Row-major values into nested arrays of `shape` (rank 0, 1 or 2). */
export function nest(values: ArrayLike<number>, shape: readonly number[]): NestedNumbers {
  if (shape.length === 0) return values[0] ?? 0;
  if (shape.length === 1) return Array.from({ length: shape[0] }, (_, i) => values[i]);
  const cols = shape[1];
  return Array.from({ length: shape[0] }, (_, r) => Array.from({ length: cols }, (_, c) => values[r * cols + c]));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether the node's stored params still fit its declarations (after an attrs change they may not). */
export function paramsFit(node: GraphNode): boolean {
  if (!node.params) return true;
  const decls = paramDecls(node);
  const names = Object.keys(node.params);
  return (
    names.length === decls.length &&
    decls.every((d) => node.params?.[d.name] !== undefined && sameShape(shapeOfNested(node.params[d.name]), d.shape))
  );
}

/** The values a node starts from: its stored params, else the op's default init from the training seed (as compile does). */
export function currentParams(doc: GraphDoc, node: GraphNode): Record<string, { shape: readonly number[]; values: number[] }> {
  const out: Record<string, { shape: readonly number[]; values: number[] }> = {};
  const seed = doc.training?.seed ?? 0;
  for (const d of paramDecls(node)) {
    let v = initialValue(node.id, d, node.params?.[d.name], seed);
    // Stored values that no longer fit are replaced by the seeded init, as compile would refuse them.
    if ('error' in v) v = initialValue(node.id, d, undefined, seed);
    out[d.name] = { shape: d.shape, values: 'value' in v ? Array.from(v.value) : [] };
  }
  return out;
}
