// loadGraph: text in, a GraphDoc or readable refusals out. Never throws, never half-loads, never mutates its input.
// loadDraft: the same checks for the editor, which may open a graph that is not finished yet.
import { checkShapesAndBudget } from './budget';
import { IssueList } from './issues';
import { MAX_ERRORS } from './limits';
import { migrate } from './migrate';
import { parseJson } from './parse';
import { sanitize } from './sanitize';
import { docSchema, graphSchema, tooMany } from './schema';
import type { GraphDoc, GraphIssue, Result } from './types';
import { validateStructure } from './validate';
import { addZodIssues, graphErrorMap } from './zod-issues';

/**
 * A graph the editor can open: everything checked, but a port still waiting for its edge or shapes that do not fit
 * yet are `unfinished` rather than refusals (training and export still need `loadGraph`'s answer).
 */
export type DraftResult = { ok: true; value: GraphDoc; unfinished: GraphIssue[] } | { ok: false; errors: GraphIssue[] };

/** The last line of defence: a bug in the reader still reaches the user as a sentence, never a stack trace. */
function unexpected(e: unknown): { ok: false; errors: GraphIssue[] } {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { ok: false, errors: [{ path: 'file', message: `the file could not be read (an unexpected error in the reader: ${what.slice(0, 200)})` }] };
}

function check(value: unknown, copy: boolean): DraftResult {
  const clean = sanitize(value, copy);
  if (!clean.ok) return clean;
  const migrated = migrate(clean.value);
  if (!migrated.ok) return migrated;
  const crowded = tooMany(migrated.value);
  if (crowded.length) return { ok: false, errors: crowded };
  const list = new IssueList(migrated.value);
  const unfinished = new IssueList(migrated.value);
  const parsed = docSchema.safeParse(migrated.value, { error: graphErrorMap, reportInput: true });
  if (!parsed.success) {
    addZodIssues(list, parsed.error.issues, []);
    // A typo in `training`, `name` or `ui` leaves the graph readable: check it too, so one round of fixes suffices.
    const graph = graphSchema.safeParse({ nodes: migrated.value.nodes, edges: migrated.value.edges });
    if (graph.success) validateStructure(list, new IssueList(migrated.value), graph.data);
    return { ok: false, errors: list.items };
  }
  // The schema and the structural checks are exactly what makes a GraphDoc (attrs per op, data per form).
  const doc = parsed.data as GraphDoc;
  const checked = validateStructure(list, unfinished, parsed.data);
  if (checked) checkShapesAndBudget(list, unfinished, doc, checked.paramElements);
  return list.empty ? { ok: true, value: doc, unfinished: unfinished.items } : { ok: false, errors: list.items };
}

function strict(r: DraftResult): Result<GraphDoc> {
  if (!r.ok) return r;
  return r.unfinished.length ? { ok: false, errors: r.unfinished.slice(0, MAX_ERRORS) } : { ok: true, value: r.value };
}

/** Validates an in-memory value (a pasted or already-parsed document). Works on a copy: `value` is never changed. */
export function validateGraph(value: unknown): Result<GraphDoc> {
  try {
    return strict(check(value, true));
  } catch (e) {
    return unexpected(e);
  }
}

/** Reads a graph file (docs/graph-format.md). */
export function loadGraph(text: string): Result<GraphDoc> {
  try {
    const json = parseJson(text);
    return json.ok ? strict(check(json.value, false)) : json;
  } catch (e) {
    return unexpected(e);
  }
}

/** Reads a graph the editor may open unfinished; every other rule is enforced as in `loadGraph`. */
export function loadDraft(text: string): DraftResult {
  try {
    const json = parseJson(text);
    return json.ok ? check(json.value, false) : json;
  } catch (e) {
    return unexpected(e);
  }
}

export type { GraphIssue };
