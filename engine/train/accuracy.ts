// Accuracy, where the task is a classification (graph-format.md has no accuracy; this is the project's rule):
// BCELoss p > 0.5, BCEWithLogitsLoss z > 0, CrossEntropyLoss / NLLLoss argmax, MSELoss with 0/1 targets ŷ > 0.5.
import type { DataRows } from '../executor';
import type { FloatArray } from '../tensor';

export type AccuracyRule = 'threshold-0.5' | 'threshold-0' | 'argmax';

export interface ClassificationTask {
  rule: AccuracyRule;
  /** The node whose output the loss reads on its `input` port (what predict() runs to). */
  node: string;
  /** Outputs per row: K for argmax, F for thresholds. */
  width: number;
}

/** The rule for a loss op, or null when that loss is not a classification (MSE on non-0/1 targets). */
export function ruleFor(lossOp: string, train: DataRows): AccuracyRule | null {
  switch (lossOp) {
    case 'BCELoss':
      return 'threshold-0.5';
    case 'BCEWithLogitsLoss':
      return 'threshold-0';
    case 'CrossEntropyLoss':
    case 'NLLLoss':
      return 'argmax';
    case 'MSELoss':
      return train.yKind === 'float' && train.y.every((v) => v === 0 || v === 1) ? 'threshold-0.5' : null;
    default:
      return null;
  }
}

/** Fraction of correct decisions: one per row for argmax, one per output element for thresholds. */
export function accuracyOf(task: ClassificationTask, out: FloatArray, rows: DataRows): number | null {
  const { rule, width } = task;
  if (rows.n === 0 || out.length < rows.n * width) return null;
  let correct = 0;
  if (rule === 'argmax') {
    for (let i = 0; i < rows.n; i++) {
      let best = 0;
      for (let k = 1; k < width; k++) if (out[i * width + k] > out[i * width + best]) best = k;
      if (best === rows.y[i]) correct++;
    }
    return correct / rows.n;
  }
  const cut = rule === 'threshold-0' ? 0 : 0.5;
  const total = rows.n * width;
  if (rows.y.length < total) return null;
  for (let i = 0; i < total; i++) if ((out[i] > cut ? 1 : 0) === (rows.y[i] > 0.5 ? 1 : 0)) correct++;
  return correct / total;
}
