// The four benchmark rows of issue 3, as wiregrad graphs; TF.js builds the same network from `spec`.
// Hidden layers use ReLU; SGD lr 0.1; binary rows use BCEWithLogitsLoss, class rows CrossEntropyLoss (both mean).
import type { GraphDoc, GraphEdge, GraphNode } from '../engine/graph/types';
import { createRng } from '../engine/rng';

export interface NetSpec {
  key: string;
  title: string;
  layers: number[];
  batch: number;
  loss: 'bce-logits' | 'cross-entropy';
  /** How the data is made (the graph's training.data). */
  data: GraphDoc['training'] extends infer T ? (T extends { data?: infer D } ? D : never) : never;
}

function randomData(n: number, features: number, classes: number, seed: number): { x: number[][]; y: number[] } {
  const rng = createRng(seed, 'bench-data');
  const x = Array.from({ length: n }, () => Array.from({ length: features }, () => rng.next()));
  const y = Array.from({ length: n }, () => rng.int(classes));
  return { x, y };
}

export const NETS: NetSpec[] = [
  { key: 'a', title: 'XOR 2-4-1, batch 4', layers: [2, 4, 1], batch: 4, loss: 'bce-logits', data: { builtin: 'xor' } },
  { key: 'b', title: 'circle 2-16-16-1, batch 64', layers: [2, 16, 16, 1], batch: 64, loss: 'bce-logits', data: { builtin: 'circle', samples: 512, noise: 0.1, seed: 1 } },
  { key: 'c', title: 'digits 64-128-10, batch 128', layers: [64, 128, 10], batch: 128, loss: 'cross-entropy', data: { builtin: 'digits' } },
  { key: 'd', title: 'random 784-256-256-10, batch 256', layers: [784, 256, 256, 10], batch: 256, loss: 'cross-entropy', data: { inline: randomData(1024, 784, 10, 1) } },
];

export function graphOf(spec: NetSpec): GraphDoc {
  const nodes: GraphNode[] = [{ id: 'x', op: 'Input', attrs: { features: spec.layers[0] } }];
  const edges: GraphEdge[] = [];
  const wire = (source: string, target: string, targetPort: string) => edges.push({ id: `e${edges.length}`, source, target, targetPort });
  let prev = 'x';
  for (let k = 1; k < spec.layers.length; k++) {
    const id = `fc${k}`;
    nodes.push({ id, op: 'Linear', attrs: { in: spec.layers[k - 1], out: spec.layers[k] } });
    wire(prev, id, 'in');
    prev = id;
    if (k < spec.layers.length - 1) {
      nodes.push({ id: `relu${k}`, op: 'ReLU' });
      wire(prev, `relu${k}`, 'in');
      prev = `relu${k}`;
    }
  }
  const classes = spec.layers[spec.layers.length - 1];
  nodes.push(spec.loss === 'bce-logits' ? { id: 'y', op: 'Target', attrs: { features: 1 } } : { id: 'y', op: 'Target', attrs: { classes } });
  nodes.push({ id: 'loss', op: spec.loss === 'bce-logits' ? 'BCEWithLogitsLoss' : 'CrossEntropyLoss' });
  wire(prev, 'loss', 'input');
  wire('y', 'loss', 'target');
  return {
    format: 'wiregrad-graph',
    version: 1,
    name: spec.title,
    nodes,
    edges,
    training: { data: spec.data, batchSize: spec.batch, shuffle: true, seed: 1, optimizer: { type: 'sgd', lr: 0.1 } },
  };
}
