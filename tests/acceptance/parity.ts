// Helpers for the acceptance tests: run a process without blocking (so torch and the engine overlap), compare nested numbers.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GRAPHS = fileURLToPath(new URL('./graphs/', import.meta.url));
export const graphFile = (name: string): string => `${GRAPHS}${name}.json`;

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** A child process to completion; its exit code and streams as a shell sees them. */
export function run(cmd: string, args: string[], timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, timeout: timeoutMs });
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => void (out += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => void (err += t));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

export type Nested = number | null | Nested[];

export interface TensorJson {
  value: Nested;
  grad: Nested;
}

export interface EvalJson {
  loss: number | null;
  edges: Record<string, TensorJson>;
  params: Record<string, TensorJson>;
}

/** 1e-4 relative, with an absolute floor for values that are zero in exact arithmetic. */
export const close = (found: number, expected: number): boolean => Math.abs(found - expected) <= 1e-4 * Math.abs(expected) + 1e-6;

/** Every place where `found` differs from `expected` (shape or number), as "path: found … expected …". */
export function differences(found: Nested, expected: Nested, path: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(found) || found.length !== expected.length) return [`${path}: found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`];
    return expected.flatMap((e, i) => differences(found[i], e, `${path}[${i}]`));
  }
  if (expected === null || found === null || Array.isArray(found)) {
    return found === expected ? [] : [`${path}: found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`];
  }
  return close(found, expected) ? [] : [`${path}: found ${found}, expected ${expected}`];
}

/** True when every number in t is 0. */

/** Every disagreement between the engine's eval of one graph and torch's, edge by edge and param by param. */
export function evalDifferences(found: EvalJson, expected: EvalJson): string[] {
  const out: string[] = [];
  const keys = (r: Record<string, TensorJson>) => Object.keys(r).sort().join(', ');
  if (keys(found.edges) !== keys(expected.edges)) out.push(`edges: found ${keys(found.edges)}, expected ${keys(expected.edges)}`);
  if (keys(found.params) !== keys(expected.params)) out.push(`params: found ${keys(found.params)}, expected ${keys(expected.params)}`);
  out.push(...differences(found.loss, expected.loss, 'loss'));
  for (const [kind, f, e] of [['edges', found.edges, expected.edges], ['params', found.params, expected.params]] as const) {
    for (const [id, want] of Object.entries(e)) {
      const got = f[id];
      if (!got) continue;
      out.push(...differences(got.value, want.value, `${kind}.${id}.value`));
      // Where nothing reaches the objective both say 0 (the spec: every edge has a gradient), never null.
      out.push(...differences(got.grad, want.grad, `${kind}.${id}.grad`));
    }
  }
  return out;
}
