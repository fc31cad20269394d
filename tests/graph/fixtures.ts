// A valid graph to start every test from, and helpers to read refusals.
import { expect } from 'vitest';
import { loadGraph } from '../../engine/graph/load';
import type { GraphIssue } from '../../engine/graph/types';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** XOR with a hidden layer: Input → Linear → ReLU → Linear → Sigmoid → BCELoss ← Target. */
export function xorDoc(): { [k: string]: Json } {
  return {
    format: 'wiregrad-graph',
    version: 1,
    name: 'XOR',
    nodes: [
      { id: 'x', op: 'Input', attrs: { features: 2 }, position: { x: 0, y: 0 } },
      { id: 'y', op: 'Target', attrs: { features: 1 } },
      { id: 'fc1', op: 'Linear', attrs: { in: 2, out: 3 }, params: { weight: [[0.1, -0.2], [0.3, 0.4], [0.5, 0.6]], bias: [0, 0.1, -0.1] }, label: 'hidden' },
      { id: 'relu1', op: 'ReLU' },
      { id: 'fc2', op: 'Linear', attrs: { in: 3, out: 1 } },
      { id: 'sig', op: 'Sigmoid' },
      { id: 'loss', op: 'BCELoss', attrs: { reduction: 'mean' } },
    ],
    edges: [
      { id: 'e1', source: 'x', target: 'fc1', targetPort: 'in' },
      { id: 'e2', source: 'fc1', target: 'relu1', targetPort: 'in' },
      { id: 'e3', source: 'relu1', target: 'fc2', targetPort: 'in' },
      { id: 'e4', source: 'fc2', target: 'sig', targetPort: 'in' },
      { id: 'e5', source: 'sig', target: 'loss', targetPort: 'input' },
      { id: 'e6', source: 'y', target: 'loss', targetPort: 'target' },
    ],
    training: {
      data: { builtin: 'xor' },
      split: { test: 0 },
      batchSize: 4,
      shuffle: true,
      optimizer: { type: 'sgd', lr: 0.5, momentum: 0.9, weightDecay: 0 },
      seed: 1,
    },
    ui: { viewport: { x: 0, y: 0, zoom: 1 } },
  };
}

/** The doc with `edit` applied to a fresh copy. */
export function xorWith(edit: (doc: { [k: string]: Json } & { nodes: { [k: string]: Json }[]; edges: { [k: string]: Json }[]; training: { [k: string]: Json } }) => void): string {
  const doc = xorDoc() as Parameters<typeof edit>[0];
  edit(doc);
  return JSON.stringify(doc);
}

/** Loads `text`, expects a refusal, and returns its issues. */
export function refuse(text: string): GraphIssue[] {
  const r = loadGraph(text);
  if (r.ok) throw new Error('expected the file to be refused, but it loaded');
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(e.path).not.toBe('');
    expect(e.message).not.toBe('');
    expect(e.message).not.toMatch(/\n\s+at /); // no stack trace
  }
  return r.errors;
}

/** The one issue at `path` (exactly), whose message matches every pattern. */
export function expectIssue(issues: GraphIssue[], path: string, ...rules: RegExp[]): GraphIssue {
  const found = issues.find((i) => i.path === path);
  if (!found) throw new Error(`no issue at ${path}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  for (const r of rules) expect(found.message).toMatch(r);
  return found;
}
