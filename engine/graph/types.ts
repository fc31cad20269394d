// The graph document (docs/graph-format.md): what the editor saves, the command line trains and the exporters read.
// These types are the contract; engine/graph/schema.ts validates untrusted JSON into them.

export type NestedNumbers = number | NestedNumbers[];
export type AttrValue = number | string | boolean | null | NestedNumbers | readonly number[] | readonly string[];

export interface GraphNode {
  id: string;
  op: string;
  attrs?: Record<string, AttrValue>;
  params?: Record<string, NestedNumbers>;
  label?: string;
  position?: { x: number; y: number };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  targetPort: string;
}

export type BuiltinCorners = 'xor' | 'and' | 'or';
export type BuiltinCloud = 'circle' | 'xor-noisy' | 'gauss' | 'spiral';
export type BuiltinReal = 'iris' | 'breast-cancer' | 'wine' | 'digits';

export type DataSpec =
  | { builtin: BuiltinCorners }
  | { builtin: BuiltinCloud; samples?: number; noise?: number; seed?: number }
  | { builtin: BuiltinReal }
  | { inline: { x: number[][]; y: number[][] | number[] } };

export type OptimizerSpec =
  | { type: 'sgd'; lr: number; momentum?: number; weightDecay?: number }
  | { type: 'adam'; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number };

export interface TrainingSpec {
  data?: DataSpec;
  split?: { test?: number };
  batchSize?: number;
  shuffle?: boolean;
  optimizer?: OptimizerSpec;
  seed?: number;
}

export interface GraphDoc {
  format: 'wiregrad-graph';
  version: 1;
  name?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  training?: TrainingSpec;
  ui?: Record<string, unknown>;
}

/** A readable refusal: where (`nodes[3] (id "fc1")`, `edges[7]`, `training.optimizer.lr`) and which rule. */
export interface GraphIssue {
  path: string;
  message: string;
  /** Set when the issue belongs to one node / port / edge, so the editor can mark it. */
  nodeId?: string;
  port?: string;
  edgeId?: string;
}

export type Result<T, E = GraphIssue[]> = { ok: true; value: T } | { ok: false; errors: E };
