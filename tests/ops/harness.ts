// Builds an op case into concrete tensors and runs the op's CPU kernels on them, the way an executor would.
import { createRng, type Rng } from '../../engine/rng';
import { getOp } from '../../engine/ops/registry';
import type { AnyOpDef } from '../../engine/ops/types';
import { resolveShape, sizeOf, type FloatArray, type FloatArrayCtor, type Tensor } from '../../engine/tensor';
import type { Gen, OpCase } from './cases';

/** Rows of the batch dimension in op tests. */
export const TEST_BATCH = 3;

export interface BuiltCase {
  op: AnyOpDef;
  attrs: unknown;
  inputs: Tensor[];
  params: Tensor[];
  paramNames: string[];
  outShape: number[];
  /** A random upstream gradient (the seed of the vector-Jacobian product). */
  gradOut: Tensor;
}

const CLAMP_EDGES = [0, 1, 1e-50];

function draw(rng: Rng, gen: Gen, i: number): number {
  if (typeof gen === 'object') return rng.int(gen.classes);
  if (gen === 'prob') return 0.05 + 0.9 * rng.next();
  if (gen === 'unit') return rng.next();
  if (gen === 'wide') return 4 * rng.normal();
  if (gen === 'huge') return 1000 * rng.normal();
  if (gen === 'clamp') return i % 4 < 3 ? CLAMP_EDGES[i % 4] : 0.05 + 0.9 * rng.next();
  const v = rng.normal();
  if (gen === 'nonzero') return v >= 0 ? v + 0.1 : v - 0.1;
  return v;
}

function filled(shape: number[], f: (i: number) => number): Tensor {
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = f(i);
  return { data, shape };
}

export function buildCase(c: OpCase, batch = TEST_BATCH): BuiltCase {
  const op = getOp(c.op);
  if (!op) throw new Error(`case "${c.name}": op ${c.op} is not in the registry`);
  const parsed = op.attrs.safeParse(c.attrs ?? {});
  if (!parsed.success) throw new Error(`case "${c.name}": attrs refused: ${parsed.error.message}`);
  const attrs = parsed.data;
  const rng = createRng(7, c.name);
  const inputs = c.inputs.map((inp) => {
    const gen = inp.gen ?? 'normal';
    return filled(resolveShape(inp.shape, batch), (i) => draw(rng, gen, i));
  });
  const decls = op.params(attrs);
  const params = decls.map((d) => filled([...d.shape], () => rng.normal()));
  const shape = op.shape(
    c.inputs.map((i) => i.shape),
    attrs,
  );
  if ('error' in shape) throw new Error(`case "${c.name}": shape rule refused: ${shape.error}`);
  const outShape = resolveShape(shape.shape, batch);
  const gradOut = filled(outShape, () => rng.normal());
  return { op, attrs, inputs, params, paramNames: decls.map((d) => d.name), outShape, gradOut };
}

/** A tensor of `shape` in a fresh buffer of `capacity` elements (≥ its size), every element set to `fill`. */
export function blank(shape: readonly number[], ctor: FloatArrayCtor = Float64Array, fill = 0, capacity = sizeOf(shape)): Tensor {
  const data: FloatArray = new ctor(capacity);
  data.fill(fill);
  return { data, shape };
}

export function forward(b: BuiltCase, out: Tensor = blank(b.outShape)): Tensor {
  b.op.forward({ attrs: b.attrs, inputs: b.inputs, params: b.params, out });
  return out;
}

export interface Grads {
  inputs: (Tensor | null)[];
  params: (Tensor | null)[];
}

/** Backward into buffers pre-filled with garbage, so an op that accumulates instead of overwriting is caught. */
export function backward(b: BuiltCase, out: Tensor, want: (kind: 'input' | 'param', index: number) => boolean = () => true): Grads {
  const noGrad = new Set(b.op.noGradPorts ?? []);
  const gradInputs = b.inputs.map((x, i) => (want('input', i) && !noGrad.has(b.op.inputs[i]) ? blank(x.shape, Float64Array, 1234.5) : null));
  const gradParams = b.params.map((p, i) => (want('param', i) ? blank(p.shape, Float64Array, 1234.5) : null));
  b.op.backward({ attrs: b.attrs, inputs: b.inputs, params: b.params, out, gradOut: b.gradOut, gradInputs, gradParams });
  return { inputs: gradInputs, params: gradParams };
}

/** ⟨gradOut, forward(...)⟩ at the current inputs and params: the scalar whose gradient backward computes. */
export function objective(b: BuiltCase): number {
  const out = forward(b);
  let s = 0;
  for (let i = 0; i < sizeOf(b.outShape); i++) s += b.gradOut.data[i] * out.data[i];
  return s;
}
