// Small WGSL building blocks the ops' kernels share (engine/ops/*.ts `wgsl` fields).
import type { WgslKernels, WgslTensor } from './kernel-types';

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

/** `mx` and `se`: the max and Σ exp(x − mx) of the row (last dimension, length K) holding element `i`; `r0` its start. */
export function rowMaxSum(x: WgslTensor, K: string): string {
  return `let r0 = (i / ${K}) * ${K};
var mx = ${x.at('r0')};
for (var j = 1u; j < ${K}; j++) { mx = max(mx, ${x.at('r0 + j')}); }
var se = 0.0;
for (var j = 0u; j < ${K}; j++) { se += exp(${x.at('r0 + j')} - mx); }`;
}

/** `lse`: log Σ exp over row `r` (a WGSL u32 expression) of a [R, K] tensor, stable (max subtracted). */
export function rowLogSumExp(x: WgslTensor, K: string, r: string): string {
  return `var mx = ${x.at(`${r} * ${K}`)};
for (var j = 1u; j < ${K}; j++) { mx = max(mx, ${x.at(`${r} * ${K} + j`)}); }
var se = 0.0;
for (var j = 0u; j < ${K}; j++) { se += exp(${x.at(`${r} * ${K} + j`)} - mx); }
let lse = mx + log(se);`;
}

/** PyTorch's BCE clamps each log term at −100 (log 0 = −inf would otherwise poison the loss). */
export function clampedLog(p: string): string {
  return `select(-100.0, max(log(${p}), -100.0), ${p} > 0.0)`;
}

type Reduction = { reduction: 'mean' | 'sum' };

/**
 * The elementwise losses (MSE, BCE, BCEWithLogits): the op gives its per-element term and its derivative as WGSL
 * expressions of `x` (input) and `y` (target); this adds the sum, the `reduction` and the upstream scalar.
 */
export function elementLossWgsl<A extends Reduction>(
  term: (x: string, y: string) => string,
  grad: (x: string, y: string) => string,
): WgslKernels<A> {
  const scale = (a: Reduction, x: WgslTensor) => (a.reduction === 'mean' ? ` / f32(${x.size})` : '');
  return {
    kind: 'custom',
    forward: ({ attrs, inputs: [x, y], out }) => ({
      count: [],
      body: `var s = 0.0;
for (var j = 0u; j < ${x.size}; j++) { let x = ${x.at('j')}; let y = ${y.at('j')}; s += ${term('x', 'y')}; }
${out.set('i', `s${scale(attrs, x)}`)}`,
    }),
    gradInputs: [
      ({ attrs, inputs: [x, y], gradOut }, t) => ({
        count: x.shape,
        body: `let x = ${x.at('i')}; let y = ${y.at('i')};\n${t.set('i', `${gradOut.at('0u')} * ${grad('x', 'y')}${scale(attrs, x)}`)}`,
      }),
      null,
    ],
  };
}

/** Sum and Mean over `dim` (null = all; 0; 1 or −1), keepdim false, rank ≤ 2, as engine/ops/reduce.ts. */
export function reduceWgsl(mean: boolean): WgslKernels<{ dim: number | null }> {
  const axisOf = (x: WgslTensor, dim: number | null): 'all' | 0 | 1 => (dim === null || x.dims.length < 2 ? 'all' : dim === 0 ? 0 : 1);
  return {
    kind: 'custom',
    forward: ({ attrs, inputs: [x], out }) => {
      const axis = axisOf(x, attrs.dim);
      const [R, C] = x.dims;
      const n = axis === 'all' ? x.size : axis === 0 ? R : C;
      const idx = axis === 'all' ? 'j' : axis === 0 ? `j * ${C} + i` : `i * ${C} + j`;
      return {
        count: axis === 'all' ? [] : out.shape,
        body: `var s = 0.0;\nfor (var j = 0u; j < ${n}; j++) { s += ${x.at(idx)}; }\n${out.set('i', mean ? `s / f32(${n})` : 's')}`,
      };
    },
    gradInputs: [
      ({ attrs, inputs: [x], gradOut: g }, t) => {
        const axis = axisOf(x, attrs.dim);
        const C = lastDim(x);
        const n = axis === 'all' ? x.size : axis === 0 ? x.dims[0] : C;
        const src = axis === 'all' ? g.at('0u') : axis === 0 ? g.at(`i % ${C}`) : g.at(`i / ${C}`);
        return { count: x.shape, body: t.set('i', mean ? `${src} / f32(${n})` : src) };
      },
    ],
  };
}
