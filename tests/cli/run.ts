// Running the command line in the tests: in-process through main() (fast), or as the real `npm run -s wiregrad`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../engine/cli';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[], tty = false): Promise<Ran> {
  let out = '', err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), tty });
  return { code, out, err };
}

/** The real command a user types, in a child process: exit code and streams as the shell sees them. */
export function cliProcess(args: string[]): Ran {
  const r = spawnSync('npm', ['run', '-s', 'wiregrad', '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** What a stack trace looks like in Node's output. */
export const STACK = /^\s+at |\.ts:\d+:\d+|Error: .*\n\s+at /m;
