// Fresh ids in the file format's alphabet (1–64 of A-Z a-z 0-9 _ -), readable: linear1, relu2, e7.
import type { GraphDoc } from '../../engine/graph/types';

export function freshNodeId(doc: GraphDoc, op: string, taken: Set<string> = new Set()): string {
  const base = op.toLowerCase().replace(/[^a-z0-9_-]/g, '').slice(0, 40) || 'node';
  for (let i = 1; ; i++) {
    const id = `${base}${i}`;
    if (!taken.has(id) && !doc.nodes.some((n) => n.id === id)) return id;
  }
}

export function freshEdgeId(doc: GraphDoc, taken: Set<string> = new Set()): string {
  for (let i = doc.edges.length + 1; ; i++) {
    const id = `e${i}`;
    if (!taken.has(id) && !doc.edges.some((e) => e.id === id)) return id;
  }
}
