// A fresh, plain copy of a JSON value, refusing what is unsafe or not JSON: prototype keys, non-finite numbers,
// over-long strings, nesting too deep, values JSON cannot hold. Iterative (no recursion), so no input can blow the stack.
import { FORBIDDEN_KEYS, MAX_DEPTH, MAX_FILE_CHARS, MAX_KEY, MAX_STRING } from './limits';
import { IssueList, describe, numberText, type PathSeg } from './issues';
import type { Result } from './types';

type Container = unknown[] | Record<string, unknown>;

/** One container to walk. Its path is kept as a link to its parent, built into an array only for a refusal. */
interface Frame {
  src: Container;
  dst: Container;
  parent: Frame | null;
  key: PathSeg;
  depth: number;
}

function pathOf(frame: Frame | null): PathSeg[] {
  const out: PathSeg[] = [];
  for (let f = frame; f && f.parent; f = f.parent) out.push(f.key);
  return out.reverse();
}

/** Values visited at most: a bound on work when an in-memory object shares subtrees (a file cannot exceed it). */
const MAX_VALUES = MAX_FILE_CHARS / 2;

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Why a leaf is refused, or '' when it is fine. Containers are fine here; they are walked. */
function leafProblem(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? '' : `numbers must be finite; found ${numberText(v)} (a number too large for JSON, like 1e999, reads as Infinity)`;
    case 'string':
      return v.length <= MAX_STRING ? '' : `a string of ${v.length} characters is too long (at most ${MAX_STRING})`;
    case 'boolean':
      return '';
    case 'object':
      return v === null || Array.isArray(v) || isPlainObject(v) ? '' : 'is not a JSON value (found an object that is not plain data)';
    default:
      return `is not a JSON value (found ${describe(v)})`;
  }
}

/** `copy` false: check only, for a value nobody else holds (JSON.parse's fresh output); the value itself is returned. */
export function sanitize(root: unknown, copy = true): Result<unknown> {
  const issues = new IssueList(root);
  const rootProblem = leafProblem(root);
  if (rootProblem) {
    issues.add([], rootProblem);
    return { ok: false, errors: issues.items };
  }
  if (typeof root !== 'object' || root === null) return { ok: true, value: root };
  const fresh = (c: Container): Container => (!copy ? c : Array.isArray(c) ? [] : {});
  const out = fresh(root as Container);
  const stack: Frame[] = [{ src: root as Container, dst: out, parent: null, key: '', depth: 0 }];
  let visited = 0;
  // Checks one child and stores it (a container as a fresh copy, walked later). Paths are built only when needed.
  const visit = (frame: Frame, key: PathSeg, v: unknown): void => {
    if (++visited > MAX_VALUES) return issues.add([], `the graph holds more than ${MAX_VALUES} values`);
    const problem = leafProblem(v);
    if (problem) return issues.add([...pathOf(frame), key], problem);
    let stored = v;
    if (typeof v === 'object' && v !== null) {
      stored = fresh(v as Container);
      stack.push({ src: v as Container, dst: stored as Container, parent: frame, key, depth: frame.depth + 1 });
    }
    if (copy) (frame.dst as Record<PathSeg, unknown>)[key] = stored;
  };
  while (stack.length > 0 && !issues.full) {
    const frame = stack.pop() as Frame;
    const { src } = frame;
    if (frame.depth >= MAX_DEPTH) {
      issues.add(pathOf(frame), `arrays and objects are nested more than ${MAX_DEPTH} levels deep; a graph never needs that`);
      continue;
    }
    if (Array.isArray(src)) {
      for (let i = 0; i < src.length && !issues.full; i++) visit(frame, i, src[i]);
      continue;
    }
    for (const key of Object.keys(src)) {
      if (issues.full) break;
      if (FORBIDDEN_KEYS.has(key)) {
        issues.add(pathOf(frame), `the key \`${key}\` is not allowed anywhere in a graph file (it could reach an object's prototype)`);
      } else if (key.length > MAX_KEY) {
        issues.add(pathOf(frame), `a key of ${key.length} characters is too long (at most ${MAX_KEY})`);
      } else if (src[key] !== undefined) {
        // As JSON.stringify: a key whose value is undefined is absent (the editor's objects hold such keys).
        visit(frame, key, src[key]);
      }
    }
  }
  return issues.empty ? { ok: true, value: out } : { ok: false, errors: issues.items };
}
