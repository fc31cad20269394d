// A command of the `wiregrad` command line: one file per command in engine/cli/, one row in engine/cli.ts's table.
import type { CliIO } from './io';

export interface Command {
  /** One line for the usage list. */
  summary: string;
  usage: string;
  /** Exit code; a CliError thrown here is printed without a stack trace and gives exit 1. */
  run(args: string[], io: CliIO): Promise<number>;
}
