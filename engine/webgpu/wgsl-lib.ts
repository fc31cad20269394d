// Small WGSL building blocks the ops' kernels share (engine/ops/*.ts `wgsl` fields).
import type { WgslTensor } from './kernel-types';

/** The last dimension of a tensor as a WGSL u32 expression (1u for a scalar). */
export function lastDim(t: WgslTensor): string {
  return t.dims.length ? t.dims[t.dims.length - 1] : '1u';
}

/** Rows before the last dimension, as a WGSL u32 expression (1u for rank 0 or 1). */
export function leadDim(t: WgslTensor): string {
  return t.dims.length === 2 ? t.dims[0] : '1u';
}

/** erfc(x) with fractional error below 1.2e-7 everywhere (Numerical Recipes' erfcc): WGSL has no erf. */
export const WGSL_ERFC = `
fn wg_erfc(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.5 * z);
  let r = t * exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return select(2.0 - r, r, x >= 0.0);
}
`;

/** tanh that stays finite for large |x| (some drivers compute it as a ratio of exponentials that overflow). */
export const WGSL_TANH = `
fn wg_tanh(x: f32) -> f32 {
  return tanh(clamp(x, -15.0, 15.0));
}
`;

/** A class index stored as f32 in a target tensor. */
export function classIndex(expr: string): string {
  return `u32(max(${expr}, 0.0))`;
}
