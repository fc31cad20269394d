// The shape of a nested-array tensor, or where it is ragged. Level by level (no recursion): every element of a
// level must be the same kind and length, so element i of a level sits at the mixed-radix digits of i.
import { describe, type PathSeg } from './issues';

export type NestedShape = { shape: number[] } | { path: PathSeg[]; message: string };

function pathOf(index: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    out.unshift(index % shape[k]);
    index = Math.floor(index / shape[k]);
  }
  return out;
}

export function nestedShape(value: unknown): NestedShape {
  const shape: number[] = [];
  let level: unknown[] = [value];
  for (;;) {
    if (!Array.isArray(level[0])) {
      for (let i = 0; i < level.length; i++) {
        const el = level[i];
        if (typeof el === 'number') continue;
        const why = Array.isArray(el) ? ' (every row must nest equally deep)' : '';
        return { path: pathOf(i, shape), message: `expected a number, found ${describe(el)}${why}` };
      }
      return { shape };
    }
    const len = (level[0] as unknown[]).length;
    const next: unknown[] = [];
    for (let i = 0; i < level.length; i++) {
      const el = level[i];
      if (!Array.isArray(el)) {
        return { path: pathOf(i, shape), message: `expected a row of ${len} like the rows before it, found ${describe(el)} (ragged data)` };
      }
      if (el.length !== len) {
        return { path: pathOf(i, shape), message: `has ${el.length} values where the rows before it have ${len} (ragged data)` };
      }
      for (let j = 0; j < el.length; j++) next.push(el[j]);
    }
    shape.push(len);
    if (len === 0) return { shape };
    level = next;
  }
}
