// The messages between the editor and the training worker. Typed arrays travel as transferables.
import type { BackendChoice, BackendKind } from '../../engine/executor';
import type { GraphDoc, GraphIssue } from '../../engine/graph/types';

/** One edge's probe as the view gets it: at most `rows` batch rows of value and gradient. */
export interface EdgeProbeMsg {
  shape: number[];
  /** Batch rows included (the first ones); 0 for an edge without a batch dimension. */
  rows: number;
  value: Float32Array;
  grad: Float32Array | null;
}

export interface SnapshotMsg {
  step: number;
  loss: number;
  edges: Record<string, EdgeProbeMsg>;
}

/** The decision boundary: the model's output (and small hidden layers) over a grid of the two input features. */
export interface BoundaryMsg {
  step: number;
  size: number;
  /** [xmin, xmax, ymin, ymax] of the grid. */
  extent: [number, number, number, number];
  /** size*size probabilities (or regression outputs) of the first output unit, row 0 = top (ymax). */
  output: Float32Array;
  /** Hidden nodes with a few units: each unit's output over the same grid. */
  hidden: { node: string; units: number; values: Float32Array }[];
  /** Training points (x0, x1, label) and test points. */
  points: Float32Array;
  testPoints: Float32Array;
  /** How long the worker took to compute it (the view spaces its requests so training keeps most of the time). */
  costMs: number;
}

export interface NonFiniteMsg {
  step: number;
  edge: string;
  which: 'value' | 'grad';
}

export type ToWorker =
  | { type: 'load'; doc: GraphDoc; backend: BackendChoice }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  | { type: 'reset' }
  /** Send a snapshot if there is anything new (the view asks once per animation frame). */
  | { type: 'pull'; fullEdge: string | null }
  | { type: 'boundary' }
  | { type: 'restore' }
  /** One forward + backward on the current minibatch without an update, for step-through. */
  | { type: 'probeOnce' };

export type FromWorker =
  | { type: 'ready'; backend: BackendKind; note: string | null; hasBoundary: boolean; classification: boolean }
  | { type: 'issues'; issues: GraphIssue[] }
  | { type: 'snapshot'; snapshot: SnapshotMsg | null }
  | {
      type: 'progress';
      step: number;
      /** Losses of steps [fromStep, step), possibly decimated: (step, loss) pairs. */
      losses: Float32Array;
      testLoss: number | null;
      accuracy: number | null;
      testAccuracy: number | null;
      stepsPerSec: number;
      running: boolean;
    }
  | { type: 'boundary'; boundary: BoundaryMsg }
  | { type: 'nonFinite'; nonFinite: NonFiniteMsg }
  | { type: 'backend'; backend: BackendKind; note: string }
  | { type: 'params'; step: number; params: Record<string, Float32Array> }
  | { type: 'error'; message: string };
