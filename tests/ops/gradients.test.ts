// Every op's backward is the vector-Jacobian product of its forward: checked against central finite differences
// in float64, for every input port that carries a gradient and every param, with a random upstream gradient.
import { describe, expect, it } from 'vitest';
import { OP_NAMES, getOp } from '../../engine/ops/registry';
import { sizeOf } from '../../engine/tensor';
import { CASES } from './cases';
import { FD_TOL, mismatch, numericGradient } from './fd';
import { backward, buildCase, forward, objective } from './harness';

describe('backward matches central finite differences (float64)', () => {
  for (const c of CASES.filter((k) => !k.noFd)) {
    it(c.name, () => {
      const b = buildCase(c);
      const out = forward(b);
      const grads = backward(b, out);
      b.inputs.forEach((x, i) => {
        const port = b.op.inputs[i];
        if (b.op.noGradPorts?.includes(port)) return;
        const g = grads.inputs[i];
        expect(g, `gradient of port ${port}`).not.toBeNull();
        const fd = numericGradient(() => objective(b), x.data, sizeOf(x.shape));
        expect(mismatch(g!.data, fd, fd.length, FD_TOL), `port \`${port}\``).toBeNull();
      });
      b.params.forEach((p, i) => {
        const g = grads.params[i];
        const fd = numericGradient(() => objective(b), p.data, sizeOf(p.shape));
        expect(mismatch(g!.data, fd, fd.length, FD_TOL), `param \`${b.paramNames[i]}\``).toBeNull();
      });
    });
  }
});

describe('coverage of the test table', () => {
  it('every op in the registry has cases, and every gradient-carrying port and param is checked by finite differences', () => {
    for (const name of OP_NAMES) {
      const op = getOp(name)!;
      if (op.source) continue; // Input and Target: the executor fills them; no kernel to check.
      const cases = CASES.filter((c) => c.op === name);
      expect(cases.length, `cases for ${name}`).toBeGreaterThan(0);
      const fdCases = cases.filter((c) => !c.noFd);
      expect(fdCases.length, `finite-difference cases for ${name}`).toBeGreaterThan(0);
    }
  });

  it('the parameters of Linear (weight and bias) and Parameter (value) are in the table', () => {
    const names = new Set(CASES.flatMap((c) => buildCase(c).paramNames.map((p) => `${c.op}.${p}`)));
    expect([...names].sort()).toEqual(['Linear.bias', 'Linear.weight', 'Parameter.value']);
  });
});
