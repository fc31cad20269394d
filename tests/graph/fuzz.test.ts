// Fuzzing the file reader (issue 6.1), bounded: random JSON and mutated valid graphs never make loadGraph throw,
// hang or pollute; every refusal names a place and a rule; what loads round-trips. `npm run fuzz` runs 100,000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOne, fuzzInput, mutatedGraph, seeds } from './mutators';

const base = seeds();

describe('fuzzing loadGraph', () => {
  it('survives 1,500 mutated valid graphs', () => {
    const seen = { loaded: 0, refused: 0 };
    fc.assert(fc.property(mutatedGraph(base), (text) => { seen[checkOne(text)]++; }), { numRuns: 1500, seed: 20261126 });
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('survives 500 random inputs of every kind', () => {
    fc.assert(fc.property(fuzzInput(base), (text) => { checkOne(text); }), { numRuns: 500 });
  });
});
