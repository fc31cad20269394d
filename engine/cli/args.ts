// Flag parsing for the commands (node:util parseArgs, strict), with messages a user can act on.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BackendChoice } from '../executor';
import { BACKENDS } from '../train/backend';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<O extends Options>(command: string, args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new CliError(`${command}: ${msg}\nusage: ${usage}`);
  }
}

export function backendFlag(command: string, value: string | undefined): BackendChoice {
  const v = value ?? 'cpu';
  if (!(BACKENDS as readonly string[]).includes(v)) throw new CliError(`${command}: --backend must be one of ${BACKENDS.join(', ')}, got "${v}"`);
  return v as BackendChoice;
}

export function wholeNumberFlag(command: string, flag: string, value: string | undefined, usage: string): number {
  if (value === undefined) throw new CliError(`${command}: ${flag} is required\nusage: ${usage}`);
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new CliError(`${command}: ${flag} must be a whole number ≥ 0, got "${value}"`);
  return n;
}
