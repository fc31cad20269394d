// loadGraph: text in, a GraphDoc or readable refusals out. Never throws, never half-loads, never mutates its input.
import { checkShapesAndBudget } from './budget';
import { IssueList } from './issues';
import { migrate } from './migrate';
import { parseJson } from './parse';
import { sanitize } from './sanitize';
import { docSchema } from './schema';
import type { GraphDoc, GraphIssue, Result } from './types';
import { validateStructure } from './validate';
import { addZodIssues, graphErrorMap } from './zod-issues';

/** The last line of defence: a bug in the reader still reaches the user as a sentence, never a stack trace. */
function unexpected(e: unknown): Result<GraphDoc> {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { ok: false, errors: [{ path: 'file', message: `the file could not be read (an unexpected error in the reader: ${what.slice(0, 200)})` }] };
}

/** Validates an in-memory value (a pasted or already-parsed document). Works on a copy: `value` is never changed. */
export function validateGraph(value: unknown): Result<GraphDoc> {
  try {
    const clean = sanitize(value);
    if (!clean.ok) return clean;
    const migrated = migrate(clean.value);
    if (!migrated.ok) return migrated;
    const list = new IssueList(migrated.value);
    const parsed = docSchema.safeParse(migrated.value, { error: graphErrorMap, reportInput: true });
    if (!parsed.success) {
      addZodIssues(list, parsed.error.issues, []);
      return { ok: false, errors: list.items };
    }
    // The schema and the structural checks are exactly what makes a GraphDoc (attrs per op, data per form).
    const doc = parsed.data as GraphDoc;
    const checked = validateStructure(list, parsed.data);
    if (checked) checkShapesAndBudget(list, doc, checked.paramElements);
    return list.empty ? { ok: true, value: doc } : { ok: false, errors: list.items };
  } catch (e) {
    return unexpected(e);
  }
}

/** Reads a graph file (docs/graph-format.md). */
export function loadGraph(text: string): Result<GraphDoc> {
  try {
    const json = parseJson(text);
    return json.ok ? validateGraph(json.value) : json;
  } catch (e) {
    return unexpected(e);
  }
}

export type { GraphIssue };
