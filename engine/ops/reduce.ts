// What Sum and Mean share: the `dim` attr, the shape rule (keepdim false) and the kernels, scaled by 1 (Sum) or
// 1/count (Mean). Pinned: `dim` null (default: all elements, giving a scalar) | 0 | 1 | −1 (the last).
// On a vector dim 0 and −1 reduce everything; on a scalar, dim 0 and −1 are allowed and change nothing (as torch).
import { z } from 'zod';
import { formatShape, sizeOf, type Tensor } from '../tensor';
import { colsOf, rowsOf } from './broadcast';
import type { ShapeResult } from './types';
import type { Shape } from '../tensor';

export interface ReduceAttrs {
  dim: null | 0 | 1 | -1;
}

export const reduceAttrs = z.strictObject({
  dim: z.union([z.null(), z.literal(0), z.literal(1), z.literal(-1)]).default(null),
});

/** Which elements one output element sums: 'all', 'rows' (dim 0 of a matrix: one per column) or 'cols' (one per row). */
type Axis = 'all' | 'rows' | 'cols';

function axisOf(rank: number, dim: ReduceAttrs['dim']): Axis {
  if (dim === null || rank < 2) return 'all';
  return dim === 0 ? 'rows' : 'cols';
}

export function reduceShape(op: string, [x]: readonly Shape[], { dim }: ReduceAttrs): ShapeResult {
  if (dim === 1 && x.length < 2) {
    return { error: `${op} over dim 1 needs a matrix, got ${formatShape(x)} (use dim 0, −1 or null)`, port: 'in' };
  }
  const axis = axisOf(x.length, dim);
  if (axis === 'all') return { shape: [] };
  return { shape: axis === 'rows' ? [x[1]] : [x[0]] };
}

/** out = scale(count) · Σ; `mean` divides by the number of elements each output sums. */
export function reduceForward(x: Tensor, out: Tensor, dim: ReduceAttrs['dim'], mean: boolean): void {
  const a = x.data, o = out.data, axis = axisOf(x.shape.length, dim);
  if (axis === 'all') {
    const n = sizeOf(x.shape);
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    o[0] = mean ? s / n : s;
    return;
  }
  const R = rowsOf(x.shape), C = colsOf(x.shape);
  if (axis === 'rows') {
    for (let c = 0; c < C; c++) o[c] = 0;
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) o[c] += a[r * C + c];
    if (mean) for (let c = 0; c < C; c++) o[c] /= R;
  } else {
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += a[r * C + c];
      o[r] = mean ? s / C : s;
    }
  }
}

/** dx = g (spread back over the summed elements) · scale. */
export function reduceBackward(gx: Tensor, gradOut: Tensor, dim: ReduceAttrs['dim'], mean: boolean): void {
  const g = gradOut.data, d = gx.data, axis = axisOf(gx.shape.length, dim);
  if (axis === 'all') {
    const n = sizeOf(gx.shape), v = mean ? g[0] / n : g[0];
    for (let i = 0; i < n; i++) d[i] = v;
    return;
  }
  const R = rowsOf(gx.shape), C = colsOf(gx.shape);
  const k = mean ? 1 / (axis === 'rows' ? R : C) : 1;
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) d[r * C + c] = k * g[axis === 'rows' ? c : r];
}
