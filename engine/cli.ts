// The `wiregrad` command line (`npm run -s wiregrad -- <command>`): a table of commands, one file each in engine/cli/.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from './cli/check';
import type { Command } from './cli/command';
import { evalCommand } from './cli/eval';
import { exportCommand } from './cli/export';
import { CliError, processIO, type CliIO } from './cli/io';
import { trainCommand } from './cli/train';

export const COMMANDS: Record<string, Command> = {
  check,
  eval: evalCommand,
  export: exportCommand,
  train: trainCommand,
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}\n          ${c.usage}`);
  return `usage: wiregrad <command> [args]\n\ncommands:\n${rows.join('\n')}\n`;
}

/** Runs one command line; every failure is a readable message on stderr and exit 1, never a stack trace. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 1;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`wiregrad: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 1;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof CliError) io.err(e.message + '\n');
    else io.err(`wiregrad ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

// Run only when started as a program (tsx engine/cli.ts), not when a test imports main().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`wiregrad: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
