// saveGraph: a stable, pretty file that diffs well and loads back to the same document.
import type { GraphDoc, GraphEdge, GraphNode, TrainingSpec } from './types';

/** Known keys in the spec's order, so a saved file always reads the same; unknown keys are dropped (they cannot load). */
const DOC_KEYS = ['format', 'version', 'name', 'nodes', 'edges', 'training', 'ui'] as const;
const NODE_KEYS = ['id', 'op', 'attrs', 'params', 'label', 'position'] as const;
const EDGE_KEYS = ['id', 'source', 'target', 'targetPort'] as const;
const TRAINING_KEYS = ['data', 'split', 'batchSize', 'shuffle', 'optimizer', 'seed'] as const;

function pick<T extends object>(obj: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** Arrays of numbers only (a tensor row, a position pair) go on one line; everything else is indented. */
function stringify(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + stringify(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function saveGraph(doc: GraphDoc): string {
  const out: Record<string, unknown> = pick(doc, DOC_KEYS);
  out.nodes = doc.nodes.map((n: GraphNode) => pick(n, NODE_KEYS));
  out.edges = doc.edges.map((e: GraphEdge) => pick(e, EDGE_KEYS));
  if (doc.training) out.training = pick<TrainingSpec>(doc.training, TRAINING_KEYS);
  return stringify(out, '') + '\n';
}
