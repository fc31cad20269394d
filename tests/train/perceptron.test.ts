import { describe, expect, it } from 'vitest';
import { loadExample, open } from './helpers';

const CORNERS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const AND = [0, 0, 0, 1];

/** The perceptron rule by hand: ŷ = [w·x + b > 0]; w := w + (y − ŷ)·x; b := b + (y − ŷ). */
function perceptronByHand(ys: number[], steps: number) {
  let w = [0, 0], b = 0;
  const trace: { w: number[]; b: number }[] = [];
  for (let k = 0; k < steps; k++) {
    const x = CORNERS[k % 4], y = ys[k % 4];
    const yhat = w[0] * x[0] + w[1] * x[1] + b > 0 ? 1 : 0;
    w = [w[0] + (y - yhat) * x[0], w[1] + (y - yhat) * x[1]];
    b = b + (y - yhat);
    trace.push({ w, b });
  }
  return trace;
}

describe('the perceptron rule', () => {
  it('Linear → Step(identity) → MSE(sum), batch 1, SGD lr 0.5 is exactly w := w + (y − ŷ)·x, step by step', async () => {
    const s = await open(loadExample('perceptron-and'));
    const hand = perceptronByHand(AND, 24);
    for (let k = 0; k < 24; k++) {
      await s.train(1);
      const p = await s.executor.getParams();
      expect({ step: k + 1, w: Array.from(p['unit.weight']), b: p['unit.bias'][0] }).toEqual({ step: k + 1, ...hand[k] });
    }
    s.dispose();
  });

  it('on AND it stops changing at w = (2, 1), b = −2 with every corner right (the hand trace of the lecture)', async () => {
    const hand = perceptronByHand(AND, 24);
    // After the fourth example, (1,1) was wrong: w = (1, 1), b = 1.
    expect(hand[3]).toEqual({ w: [1, 1], b: 1 });
    expect(hand[23]).toEqual({ w: [2, 1], b: -2 });
    const s = await open(loadExample('perceptron-and'));
    await s.train(24);
    expect(await s.accuracy()).toBe(1);
    const losses = Array.from(await s.losses(20));
    expect(losses).toEqual([0, 0, 0, 0]);
    s.dispose();
  });

  it('on XOR it never gets all four corners right', async () => {
    const s = await open(loadExample('perceptron-xor'));
    for (let k = 0; k < 120; k++) {
      await s.train(1);
      expect(await s.accuracy()).toBeLessThan(1);
    }
    // And it keeps making mistakes: some loss in every epoch.
    const losses = Array.from(await s.losses(0));
    for (let e = 0; e < 30; e++) expect(losses.slice(4 * e, 4 * e + 4).some((l) => l > 0)).toBe(true);
    s.dispose();
  });
});
