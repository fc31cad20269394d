// Hand-written graph documents for compiler and executor tests: nodes and edges in a line each.
import type { AttrValue, GraphDoc, GraphEdge, GraphNode, NestedNumbers } from '../../engine/graph/types';
import type { DataRows, TrainConfig } from '../../engine/executor';

export function node(id: string, op: string, attrs: Record<string, AttrValue> = {}, params?: Record<string, NestedNumbers>): GraphNode {
  return params ? { id, op, attrs, params } : { id, op, attrs };
}

let edgeCount = 0;
/** `source -> target.port`, with an id derived from both ends unless given. */
export function edge(source: string, target: string, targetPort: string, id?: string): GraphEdge {
  return { id: id ?? `${source}-${target}-${targetPort}-${edgeCount++}`, source, target, targetPort };
}

export function doc(nodes: GraphNode[], edges: GraphEdge[], seed = 1): GraphDoc {
  return { format: 'wiregrad-graph', version: 1, nodes, edges, training: { seed } };
}

export function rows(x: number[][], y: number[][] | number[]): DataRows {
  const n = x.length, xf = x[0]?.length ?? 0;
  const classes = typeof y[0] === 'number';
  const yf = classes ? 1 : (y[0] as number[]).length;
  return {
    n, x: Float32Array.from(x.flat()), xFeatures: xf,
    y: Float32Array.from(classes ? (y as number[]) : (y as number[][]).flat()), yFeatures: yf,
    yKind: classes ? 'class' : 'float',
  };
}

export const XOR = rows([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);

export function sgd(lr: number, batchSize: number, extra: Partial<TrainConfig> = {}, momentum = 0): TrainConfig {
  return {
    batchSize, shuffle: false, seed: 1,
    optimizer: { type: 'sgd', lr, momentum, weightDecay: 0, betas: [0.9, 0.999], eps: 1e-8 },
    ...extra,
  };
}

/** Input(2) → Linear(2→h) → act → Linear(h→1) → MSELoss against Target(1). */
export function mlp(hidden: number, act = 'ReLU'): GraphDoc {
  return doc(
    [
      node('x', 'Input', { features: 2 }), node('y', 'Target', { features: 1 }),
      node('fc1', 'Linear', { in: 2, out: hidden }), node('act', act),
      node('fc2', 'Linear', { in: hidden, out: 1 }), node('loss', 'MSELoss'),
    ],
    [
      edge('x', 'fc1', 'in', 'e_x'), edge('fc1', 'act', 'in', 'e_h'), edge('act', 'fc2', 'in', 'e_a'),
      edge('fc2', 'loss', 'input', 'e_out'), edge('y', 'loss', 'target', 'e_y'),
    ],
  );
}
