// zod's issues, said the way a person fixing the file needs: the rule, what was found, the nearest known name.
import type { z } from 'zod';
import { describe, didYouMean, isRecord, numberText, type IssueList, type PathSeg } from './issues';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'a whole number', number: 'a number', string: 'a string', boolean: 'true or false', array: 'an array',
  object: 'an object', record: 'an object', tuple: 'an array', null: 'null',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function bound(iss: { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; exact?: boolean; origin: string }, input: unknown, small: boolean): string {
  const n = Number(small ? iss.minimum : iss.maximum);
  const found = describe(input);
  switch (iss.origin) {
    case 'string':
      return `must be ${small ? 'at least' : 'at most'} ${n} characters; found ${typeof input === 'string' ? input.length : found}`;
    case 'array':
    case 'set':
      if (iss.exact) return `must have exactly ${n} elements; found ${Array.isArray(input) ? input.length : found}`;
      return `must have ${small ? 'at least' : 'at most'} ${n} elements; found ${Array.isArray(input) ? input.length : found}`;
    default: {
      const op = small ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<';
      return `must be ${op} ${n}; found ${typeof input === 'number' ? numberText(input) : found}`;
    }
  }
}

function shapeKeys(inst: unknown): string[] {
  const def: unknown = isRecord(inst) && isRecord(inst._zod) ? inst._zod.def : undefined;
  return isRecord(def) && isRecord(def.shape) ? Object.keys(def.shape) : [];
}

/** Error map for every parse of the graph file (passed as `{ error: graphErrorMap }`). */
export function graphErrorMap(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return `is required (${typeName(iss.expected)})`;
      return `expected ${typeName(iss.expected)}, found ${describe(iss.input)}`;
    case 'too_small':
      return bound(iss, iss.input, true);
    case 'too_big':
      return bound(iss, iss.input, false);
    case 'invalid_value': {
      const options = iss.values.map((v) => JSON.stringify(v));
      const hint = typeof iss.input === 'string' ? didYouMean(iss.input, iss.values.filter((v): v is string => typeof v === 'string'), '"') : '';
      return `must be ${options.length > 1 ? `one of ${options.join(', ')}` : options[0]}; found ${describe(iss.input)}${hint}`;
    }
    case 'unrecognized_keys': {
      const known = shapeKeys(iss.inst);
      const each = iss.keys.map((k) => `unknown key \`${k}\`${didYouMean(k, known)}`);
      return `${each.join('; ')}${known.length ? ` (known keys: ${known.join(', ')})` : ''}`;
    }
    case 'invalid_union': {
      if (iss.discriminator === undefined) return undefined;
      const found = isRecord(iss.input) ? iss.input[iss.discriminator] : undefined;
      const raw: unknown[] = Array.isArray(iss.options) ? iss.options : [];
      const options = raw.map((o) => JSON.stringify(o));
      const hint = typeof found === 'string' ? didYouMean(found, raw.filter((o): o is string => typeof o === 'string'), '"') : '';
      return `must be ${options.join(' or ')}; found ${describe(found)}${hint}`;
    }
    case 'invalid_format':
      return `has the wrong format (${iss.format}); found ${describe(iss.input)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${iss.divisor}; found ${describe(iss.input)}`;
    default:
      return undefined;
  }
}

/**
 * A union none of whose branches matched at its own level: every allowed choice, types and literal values alike
 * (`z.union([z.null(), z.literal(0)])` must list both, not only the first branch's "expected null").
 */
function unionMessage(branches: readonly (readonly Issue[])[], input: unknown): string {
  const types: string[] = [];
  const values: string[] = [];
  for (const i of branches.flat()) {
    if (i.code === 'invalid_type') {
      // null is one value, so it reads best beside the literals: "one of null, 0, 1, -1".
      if (i.expected === 'null') values.push('null');
      else types.push(typeName(i.expected));
    } else if (i.code === 'invalid_value') {
      values.push(...i.values.map((v) => (typeof v === 'bigint' ? v.toString() : JSON.stringify(v))));
    }
  }
  const choices = [...new Set(types)];
  const literals = [...new Set(values)];
  if (choices.length === 0 && literals.length > 0) {
    return `must be ${literals.length > 1 ? `one of ${literals.join(', ')}` : literals[0]}; found ${describe(input)}`;
  }
  return `expected ${[...choices, ...literals].join(' or ')}, found ${describe(input)}`;
}

function toSegs(path: readonly PropertyKey[]): PathSeg[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Adds zod's issues to `list` under `prefix`; a union that failed inside one branch reports that branch's issues. */
export function addZodIssues(list: IssueList, issues: readonly Issue[], prefix: readonly PathSeg[], extra: { nodeId?: string; edgeId?: string } = {}): void {
  for (const iss of issues) {
    const path = [...prefix, ...toSegs(iss.path)];
    if (iss.code === 'invalid_union' && iss.discriminator === undefined && iss.errors.length > 0) {
      // The branch whose type matched (its issues lie deeper) says what is wrong; otherwise list the types allowed.
      const deeper = iss.errors.filter((b) => b.length > 0 && b.every((i) => i.path.length > 0));
      if (deeper.length > 0) {
        addZodIssues(list, deeper.reduce((a, b) => (b.length < a.length ? b : a)), path, extra);
        continue;
      }
      list.add(path, unionMessage(iss.errors, iss.input), extra);
      continue;
    }
    list.add(path, iss.message, extra);
  }
}
