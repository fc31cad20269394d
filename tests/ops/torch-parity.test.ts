// Every op means exactly what PyTorch means: forward values and backward gradients against torch in float64,
// on the same inputs, attrs and upstream gradient (one Python process for the whole table).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sizeOf } from '../../engine/tensor';
import { CASES } from './cases';
import { mismatch, type Tolerance } from './fd';
import { backward, buildCase, forward, type BuiltCase } from './harness';
import { runTorch } from './torch';

interface TorchResult {
  out: number[];
  shape: number[];
  inputGrads: (number[] | null)[];
  paramGrads: number[][];
}

const TOL: Tolerance = { rtol: 1e-10, atol: 1e-12 };
const SCRIPT = fileURLToPath(new URL('./torch_ref.py', import.meta.url));

const built: BuiltCase[] = CASES.map((c) => buildCase(c));
let results: TorchResult[] = [];

beforeAll(() => {
  const cases = built.map((b) => ({
    op: b.op.op,
    attrs: b.attrs,
    inputs: b.inputs.map((x, i) => ({
      shape: x.shape,
      data: Array.from(x.data),
      grad: !(b.op.noGradPorts ?? []).includes(b.op.inputs[i]),
    })),
    params: b.params.map((p) => ({ shape: p.shape, data: Array.from(p.data) })),
    gradOut: { shape: b.gradOut.shape, data: Array.from(b.gradOut.data) },
  }));
  results = runTorch<{ results: TorchResult[] }>(SCRIPT, { cases }).results;
});

describe('forward and backward agree with PyTorch (float64)', () => {
  CASES.forEach((c, k) => {
    it(c.name, () => {
      const b = built[k], ref = results[k];
      expect(b.outShape, 'output shape').toEqual(ref.shape);
      const out = forward(b);
      expect(mismatch(out.data, ref.out, ref.out.length, TOL), 'forward').toBeNull();
      const g = backward(b, out);
      b.inputs.forEach((x, i) => {
        const want = ref.inputGrads[i];
        const got = g.inputs[i];
        if (want === null) {
          expect(got, `port ${b.op.inputs[i]} carries no gradient`).toBeNull();
          return;
        }
        expect(mismatch(got!.data, want, sizeOf(x.shape), TOL), `gradient of port \`${b.op.inputs[i]}\``).toBeNull();
      });
      b.params.forEach((p, i) => {
        expect(mismatch(g.params[i]!.data, ref.paramGrads[i], sizeOf(p.shape), TOL), `gradient of param \`${b.paramNames[i]}\``).toBeNull();
      });
    });
  });
});
