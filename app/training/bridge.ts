// What the worker needs from the engine's training session, in one place: open a doc on a backend, measure it,
// and rebuild on the CPU after a lost device. The session (engine/train/session.ts) does the work.
import type { BackendChoice, BackendKind, DataRows, Executor } from '../../engine/executor';
import type { GraphDoc, GraphIssue } from '../../engine/graph/types';

export interface OpenedSession {
  executor: Executor;
  backend: BackendKind;
  /** Why the backend differs from the one asked for, or null. */
  note: string | null;
  train: DataRows;
  test: DataRows | null;
  /** The node whose output the loss reads (the model's prediction), for decision boundaries. */
  outputNode: string | null;
  /** How to read the output as "probability of class 1" for the heat map. */
  outputKind: 'prob' | 'logit' | 'logits' | 'logprobs' | 'value';
  /** Nodes with a batch dimension and a few units, in plan order (hidden-unit heat maps). */
  hiddenNodes: { node: string; units: number }[];
  classification: boolean;
  /** Accuracy of the current weights over a split, or null when the task is not classification. */
  accuracy(split: 'train' | 'test'): Promise<number | null>;
  /** The objective over the test split with the current weights, or null without one. */
  testLoss(): Promise<number | null>;
  /** A CPU executor for the same plan and data; after a lost GPU executor it continues that run's step, weights and optimiser state. */
  cpuExecutor(): Promise<Executor>;
  dispose(): void;
}

export type OpenResult = { ok: true; session: OpenedSession } | { ok: false; issues: GraphIssue[] };

export type SessionOpener = (doc: GraphDoc, backend: BackendChoice) => Promise<OpenResult>;
