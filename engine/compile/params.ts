// Initial parameter values: the file's `params` when given (checked against the declared shape), else the op's
// PyTorch default init drawn from createRng(seed, nodeId, paramName), so every node and param has its own stream.
import type { NestedNumbers } from '../graph/types';
import type { ParamDecl } from '../ops/types';
import { createRng } from '../rng';
import { formatShape, sizeOf } from '../tensor';

function nestedShape(v: NestedNumbers): number[] | null {
  if (typeof v === 'number') return [];
  if (v.length === 0) return [0];
  const inner = nestedShape(v[0]);
  if (!inner) return null;
  for (const x of v) {
    const s = nestedShape(x);
    if (!s || s.length !== inner.length || s.some((d, i) => d !== inner[i])) return null;
  }
  return [v.length, ...inner];
}

function flattenInto(v: NestedNumbers, out: Float64Array, at: number): number {
  if (typeof v === 'number') {
    out[at] = v;
    return at + 1;
  }
  for (const x of v) at = flattenInto(x, out, at);
  return at;
}

/** The initial value of one param, or a readable refusal. */
export function initialValue(
  nodeId: string, decl: ParamDecl, given: NestedNumbers | undefined, seed: number,
): { value: Float64Array } | { error: string } {
  const out = new Float64Array(sizeOf(decl.shape));
  if (given === undefined) {
    decl.init(createRng(seed, nodeId, decl.name), out);
    return { value: out };
  }
  const shape = nestedShape(given);
  const same = shape && shape.length === decl.shape.length && shape.every((d, i) => d === decl.shape[i]);
  if (!shape || !same) {
    const found = shape ? formatShape(shape) : 'a ragged array';
    return { error: `param \`${decl.name}\` of node \`${nodeId}\` must have shape ${formatShape(decl.shape)}, found ${found}` };
  }
  flattenInto(given, out, 0);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) return { error: `param \`${decl.name}\` of node \`${nodeId}\` holds a non-finite number` };
  }
  return { value: out };
}
