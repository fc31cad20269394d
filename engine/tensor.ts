// Shapes and typed-array tensors shared by the compiler and the executors.

/** A dimension: a fixed size, or 'B', the batch size, known only when a step runs. */
export type Dim = number | 'B';
/** Rank 0, 1 or 2 (graph-format.md, Shapes). */
export type Shape = readonly Dim[];

export type FloatArray = Float32Array | Float64Array;
export type FloatArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor;

/** A concrete tensor: a view of `size(shape)` elements, row-major, from the start of `data`. */
export interface Tensor {
  data: FloatArray;
  shape: readonly number[];
}

export function resolveShape(shape: Shape, batch: number): number[] {
  return shape.map((d) => (d === 'B' ? batch : d));
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
