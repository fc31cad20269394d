// A fresh, plain copy of a JSON value, refusing what is unsafe or not JSON: prototype keys, non-finite numbers,
// over-long strings, nesting too deep, values JSON cannot hold. Iterative (no recursion), so no input can blow the stack.
import { FORBIDDEN_KEYS, MAX_DEPTH, MAX_FILE_CHARS, MAX_KEY, MAX_STRING } from './limits';
import { IssueList, describe, numberText, type PathSeg } from './issues';
import type { GraphIssue, Result } from './types';

interface Frame {
  src: unknown[] | Record<string, unknown>;
  dst: unknown[] | Record<string, unknown>;
  path: PathSeg[];
}

/** Values visited at most: a bound on work when an in-memory object shares subtrees (a file cannot exceed it). */
const MAX_VALUES = MAX_FILE_CHARS / 2;

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function sanitize(root: unknown): Result<unknown> {
  const issues = new IssueList(root);
  let visited = 0;
  // Checks a leaf; returns the container to descend into, or undefined.
  const leaf = (v: unknown, path: PathSeg[]): { ok: boolean; container?: unknown[] | Record<string, unknown> } => {
    if (++visited > MAX_VALUES) {
      issues.add([], `the graph holds more than ${MAX_VALUES} values`);
      return { ok: false };
    }
    switch (typeof v) {
      case 'number':
        if (Number.isFinite(v)) return { ok: true };
        issues.add(path, `numbers must be finite; found ${numberText(v)} (a number too large for JSON, like 1e999, reads as Infinity)`);
        return { ok: false };
      case 'string':
        if (v.length <= MAX_STRING) return { ok: true };
        issues.add(path, `a string of ${v.length} characters is too long (at most ${MAX_STRING})`);
        return { ok: false };
      case 'boolean':
        return { ok: true };
      case 'object':
        if (v === null) return { ok: true };
        if (Array.isArray(v)) return { ok: true, container: v };
        if (isPlainObject(v)) return { ok: true, container: v };
        issues.add(path, 'is not a JSON value (found an object that is not plain data)');
        return { ok: false };
      default:
        issues.add(path, `is not a JSON value (found ${describe(v)})`);
        return { ok: false };
    }
  };

  const first = leaf(root, []);
  if (!first.ok) return { ok: false, errors: issues.items };
  if (!first.container) return { ok: true, value: root };
  const out: unknown[] | Record<string, unknown> = Array.isArray(first.container) ? [] : {};
  const stack: Frame[] = [{ src: first.container, dst: out, path: [] }];
  while (stack.length > 0 && !issues.full) {
    const { src, dst, path } = stack.pop() as Frame;
    if (path.length >= MAX_DEPTH) {
      issues.add(path, `arrays and objects are nested more than ${MAX_DEPTH} levels deep; a graph never needs that`);
      continue;
    }
    const visit = (key: PathSeg, v: unknown, put: (x: unknown) => void): void => {
      const p = [...path, key];
      const r = leaf(v, p);
      if (!r.ok) return;
      if (!r.container) return put(v);
      const child: unknown[] | Record<string, unknown> = Array.isArray(r.container) ? [] : {};
      put(child);
      stack.push({ src: r.container, dst: child, path: p });
    };
    if (Array.isArray(src)) {
      const d = dst as unknown[];
      for (let i = 0; i < src.length && !issues.full; i++) visit(i, src[i], (x) => { d[i] = x; });
    } else {
      const d = dst as Record<string, unknown>;
      for (const key of Object.keys(src)) {
        if (issues.full) break;
        if (FORBIDDEN_KEYS.has(key)) {
          issues.add(path, `the key \`${key}\` is not allowed anywhere in a graph file (it could reach an object's prototype)`);
          continue;
        }
        if (key.length > MAX_KEY) {
          issues.add(path, `a key of ${key.length} characters is too long (at most ${MAX_KEY})`);
          continue;
        }
        const v = src[key];
        // As JSON.stringify: a key whose value is undefined is absent (the editor's objects hold such keys).
        if (v !== undefined) visit(key, v, (x) => { d[key] = x; });
      }
    }
  }
  return issues.empty ? { ok: true, value: out } : { ok: false, errors: issues.items as GraphIssue[] };
}
