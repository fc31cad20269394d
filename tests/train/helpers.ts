// Loading example graphs and starting sessions for the training, example and CLI tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { loadGraph } from '../../engine/graph/load';
import type { GraphDoc } from '../../engine/graph/types';
import { createSession, type Session, type SessionOptions } from '../../engine/train/session';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../public/examples/', import.meta.url));

export function loadDoc(text: string): GraphDoc {
  const r = loadGraph(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

export const loadExample = (name: string): GraphDoc => loadDoc(readFileSync(EXAMPLES_DIR + name + '.json', 'utf8'));

export async function open(doc: GraphDoc, opts: Partial<SessionOptions> = {}): Promise<Session> {
  const r = await createSession(doc, { read: nodeDatasetReader, ...opts });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

/** A small graph over inline data: Input(2) → Linear(2→1) → MSELoss ← Target(1). */
export function tinyDoc(training: GraphDoc['training'] = {}): GraphDoc {
  return {
    format: 'wiregrad-graph',
    version: 1,
    nodes: [
      { id: 'x', op: 'Input', attrs: { features: 2 } },
      { id: 'fc', op: 'Linear', attrs: { in: 2, out: 1 }, params: { weight: [[0.5, -0.25]], bias: [0.1] } },
      { id: 'y', op: 'Target', attrs: { features: 1 } },
      { id: 'loss', op: 'MSELoss' },
    ],
    edges: [
      { id: 'e1', source: 'x', target: 'fc', targetPort: 'in' },
      { id: 'e2', source: 'fc', target: 'loss', targetPort: 'input' },
      { id: 'e3', source: 'y', target: 'loss', targetPort: 'target' },
    ],
    training: { data: { inline: { x: [[1, 2], [3, 4], [5, 6], [7, 8]], y: [[1], [0], [1], [0]] } }, ...training },
  };
}
