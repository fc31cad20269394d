// The shape of a nested-array tensor, or where it is ragged. Level by level (no recursion): every element of a
// level must be the same kind and length, so element i of a level sits at the mixed-radix digits of i.
import type { PathSeg } from './issues';

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
    const first = level[0];
    if (!Array.isArray(first)) {
      for (let i = 0; i < level.length; i++) {
        if (typeof level[i] !== 'number') {
          const found = Array.isArray(level[i]) ? 'an array' : level[i] === null ? 'null' : `a ${typeof level[i]}`;
          const what = i === 0 ? `expected a number or an array of numbers, found ${found}` : `expected a number like the elements before it, found ${found} (ragged data)`;
          return { path: pathOf(i, shape), message: what };
        }
      }
      return { shape };
    }
    const len = first.length;
    const next: unknown[] = [];
    for (let i = 0; i < level.length; i++) {
      const el = level[i];
      if (!Array.isArray(el)) {
        return { path: pathOf(i, shape), message: `expected an array of ${len} like the one before it, found ${typeof el === 'number' ? 'a number' : el === null ? 'null' : `a ${typeof el}`} (ragged data)` };
      }
      if (el.length !== len) {
        return { path: pathOf(i, shape), message: `has ${el.length} elements where the rows before it have ${len} (ragged data)` };
      }
      for (let j = 0; j < el.length; j++) next.push(el[j]);
    }
    shape.push(len);
    if (len === 0) return { shape };
    level = next;
  }
}
