// `wiregrad train FILE --steps N [--json] [--out TRAINED.json]`: the session's loop with progress on a terminal.
import { writeFile } from 'node:fs/promises';
import { saveGraph } from '../graph/serialize';
import type { NonFinite } from '../executor';
import type { Session } from '../train/session';
import { backendFlag, parseFlags, wholeNumberFlag } from './args';
import { CliError, type CliIO } from './io';
import type { Command } from './command';
import { openSession } from './open-session';

const usage = 'wiregrad train FILE --steps N [--json] [--out TRAINED.json] [--backend cpu|webgpu|auto]';

/** Steps per call to the executor: small enough for a lively progress line, large enough to be cheap. */
const CHUNK = 200;

const pct = (a: number | null): string => (a === null ? 'n/a' : `${(100 * a).toFixed(1)}%`);

async function run(session: Session, steps: number, io: CliIO): Promise<NonFinite | null> {
  let done = 0;
  while (done < steps) {
    const r = await session.train(Math.min(CHUNK, steps - done));
    done += r.steps;
    if (io.tty) {
      const last = await session.losses(session.steps - 1);
      io.err(`\rstep ${done}/${steps}  loss ${last.length ? last[0].toPrecision(5) : '?'}   `);
    }
    if (r.nonFinite || r.steps === 0) {
      if (io.tty) io.err('\n');
      return r.nonFinite;
    }
  }
  if (io.tty && steps > 0) io.err('\n');
  return null;
}

export const trainCommand: Command = {
  summary: 'train N steps; --json prints the losses and accuracies, --out writes the trained graph',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags('train', args, {
      steps: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' }, backend: { type: 'string' },
    }, usage);
    if (positionals.length !== 1) throw new CliError(`train: expected one FILE, got ${positionals.length}\nusage: ${usage}`);
    const steps = wholeNumberFlag('train', '--steps', values.steps, usage);
    const backend = backendFlag('train', values.backend);
    const [file] = positionals;
    // Nobody watches the edges here: reused buffers train faster; the session replays a blow-up to name its edge.
    const { session } = await openSession(file, backend, 'params');
    try {
      if (session.plan.losses.length === 0) throw new CliError(`${file}: the graph has no loss node, so there is nothing to train (add e.g. an MSELoss)`);
      if (session.backendNote) io.err(`${session.backendNote}\n`);
      const nonFinite = await run(session, steps, io);
      const losses = Array.from(await session.losses(0), (v) => (Number.isFinite(v) ? v : null));
      const result = {
        steps: session.steps,
        loss: losses.length ? losses[losses.length - 1] : null,
        accuracy: await session.accuracy('train'),
        testAccuracy: await session.accuracy('test'),
        losses,
      };
      if (values.out) {
        try {
          await writeFile(values.out, saveGraph(await session.trainedDoc()));
        } catch (e) {
          throw new CliError(`train: cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (values.json) io.out(JSON.stringify(result) + '\n');
      else io.out(`${file}: ${result.steps} steps, loss ${result.loss ?? 'n/a'}, accuracy ${pct(result.accuracy)}, test accuracy ${pct(result.testAccuracy)}${values.out ? `; wrote ${values.out}` : ''}\n`);
      if (nonFinite) {
        io.err(`${file}: training stopped at ${session.describeNonFinite(nonFinite)}${values.out ? ` (${values.out} holds them)` : ''}\n`);
        return 1;
      }
      return 0;
    } finally {
      session.dispose();
    }
  },
};
