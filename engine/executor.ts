// What every backend offers the training loop, the command line and the editor.
// The view never sees an executor's buffers: it sees ProbeSnapshots.
import type { Plan } from './compile/plan';
import type { FloatArray } from './tensor';

export type BackendKind = 'cpu' | 'webgpu';
export type BackendChoice = BackendKind | 'auto';

/** Rows of data: x is [n, features] row-major; y is [n, yFeatures] floats or [n] class indices. */
export interface DataRows {
  n: number;
  x: Float32Array;
  xFeatures: number;
  y: Float32Array;
  yFeatures: number;
  yKind: 'class' | 'float';
  /** Names of the x columns, when the data has them (resolves an Input's `columns` given by name). */
  columns?: string[];
}

export interface OptimizerConfig {
  type: 'sgd' | 'adam';
  lr: number;
  momentum: number;
  weightDecay: number;
  betas: [number, number];
  eps: number;
}

export interface TrainConfig {
  batchSize: number;
  shuffle: boolean;
  seed: number;
  optimizer: OptimizerConfig;
}

export interface TensorProbe {
  shape: number[];
  value: FloatArray;
  /** null where the spec says the edge has no gradient (into a loss's target). */
  grad: FloatArray | null;
}

/** Everything the view may show after a step: each edge's value and gradient, each parameter and its gradient. */
export interface ProbeSnapshot {
  /** Training steps taken when the snapshot was taken. */
  step: number;
  /** Rows in the minibatch the probes come from. */
  rows: number;
  loss: number;
  edges: Record<string, TensorProbe>;
  params: Record<string, TensorProbe>;
}

/** A numerical blow-up: the first edge (in forward order, then backward) whose value or gradient is not finite. */
export interface NonFinite {
  step: number;
  edge: string;
  which: 'value' | 'grad';
}

export interface TrainResult {
  /** Steps actually taken by this call. */
  steps: number;
  nonFinite: NonFinite | null;
}

export interface Executor {
  readonly backend: BackendKind;
  readonly plan: Plan;
  /** Training steps taken so far. */
  readonly steps: number;
  /**
   * n training steps (forward, objective, backward, optimiser) over minibatches of the training rows.
   * Stops early at a non-finite value or gradient, keeping the weights from before that step.
   */
  train(n: number): Promise<TrainResult>;
  /** Losses of steps [from, steps). */
  losses(from: number): Promise<Float32Array>;
  /** The probes of the most recent step (or evaluate()). */
  snapshot(): Promise<ProbeSnapshot>;
  /** One forward and backward over `rows`, no update (the `eval` command). */
  evaluate(rows: DataRows): Promise<ProbeSnapshot>;
  /** Forward only: the output of `node` for each row (decision boundaries, accuracy). */
  predict(rows: DataRows, node: string): Promise<FloatArray>;
  /** Current parameters by `${node}.${name}`. */
  getParams(): Promise<Record<string, Float32Array>>;
  setParams(values: Record<string, ArrayLike<number>>): Promise<void>;
  dispose(): void;
}
