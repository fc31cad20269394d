// PyTorch broadcasting for tensors of rank ≤ 2 (graph-format.md, Shapes): the shape rule and the index helpers
// the elementwise kernels share. Kernels view every tensor as [rows, cols] (a missing dim is a stretched 1).
import { formatShape, type Dim, type Shape, type Tensor } from '../tensor';
import type { ShapeResult } from './types';

/** The rule for two inputs: trailing dims aligned, 1 or missing stretches, 'B' only meets 'B' or 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape, ports: readonly [string, string] = ['a', 'b']): ShapeResult {
  const rank = Math.max(a.length, b.length);
  if (a.length > 2) return { error: `${op}: port \`${ports[0]}\` has rank ${a.length} (${formatShape(a)}); tensors have rank 0, 1 or 2`, port: ports[0] };
  if (b.length > 2) return { error: `${op}: port \`${ports[1]}\` has rank ${b.length} (${formatShape(b)}); tensors have rank 0, 1 or 2`, port: ports[1] };
  const out: Dim[] = [];
  for (let k = rank; k >= 1; k--) {
    const da: Dim | undefined = a[a.length - k];
    const db: Dim | undefined = b[b.length - k];
    const d = broadcastDim(da, db);
    if (d === null) {
      const why =
        da === 'B' || db === 'B'
          ? `the batch dimension B cannot stretch to a fixed size ${da === 'B' ? db : da} (only 1 or B can meet B)`
          : `sizes ${da} and ${db} differ and neither is 1`;
      return {
        error: `${op} cannot broadcast \`${ports[0]}\` ${formatShape(a)} with \`${ports[1]}\` ${formatShape(b)}: ${why}`,
        port: ports[1],
      };
    }
    out.push(d);
  }
  return { shape: out };
}

function broadcastDim(a: Dim | undefined, b: Dim | undefined): Dim | null {
  if (a === undefined) return b ?? null;
  if (b === undefined || a === b) return a;
  if (a === 1) return b;
  if (b === 1) return a;
  return null;
}

/** Two shapes that must be equal ('B' equals only 'B'). */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rows of a resolved shape viewed as [rows, cols]. */
export function rowsOf(shape: readonly number[]): number {
  return shape.length === 2 ? shape[0] : 1;
}

/** Cols of a resolved shape viewed as [rows, cols]. */
export function colsOf(shape: readonly number[]): number {
  return shape.length === 0 ? 1 : shape[shape.length - 1];
}

/** Step between rows of `x` when read at the broadcast output's positions (0 when its rows stretch). */
export function rowStride(x: readonly number[]): number {
  return rowsOf(x) === 1 ? 0 : colsOf(x);
}

/** Step between cols of `x` when read at the broadcast output's positions (0 when its cols stretch). */
export function colStride(x: readonly number[]): number {
  return colsOf(x) === 1 ? 0 : 1;
}

/**
 * The gradient of a broadcast input: dst = sign · Σ g · factor over the positions that read each dst element,
 * i.e. summed back to dst's shape. `factor` (broadcast too) is the other operand for Mul, null for Add/Sub.
 * Overwrites dst.
 */
export function sumToShape(dst: Tensor, g: Tensor, factor: Tensor | null, sign: number): void {
  const d = dst.data, gd = g.data;
  const R = rowsOf(g.shape), C = colsOf(g.shape);
  const dr = rowStride(dst.shape), dc = colStride(dst.shape);
  const n = rowsOf(dst.shape) * colsOf(dst.shape);
  for (let i = 0; i < n; i++) d[i] = 0;
  if (factor === null) {
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) d[r * dr + c * dc] += sign * gd[r * C + c];
    return;
  }
  const f = factor.data, fr = rowStride(factor.shape), fc = colStride(factor.shape);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) d[r * dr + c * dc] += sign * gd[r * C + c] * f[r * fr + c * fc];
  }
}
