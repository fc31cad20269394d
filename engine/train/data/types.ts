// A data set before it meets a graph: features in float64, labels as class indices or float targets.
// build.ts turns it into the executor's DataRows once the graph's Target says which y shape it wants.

export type Labels =
  | { kind: 'class'; y: Int32Array; classes: string[] }
  | { kind: 'float'; y: Float64Array; features: number };

export interface Table {
  /** What the user picked: `xor`, `iris`, `inline`... */
  name: string;
  n: number;
  features: number;
  /** [n, features] row-major. */
  x: Float64Array;
  columns: string[];
  labels: Labels;
}

/** Reads a shipped data set file (`iris.csv`, `digits.csv.gz`) as bytes: from disk in Node, by fetch in the browser. */
export type DatasetFileReader = (file: string) => Promise<Uint8Array>;

/** A readable refusal while building data (the session turns it into a GraphIssue at `training.data`). */
export class DataError extends Error {
  constructor(
    message: string,
    readonly path: string = 'training.data',
  ) {
    super(message);
    this.name = 'DataError';
  }
}
