// What executors rely on: kernels read and write exactly sizeOf(shape) elements of buffers sized for a larger
// batch, overwrite (never accumulate into) their outputs, skip gradients nobody asked for, and run on Float32Array.
import { describe, expect, it } from 'vitest';
import { sizeOf, type FloatArrayCtor, type Tensor } from '../../engine/tensor';
import { CASES } from './cases';
import { mismatch } from './fd';
import { backward, buildCase, forward, type BuiltCase } from './harness';

const SENTINEL = 777;

/** A copy of `t` in a buffer 3× (+5) too long, its tail NaN so that reading past sizeOf(shape) poisons the result. */
function oversized(t: Tensor, ctor: FloatArrayCtor = Float64Array, tail = NaN): Tensor {
  const n = sizeOf(t.shape);
  const data = new ctor(3 * n + 5).fill(tail);
  for (let i = 0; i < n; i++) data[i] = t.data[i];
  return { data, shape: t.shape };
}

/** An output buffer: garbage where the result goes (must be overwritten), SENTINEL past it (must survive). */
function target(shape: readonly number[], ctor: FloatArrayCtor = Float64Array): Tensor {
  const n = sizeOf(shape);
  const data = new ctor(3 * n + 5).fill(SENTINEL);
  for (let i = 0; i < n; i++) data[i] = -4321;
  return { data, shape };
}

function tailIntact(t: Tensor): boolean {
  for (let i = sizeOf(t.shape); i < t.data.length; i++) if (t.data[i] !== SENTINEL) return false;
  return true;
}

function head(t: Tensor): number[] {
  return Array.from(t.data.subarray(0, sizeOf(t.shape)));
}

function runWith(b: BuiltCase, ctor: FloatArrayCtor) {
  const inputs = b.inputs.map((x) => oversized(x, ctor));
  const params = b.params.map((p) => oversized(p, ctor));
  const gradOut = oversized(b.gradOut, ctor);
  const out = target(b.outShape, ctor);
  b.op.forward({ attrs: b.attrs, inputs, params, out });
  const noGrad = b.op.noGradPorts ?? [];
  const gradInputs = inputs.map((x, i) => (noGrad.includes(b.op.inputs[i]) ? null : target(x.shape, ctor)));
  const gradParams = params.map((p) => target(p.shape, ctor));
  b.op.backward({ attrs: b.attrs, inputs, params, out, gradOut, gradInputs, gradParams });
  return { out, gradInputs, gradParams };
}

describe('kernels honour sizeOf(shape) on oversized buffers', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const b = buildCase(c);
      const refOut = forward(b);
      const ref = backward(b, refOut);
      const got = runWith(b, Float64Array);
      expect(head(got.out), 'forward').toEqual(head(refOut));
      expect(tailIntact(got.out), 'forward wrote past the output').toBe(true);
      got.gradInputs.forEach((g, i) => {
        if (!g) return;
        expect(head(g), `gradient of port ${b.op.inputs[i]}`).toEqual(head(ref.inputs[i]!));
        expect(tailIntact(g), `backward wrote past the gradient of port ${b.op.inputs[i]}`).toBe(true);
      });
      got.gradParams.forEach((g, i) => {
        expect(head(g!), `gradient of param ${b.paramNames[i]}`).toEqual(head(ref.params[i]!));
        expect(tailIntact(g!), `backward wrote past the gradient of param ${b.paramNames[i]}`).toBe(true);
      });
    });
  }
});

describe('Float32Array buffers give the float64 results to float32 precision', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const b = buildCase(c);
      const refOut = forward(b);
      const ref = backward(b, refOut);
      const got = runWith(b, Float32Array);
      const tol = { rtol: 1e-4, atol: 1e-4 };
      expect(mismatch(got.out.data, refOut.data, sizeOf(b.outShape), tol), 'forward').toBeNull();
      got.gradInputs.forEach((g, i) => {
        if (g) expect(mismatch(g.data, ref.inputs[i]!.data, sizeOf(g.shape), tol), `port ${b.op.inputs[i]}`).toBeNull();
      });
      got.gradParams.forEach((g, i) => {
        expect(mismatch(g!.data, ref.params[i]!.data, sizeOf(g!.shape), tol), `param ${b.paramNames[i]}`).toBeNull();
      });
    });
  }
});

describe('a backward asked for one gradient computes that one alone', () => {
  for (const c of CASES.filter((k) => k.inputs.length + buildCase(k).params.length > 1)) {
    it(c.name, () => {
      const b = buildCase(c);
      const out = forward(b);
      const all = backward(b, out);
      const slots = [
        ...b.inputs.map((_, i) => ['input', i] as const),
        ...b.params.map((_, i) => ['param', i] as const),
      ];
      for (const [kind, index] of slots) {
        const one = backward(b, out, (k, i) => k === kind && i === index);
        const full = kind === 'input' ? all.inputs : all.params;
        const only = kind === 'input' ? one.inputs : one.params;
        if (full[index]) expect(head(only[index]!)).toEqual(head(full[index]!));
        [...one.inputs, ...one.params].forEach((g) => {
          if (g !== only[index]) expect(g).toBeNull();
        });
      }
    });
  }
});
