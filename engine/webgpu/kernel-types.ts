// The GPU half of an op definition (OpDef.wgsl). Each op states its WGSL next to its CPU kernels; the executor
// (engine/webgpu/) generates whole compute shaders from these pieces, fuses elementwise chains and decides dispatches.
// Every kernel is written "per element": WGSL statements that compute element `i` (a u32) of one output tensor,
// so the executor can run it as its own dispatch or as a strided loop inside one kernel for a whole step.
import type { Shape } from '../tensor';

/** One tensor as a kernel sees it. */
export interface WgslTensor {
  /** With 'B' for the step's rows. */
  shape: Shape;
  /** Dims as WGSL u32 expressions ('B' becomes `rows`, the rows of this step's minibatch). */
  dims: readonly string[];
  /** Element count as a WGSL u32 expression. */
  size: string;
  /** A WGSL f32 expression reading flat element `idx` (a WGSL u32 expression). */
  at(idx: string): string;
}

/** An output tensor: also writable. */
export interface WgslOutTensor extends WgslTensor {
  /** A WGSL statement writing `value` (f32 expression) to flat element `idx`. */
  set(idx: string, value: string): string;
}

export interface WgslForwardCtx<A> {
  attrs: A;
  /** One per input port, in port order. */
  inputs: readonly WgslTensor[];
  /** One per declared param, in `params()` order. */
  params: readonly WgslTensor[];
  out: WgslOutTensor;
}

export interface WgslBackwardCtx<A> extends WgslForwardCtx<A> {
  /** d(objective)/d(out). */
  gradOut: WgslTensor;
}

/**
 * WGSL statements computing element `i` of `target` for every `i` in [0, size(count)).
 * `count` is usually the target's shape; `[]` (one invocation) for a reduction to a scalar.
 */
export interface WgslProgram {
  count: Shape;
  body: string;
}

/** Elementwise with one input: expressions over WGSL f32 values. */
export interface WgslUnary<A> {
  kind: 'unary';
  /** Module-scope WGSL functions the expressions call (e.g. an erf), shared by name. */
  helpers?: string;
  /** y = f(x). */
  forward(x: string, attrs: A): string;
  /** dx from x, y = f(x) and g = dL/dy. */
  backward(x: string, y: string, g: string, attrs: A): string;
}

/** Elementwise with two broadcast inputs `a`, `b`: the executor does the broadcasting and sums gradients back. */
export interface WgslBinary<A> {
  kind: 'binary';
  helpers?: string;
  forward(a: string, b: string, attrs: A): string;
  /** d(out)/d(a) times g, per broadcast element. */
  gradA(a: string, b: string, g: string, attrs: A): string;
  gradB(a: string, b: string, g: string, attrs: A): string;
}

/** Anything else: one program for the forward, one per input port / param gradient. */
export interface WgslCustom<A> {
  kind: 'custom';
  helpers?: string;
  forward(ctx: WgslForwardCtx<A>): WgslProgram;
  /**
   * Per input port (in order): the program writing that port's gradient into `target`, or null where the op
   * passes no gradient. Called only for ports whose gradient someone needs.
   */
  gradInputs: readonly (((ctx: WgslBackwardCtx<A>, target: WgslOutTensor) => WgslProgram) | null)[];
  /** Per param (in `params()` order). */
  gradParams?: readonly ((ctx: WgslBackwardCtx<A>, target: WgslOutTensor) => WgslProgram)[];
  /**
   * The op is out = inputs[0]·params[0]ᵀ (+ params[1] when present), like nn.Linear: lets the executor pick a
   * tiled matmul for large sizes and fuse a following elementwise activation into it.
   */
  linear?: boolean;
}

export type WgslKernels<A> = WgslUnary<A> | WgslBinary<A> | WgslCustom<A>;

/** Format a JS number as a WGSL f32 literal (always finite: WGSL has no NaN/Inf literals). */
export function f32(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`WGSL has no literal for ${n}`);
  const s = Math.fround(n).toString();
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Format a JS non-negative integer as a WGSL u32 literal. */
export function u32(n: number): string {
  return `${n >>> 0}u`;
}
