// Flag parsing for the commands (node:util parseArgs, strict), with messages a user can act on.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BackendChoice } from '../executor';
import { BACKENDS } from '../train/backend';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What parseArgs would take for a flag but is the previous flag's value: a negative number (`--steps -3`). */
const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity$)/;

/**
 * `--steps -3` → `--steps=-3`: parseArgs refuses a value that starts with a dash as ambiguous; a negative number
 * after a flag that takes a value is that value, which the command then refuses with its own message.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const takesValue = (a: string): boolean => {
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    const o = name !== undefined ? options[name] : Object.values(options).find((v) => a.length === 2 && v.short === a[1]);
    return o !== undefined && o.type === 'string' && !a.includes('=');
  };
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    if (next !== undefined && a.startsWith('-') && takesValue(a) && NEGATIVE_NUMBER.test(next)) {
      out.push(a.startsWith('--') ? `${a}=${next}` : `${a}${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function parseFlags<O extends Options>(command: string, args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const ambiguous = /^Option '([^']+)' argument is ambiguous/.exec(raw);
    const msg = ambiguous
      ? `${ambiguous[1]} needs a value, but the next argument starts with a dash; if that is the value, write ${ambiguous[1].startsWith('--') ? `${ambiguous[1]}=VALUE` : `${ambiguous[1]}VALUE`}`
      : raw.replace(/\. To specify a positional argument.*$/s, '');
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
