// Drafts of every op's WGSL, until they move into the op files (engine/ops/*.ts `wgsl`). Temporary.
import { f32, type WgslKernels, type WgslOutTensor, type WgslTensor } from './kernel-types';
import { WGSL_ERFC, WGSL_TANH, classIndex, lastDim, leadDim } from './wgsl-lib';

type K = WgslKernels<unknown>;

const relu: WgslKernels<unknown> = {
  kind: 'unary',
  forward: (x) => `select(0.0, ${x}, ${x} > 0.0)`,
  // PyTorch: the gradient at exactly 0 is 0.
  backward: (x, _y, g) => `select(0.0, ${g}, ${x} > 0.0)`,
};

const leakyRelu: WgslKernels<{ negativeSlope: number }> = {
  kind: 'unary',
  forward: (x, a) => `select(${x} * ${f32(a.negativeSlope)}, ${x}, ${x} > 0.0)`,
  backward: (x, _y, g, a) => `select(${g} * ${f32(a.negativeSlope)}, ${g}, ${x} > 0.0)`,
};

const sigmoid: WgslKernels<unknown> = {
  kind: 'unary',
  forward: (x) => `(1.0 / (1.0 + exp(-${x})))`,
  backward: (_x, y, g) => `(${g} * ${y} * (1.0 - ${y}))`,
};

const tanhK: WgslKernels<unknown> = {
  kind: 'unary',
  helpers: WGSL_TANH,
  forward: (x) => `wg_tanh(${x})`,
  backward: (_x, y, g) => `(${g} * (1.0 - ${y} * ${y}))`,
};

const SQRT1_2 = f32(Math.SQRT1_2);
const INV_SQRT_2PI = f32(1 / Math.sqrt(2 * Math.PI));
const K_BETA = f32(Math.sqrt(2 / Math.PI));
const gelu: WgslKernels<{ approximate: 'none' | 'tanh' }> = {
  kind: 'unary',
  helpers: WGSL_ERFC + WGSL_TANH,
  forward: (x, a) =>
    a.approximate === 'tanh'
      ? `(0.5 * ${x} * (1.0 + wg_tanh(${K_BETA} * (${x} + 0.044715 * ${x} * ${x} * ${x}))))`
      : `(0.5 * ${x} * wg_erfc(-${x} * ${SQRT1_2}))`,
  backward: (x, _y, g, a) =>
    a.approximate === 'tanh'
      ? `(${g} * (0.5 * (1.0 + wg_tanh(${K_BETA} * (${x} + 0.044715 * ${x} * ${x} * ${x}))) + 0.5 * ${x} * ` +
        `(1.0 - wg_tanh(${K_BETA} * (${x} + 0.044715 * ${x} * ${x} * ${x})) * wg_tanh(${K_BETA} * (${x} + 0.044715 * ${x} * ${x} * ${x}))) * ` +
        `${K_BETA} * (1.0 + 3.0 * 0.044715 * ${x} * ${x})))`
      : `(${g} * (0.5 * wg_erfc(-${x} * ${SQRT1_2}) + ${x} * exp(-0.5 * ${x} * ${x}) * ${INV_SQRT_2PI}))`,
};

const step: WgslKernels<{ surrogate: 'none' | 'identity' }> = {
  kind: 'unary',
  forward: (x) => `select(0.0, 1.0, ${x} > 0.0)`,
  backward: (_x, _y, g, a) => (a.surrogate === 'identity' ? g : '0.0'),
};

const add: WgslKernels<unknown> = {
  kind: 'binary',
  forward: (a, b) => `(${a} + ${b})`,
  gradA: (_a, _b, g) => g,
  gradB: (_a, _b, g) => g,
};
const sub: WgslKernels<unknown> = {
  kind: 'binary',
  forward: (a, b) => `(${a} - ${b})`,
  gradA: (_a, _b, g) => g,
  gradB: (_a, _b, g) => `(-${g})`,
};
const mul: WgslKernels<unknown> = {
  kind: 'binary',
  forward: (a, b) => `(${a} * ${b})`,
  gradA: (_a, b, g) => `(${g} * ${b})`,
  gradB: (a, _b, g) => `(${g} * ${a})`,
};

const copyTo = (from: WgslTensor, to: WgslOutTensor) => ({ count: to.shape, body: to.set('i', from.at('i')) });

const parameter: WgslKernels<unknown> = {
  kind: 'custom',
  forward: ({ params: [p], out }) => copyTo(p, out),
  gradInputs: [],
  gradParams: [(ctx, t) => copyTo(ctx.gradOut, t)],
};

type Nested = number | Nested[];
const constant: WgslKernels<{ value: Nested }> = {
  kind: 'custom',
  forward: ({ attrs, out }) => {
    const flat = [attrs.value].flat(3) as number[];
    if (flat.length === 1) return { count: out.shape, body: out.set('i', f32(flat[0])) };
    return {
      count: out.shape,
      body: `var c = array<f32, ${flat.length}>(${flat.map(f32).join(', ')});\n${out.set('i', 'c[i]')}`,
    };
  },
  gradInputs: [],
};

// out[r, o] = Σ_k x[r, k] W[o, k] + b[o]
const linear: WgslKernels<{ in: number; out: number; bias: boolean }> = {
  kind: 'custom',
  linear: true,
  forward: ({ inputs: [x], params: [w, b], out }) => {
    const IN = lastDim(x), OUT = lastDim(out);
    return {
      count: out.shape,
      body: `let r = i / ${OUT}; let o = i % ${OUT};
var s = ${b ? b.at('o') : '0.0'};
for (var k = 0u; k < ${IN}; k++) { s += ${x.at(`r * ${IN} + k`)} * ${w.at(`o * ${IN} + k`)}; }
${out.set('i', 's')}`,
    };
  },
  gradInputs: [
    ({ inputs: [x], params: [w], gradOut: g, out }, t) => {
      const IN = lastDim(x), OUT = lastDim(out);
      return {
        count: x.shape,
        body: `let r = i / ${IN}; let k = i % ${IN};
var s = 0.0;
for (var o = 0u; o < ${OUT}; o++) { s += ${g.at(`r * ${OUT} + o`)} * ${w.at(`o * ${IN} + k`)}; }
${t.set('i', 's')}`,
      };
    },
  ],
  gradParams: [
    ({ inputs: [x], gradOut: g, out }, t) => {
      const IN = lastDim(x), OUT = lastDim(out), R = leadDim(x);
      return {
        count: t.shape,
        body: `let o = i / ${IN}; let k = i % ${IN};
var s = 0.0;
for (var r = 0u; r < ${R}; r++) { s += ${g.at(`r * ${OUT} + o`)} * ${x.at(`r * ${IN} + k`)}; }
${t.set('i', 's')}`,
      };
    },
    ({ inputs: [x], gradOut: g, out }, t) => {
      const OUT = lastDim(out), R = leadDim(x);
      return {
        count: t.shape,
        body: `var s = 0.0;
for (var r = 0u; r < ${R}; r++) { s += ${g.at(`r * ${OUT} + i`)}; }
${t.set('i', 's')}`,
      };
    },
  ],
};

// a [M, K] @ b [K, N]
const matmul: WgslKernels<unknown> = {
  kind: 'custom',
  forward: ({ inputs: [a, b], out }) => {
    const Kd = a.dims[1], N = b.dims[1];
    return {
      count: out.shape,
      body: `let m = i / ${N}; let n = i % ${N};
var s = 0.0;
for (var k = 0u; k < ${Kd}; k++) { s += ${a.at(`m * ${Kd} + k`)} * ${b.at(`k * ${N} + n`)}; }
${out.set('i', 's')}`,
    };
  },
  gradInputs: [
    ({ inputs: [a, b], gradOut: g }, t) => {
      const Kd = a.dims[1], N = b.dims[1];
      return {
        count: a.shape,
        body: `let m = i / ${Kd}; let k = i % ${Kd};
var s = 0.0;
for (var n = 0u; n < ${N}; n++) { s += ${g.at(`m * ${N} + n`)} * ${b.at(`k * ${N} + n`)}; }
${t.set('i', 's')}`,
      };
    },
    ({ inputs: [a, b], gradOut: g }, t) => {
      const [M, Kd] = a.dims, N = b.dims[1];
      return {
        count: b.shape,
        body: `let k = i / ${N}; let n = i % ${N};
var s = 0.0;
for (var m = 0u; m < ${M}; m++) { s += ${a.at(`m * ${Kd} + k`)} * ${g.at(`m * ${N} + n`)}; }
${t.set('i', 's')}`,
      };
    },
  ],
};

const concat: WgslKernels<unknown> = {
  kind: 'custom',
  forward: ({ inputs: [a, b], out }) => {
    const FA = lastDim(a), FB = lastDim(b), F = lastDim(out);
    return {
      count: out.shape,
      body: `let r = i / ${F}; let c = i % ${F};
if (c < ${FA}) { ${out.set('i', a.at(`r * ${FA} + c`))} } else { ${out.set('i', b.at(`r * ${FB} + c - ${FA}`))} }`,
    };
  },
  gradInputs: [
    ({ inputs: [a], gradOut: g, out }, t) => {
      const FA = lastDim(a), F = lastDim(out);
      return { count: a.shape, body: t.set('i', g.at(`(i / ${FA}) * ${F} + i % ${FA}`)) };
    },
    ({ inputs: [a, b], gradOut: g, out }, t) => {
      const FA = lastDim(a), FB = lastDim(b), F = lastDim(out);
      return { count: b.shape, body: t.set('i', g.at(`(i / ${FB}) * ${F} + ${FA} + i % ${FB}`)) };
    },
  ],
};

// Over the last dimension; each element recomputes its row's max and sum (rows are short here).
function rowStats(x: WgslTensor, K: string): string {
  return `let r0 = (i / ${K}) * ${K};
var mx = ${x.at('r0')};
for (var j = 1u; j < ${K}; j++) { mx = max(mx, ${x.at('r0 + j')}); }
var se = 0.0;
for (var j = 0u; j < ${K}; j++) { se += exp(${x.at('r0 + j')} - mx); }`;
}

const softmax: WgslKernels<unknown> = {
  kind: 'custom',
  forward: ({ inputs: [x], out }) => {
    const K = lastDim(x);
    return { count: out.shape, body: `${rowStats(x, K)}\n${out.set('i', `exp(${x.at('i')} - mx) / se`)}` };
  },
  gradInputs: [
    ({ out: y, gradOut: g }, t) => {
      const K = lastDim(y);
      return {
        count: y.shape,
        body: `let r0 = (i / ${K}) * ${K};
var d = 0.0;
for (var j = 0u; j < ${K}; j++) { d += ${g.at('r0 + j')} * ${y.at('r0 + j')}; }
${t.set('i', `${y.at('i')} * (${g.at('i')} - d)`)}`,
      };
    },
  ],
};

const logSoftmax: WgslKernels<unknown> = {
  kind: 'custom',
  forward: ({ inputs: [x], out }) => {
    const K = lastDim(x);
    return { count: out.shape, body: `${rowStats(x, K)}\n${out.set('i', `${x.at('i')} - mx - log(se)`)}` };
  },
  gradInputs: [
    ({ out: y, gradOut: g }, t) => {
      const K = lastDim(y);
      return {
        count: y.shape,
        body: `let r0 = (i / ${K}) * ${K};
var d = 0.0;
for (var j = 0u; j < ${K}; j++) { d += ${g.at('r0 + j')}; }
${t.set('i', `${g.at('i')} - exp(${y.at('i')}) * d`)}`,
      };
    },
  ],
};

type ReduceAttrs = { dim: number | null };
// Which input elements feed output element `i`, for rank <= 2 and keepdim false.
function reduceKernels(mean: boolean): WgslKernels<ReduceAttrs> {
  const axisOf = (x: WgslTensor, dim: number | null): 'all' | 0 | 1 => {
    if (dim === null || x.dims.length < 2) return 'all';
    return dim === 0 ? 0 : 1;
  };
  return {
    kind: 'custom',
    forward: ({ attrs, inputs: [x], out }) => {
      const axis = axisOf(x, attrs.dim);
      if (axis === 'all') {
        const n = x.size;
        return {
          count: [],
          body: `var s = 0.0;\nfor (var j = 0u; j < ${n}; j++) { s += ${x.at('j')}; }\n${out.set('i', mean ? `s / f32(${n})` : 's')}`,
        };
      }
      const [R, C] = x.dims;
      const n = axis === 0 ? R : C;
      const idx = axis === 0 ? `j * ${C} + i` : `i * ${C} + j`;
      return {
        count: out.shape,
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

type LossAttrs = { reduction: 'mean' | 'sum' };
/** A loss: forward sums `term(j)` over all input elements into a scalar; backward writes `grad` per element. */
function elementLoss(
  term: (x: string, y: string) => string,
  grad: (x: string, y: string) => string,
): WgslKernels<LossAttrs> {
  const scale = (ctx: { attrs: LossAttrs; inputs: readonly WgslTensor[] }) =>
    ctx.attrs.reduction === 'mean' ? ` / f32(${ctx.inputs[0].size})` : '';
  return {
    kind: 'custom',
    forward: (ctx) => {
      const [x, y] = ctx.inputs;
      return {
        count: [],
        body: `var s = 0.0;
for (var j = 0u; j < ${x.size}; j++) { let x = ${x.at('j')}; let y = ${y.at('j')}; s += ${term('x', 'y')}; }
${ctx.out.set('i', `s${scale(ctx)}`)}`,
      };
    },
    gradInputs: [
      (ctx, t) => {
        const [x, y] = ctx.inputs;
        return {
          count: x.shape,
          body: `let x = ${x.at('i')}; let y = ${y.at('i')};\n${t.set('i', `${ctx.gradOut.at('0u')} * ${grad('x', 'y')}${scale(ctx)}`)}`,
        };
      },
      null,
    ],
  };
}

// PyTorch clamps each log term at -100.
const clampedLog = (p: string) => `select(-100.0, max(log(${p}), -100.0), ${p} > 0.0)`;

const mse = elementLoss((x, y) => `(${x} - ${y}) * (${x} - ${y})`, (x, y) => `2.0 * (${x} - ${y})`);
const bce = elementLoss(
  (x, y) => `-(${y} * ${clampedLog(x)} + (1.0 - ${y}) * ${clampedLog(`(1.0 - ${x})`)})`,
  (x, y) => `(${x} - ${y}) / max(${x} * (1.0 - ${x}), 1e-12)`,
);
const bceLogits = elementLoss(
  (x, y) => `((1.0 - ${y}) * ${x} + max(-${x}, 0.0) + log(exp(-max(-${x}, 0.0)) + exp(-${x} - max(-${x}, 0.0))))`,
  (x, y) => `(1.0 / (1.0 + exp(-${x})) - ${y})`,
);

/** CrossEntropy (logits) and NLL (log-probabilities) over [B, K] with class-index targets [B]. */
function classLoss(fromLogits: boolean): WgslKernels<LossAttrs> {
  const scale = (attrs: LossAttrs, R: string) => (attrs.reduction === 'mean' ? ` / f32(${R})` : '');
  const lse = (x: WgslTensor, K: string, r: string) => `var mx = ${x.at(`${r} * ${K}`)};
for (var j = 1u; j < ${K}; j++) { mx = max(mx, ${x.at(`${r} * ${K} + j`)}); }
var se = 0.0;
for (var j = 0u; j < ${K}; j++) { se += exp(${x.at(`${r} * ${K} + j`)} - mx); }
let lse = mx + log(se);`;
  return {
    kind: 'custom',
    forward: ({ attrs, inputs: [x, y], out }) => {
      const K = lastDim(x), R = leadDim(x);
      const pick = x.at(`r * ${K} + ${classIndex(y.at('r'))}`);
      return {
        count: [],
        body: `var s = 0.0;
for (var r = 0u; r < ${R}; r++) {
${fromLogits ? `{ ${lse(x, K, 'r')}\n s += lse - ${pick}; }` : `s -= ${pick};`}
}
${out.set('i', `s${scale(attrs, R)}`)}`,
      };
    },
    gradInputs: [
      ({ attrs, inputs: [x, y], gradOut: g }, t) => {
        const K = lastDim(x), R = leadDim(x);
        const hot = `select(0.0, 1.0, i % ${K} == ${classIndex(y.at(`i / ${K}`))})`;
        const body = fromLogits
          ? `let r = i / ${K};\n${lse(x, K, 'r')}\n${t.set('i', `${g.at('0u')} * (exp(${x.at('i')} - lse) - ${hot})${scale(attrs, R)}`)}`
          : t.set('i', `-${g.at('0u')} * ${hot}${scale(attrs, R)}`);
        return { count: x.shape, body };
      },
      null,
    ],
  };
}

export const DRAFT_KERNELS: Record<string, K> = {
  ReLU: relu as K,
  LeakyReLU: leakyRelu as K,
  Sigmoid: sigmoid as K,
  Tanh: tanhK as K,
  GELU: gelu as K,
  Step: step as K,
  Add: add as K,
  Sub: sub as K,
  Mul: mul as K,
  Parameter: parameter as K,
  Constant: constant as K,
  Linear: linear as K,
  MatMul: matmul as K,
  Concat: concat as K,
  Softmax: softmax as K,
  LogSoftmax: logSoftmax as K,
  Sum: reduceKernels(false) as K,
  Mean: reduceKernels(true) as K,
  MSELoss: mse as K,
  BCELoss: bce as K,
  BCEWithLogitsLoss: bceLogits as K,
  CrossEntropyLoss: classLoss(true) as K,
  NLLLoss: classLoss(false) as K,
};

