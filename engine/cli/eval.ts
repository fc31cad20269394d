// `wiregrad eval FILE... --json`: one forward and backward over the whole training data, no update; one JSON line per file.
import type { ProbeSnapshot, TensorProbe } from '../executor';
import type { NestedNumbers } from '../graph/types';
import { nest } from '../train/trained-doc';
import { backendFlag, parseFlags } from './args';
import { CliError, type CliIO } from './io';
import type { Command } from './command';
import { openSession } from './open-session';

const usage = 'wiregrad eval FILE... --json [--backend cpu|webgpu|auto]';

/**
 * JSON has no NaN or Infinity (JSON.stringify would print null, hiding an overflow): such numbers are written as the
 * strings "NaN", "Infinity" and "-Infinity", which Python's float() and JavaScript's Number() read back.
 */
export const nonFiniteAsString = (_key: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

function tensorJson(p: TensorProbe): { value: NestedNumbers; grad: NestedNumbers | null } {
  return { value: nest(p.value, p.shape), grad: p.grad ? nest(p.grad, p.shape) : null };
}

export function snapshotJson(s: ProbeSnapshot, hasLoss: boolean): object {
  const map = (r: Record<string, TensorProbe>) => Object.fromEntries(Object.entries(r).map(([k, p]) => [k, tensorJson(p)]));
  return { loss: hasLoss ? s.loss : null, edges: map(s.edges), params: map(s.params) };
}

export const evalCommand: Command = {
  summary: 'one forward + backward over the training data, no update: loss, every edge and param (JSON)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags('eval', args, { json: { type: 'boolean' }, backend: { type: 'string' } }, usage);
    if (positionals.length === 0) throw new CliError(`eval: no file given\nusage: ${usage}`);
    const backend = backendFlag('eval', values.backend);
    let failed = 0;
    for (const file of positionals) {
      try {
        const { session } = await openSession(file, backend, 'all');
        try {
          const snap = await session.evaluate();
          const json = snapshotJson(snap, session.plan.losses.length > 0);
          if (values.json) io.out(JSON.stringify(json, nonFiniteAsString) + '\n');
          else io.out(`${file}: loss ${snap.loss}\n${JSON.stringify(json, nonFiniteAsString, 1)}\n`);
          // The numbers are printed all the same: they show how far the overflow spread.
          const bad = session.nonFiniteIn(snap);
          if (bad) {
            io.err(`${file}: the ${bad.which === 'value' ? 'value' : 'gradient'} on ${session.describeEdge(bad.edge)} is not finite (NaN or Infinity)\n`);
            failed++;
          }
        } finally {
          session.dispose();
        }
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.err(e.message + '\n');
        failed++;
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
