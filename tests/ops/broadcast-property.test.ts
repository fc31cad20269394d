// Property: for any pair of shapes PyTorch can broadcast (rank ≤ 2, B included), Add, Sub and Mul give the
// broadcast shape and their gradients, summed back to each input's shape, match finite differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../../engine/tensor';
import { sizeOf } from '../../engine/tensor';
import { FD_TOL, mismatch, numericGradient } from './fd';
import { backward, buildCase, forward, objective } from './harness';

/** A shape and a second one made from it by dropping leading dims or shrinking dims to 1 (always broadcastable). */
const pair: fc.Arbitrary<[Shape, Shape]> = fc
  .tuple(
    fc.constantFrom<Shape>(['B', 3], ['B', 1], [2, 3], [4], [1], [], ['B', 2], [3, 1]),
    fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    fc.nat(2),
    fc.boolean(),
  )
  .map(([full, shrink, drop, swap]) => {
    const other = full.map((d, i) => (shrink[i] ? 1 : d)).slice(Math.min(drop, full.length));
    return swap ? [other, full] : [full, other];
  });

describe('broadcasting Add, Sub and Mul (property)', () => {
  it('gradients summed back to each input shape match finite differences', () => {
    fc.assert(
      fc.property(pair, fc.constantFrom('Add', 'Sub', 'Mul'), ([a, b], op) => {
        const name = `${op} ${JSON.stringify(a)} ${JSON.stringify(b)}`;
        const built = buildCase({ name, op, inputs: [{ shape: a }, { shape: b }] });
        const grads = backward(built, forward(built));
        built.inputs.forEach((x, i) => {
          const fd = numericGradient(() => objective(built), x.data, sizeOf(x.shape));
          expect(mismatch(grads.inputs[i]!.data, fd, fd.length, FD_TOL), `${name}, port ${built.op.inputs[i]}`).toBeNull();
        });
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
