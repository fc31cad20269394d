// Building readable refusals: where (a path like `nodes[3] (id "fc1").attrs.in`) and what rule, with a suggestion.
import type { GraphIssue } from './types';
import { MAX_ERRORS } from './limits';

export type PathSeg = string | number;

/** `nodes[3] (id "fc1").attrs.in`; the id is shown when the node/edge at that index has a usable one. */
export function formatPath(path: readonly PathSeg[], root?: unknown): string {
  let out = '';
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
    cur = step(cur, seg);
    if (i === 1 && typeof seg === 'number' && (path[0] === 'nodes' || path[0] === 'edges')) {
      const id = isRecord(cur) ? cur.id : undefined;
      if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) out += ` (id ${JSON.stringify(id)})`;
    }
  }
  return out === '' ? 'file' : out;
}

function step(cur: unknown, seg: PathSeg): unknown {
  if (Array.isArray(cur) && typeof seg === 'number') return cur[seg];
  if (isRecord(cur) && typeof seg === 'string' && Object.hasOwn(cur, seg)) return cur[seg];
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Human text for a found value: short, quoted, never the whole of a huge array. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'number') return `the number ${numberText(v)}`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

/** JSON-quoted and cut to 40 characters, so a hostile string cannot flood a message. */
export function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** Optimal string alignment distance (Levenshtein plus transpositions), bounded work for short names. */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest known name, if one is close enough to be a likely typo ("relu" → "ReLU", "lables" → "labels"). */
export function closest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = distance(lower, k.toLowerCase());
    if (dist < bestD) [best, bestD] = [k, dist];
  }
  // One edit in a 1–2 character name is a different name, not a typo.
  return bestD <= Math.floor(word.length / 3) || (bestD === 1 && word.length >= 3) ? best : undefined;
}

/** " (did you mean `label`?)" or "". */
export function didYouMean(word: string, known: readonly string[], tick = '`'): string {
  const c = closest(word, known);
  return c === undefined ? '' : ` (did you mean ${tick}${c}${tick}?)`;
}

/** Collects refusals in order of importance and stops listening past the cap. */
export class IssueList {
  readonly items: GraphIssue[] = [];
  constructor(private readonly root: unknown) {}
  add(path: readonly PathSeg[], message: string, extra: Omit<GraphIssue, 'path' | 'message'> = {}): void {
    if (this.items.length >= MAX_ERRORS) return;
    this.items.push({ path: formatPath(path, this.root), message, ...extra });
  }
  /** An issue already placed by another part of the engine (shape inference). */
  push(issue: GraphIssue): void {
    if (this.items.length < MAX_ERRORS) this.items.push(issue);
  }
  get full(): boolean {
    return this.items.length >= MAX_ERRORS;
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** `path: message`, the form the command line and the editor print. */
export function formatIssue(issue: GraphIssue): string {
  return `${issue.path}: ${issue.message}`;
}
