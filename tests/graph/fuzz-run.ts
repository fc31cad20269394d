// `npm run fuzz [-- N]`: the long fuzzing run of the file reader (issue 6.1); prints the count and the rate.
import fc from 'fast-check';
import { checkOne, fuzzInput, seeds } from './mutators';

const runs = Number(process.argv[2] ?? 100_000);
const seen = { loaded: 0, refused: 0 };
const t0 = performance.now();
const out = fc.check(fc.property(fuzzInput(seeds()), (text) => { seen[checkOne(text)]++; }), { numRuns: runs });
const seconds = (performance.now() - t0) / 1000;
const count = seen.loaded + seen.refused;
console.log(`${count} cases in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} per second): ${seen.loaded} loaded, ${seen.refused} refused`);
if (out.failed) {
  console.error(fc.defaultReportMessage(out));
  process.exit(1);
}
