// Format and version: say what was found and what this reader supports; bring older versions up to the current one.
import { describe, isRecord } from './issues';
import type { GraphIssue, Result } from './types';

export const FORMAT = 'wiregrad-graph';
export const CURRENT_VERSION = 1;

/** Version n → n + 1, keyed by n. Empty while version 1 is the only one; add a step here with each new version. */
const MIGRATIONS: ReadonlyMap<number, (doc: Record<string, unknown>) => Record<string, unknown>> = new Map();

function refuse(path: string, message: string): Result<Record<string, unknown>> {
  return { ok: false, errors: [{ path, message } satisfies GraphIssue] };
}

/** Checks the envelope's `format` and `version`, then migrates to the current version. Never mutates `value`. */
export function migrate(value: unknown): Result<Record<string, unknown>> {
  if (!isRecord(value)) {
    return refuse('file', `a graph file holds a JSON object with "format": "${FORMAT}"; found ${describe(value)}`);
  }
  if (value.format !== FORMAT) {
    const found = value.format === undefined ? '`format` is missing' : `\`format\` is ${describe(value.format)}`;
    return refuse('format', `${found}; this reader supports "${FORMAT}" only`);
  }
  const v = value.version;
  if (v === CURRENT_VERSION) return { ok: true, value };
  const supported = `this reader supports version ${CURRENT_VERSION}${MIGRATIONS.size ? ` and migrates ${[...MIGRATIONS.keys()].join(', ')}` : ''}`;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return refuse('version', `${v === undefined ? '`version` is missing' : `\`version\` is ${describe(v)}`}; ${supported}`);
  }
  if (v > CURRENT_VERSION) return refuse('version', `version ${v} is newer than this reader: ${supported}`);
  let doc = value;
  for (let from = v; from < CURRENT_VERSION; from++) {
    const step = MIGRATIONS.get(from);
    if (!step) return refuse('version', `version ${v} is not supported: ${supported}`);
    doc = step(doc);
  }
  return { ok: true, value: doc };
}
