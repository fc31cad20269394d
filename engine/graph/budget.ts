// Load-time shapes (from compile/shapes.ts, the one place they are computed) and the element budget: a file may
// not ask for tensors too large to allocate. Outputs are sized at the whole data set's row count, the most a step
// or an evaluation over all rows ever holds.
import { inferShapesPartial } from '../compile/shapes';
import { formatShape, resolveShape, sizeOf } from '../tensor';
import type { IssueList } from './issues';
import { BUILTIN_ROWS, DEFAULT_SAMPLES, MAX_TENSOR_ELEMENTS, MAX_TOTAL_ELEMENTS } from './limits';
import type { GraphDoc, TrainingSpec } from './types';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Rows of the training data (all of them, before the split); the batch size when there are no data. */
export function dataRows(training: TrainingSpec | undefined): number {
  const data = training?.data;
  if (!data) return training?.batchSize ?? 1;
  if ('inline' in data) return data.inline.x.length;
  if ('samples' in data && data.samples !== undefined) return data.samples;
  return BUILTIN_ROWS[data.builtin] ?? DEFAULT_SAMPLES;
}

/** Shape problems go to `unfinished` (a draft may not fit yet); sizes beyond the budget to `list` (never loadable). */
export function checkShapesAndBudget(list: IssueList, unfinished: IssueList, doc: GraphDoc, paramElements: number): void {
  const { shapes, issues } = inferShapesPartial(doc);
  // A port without an edge is already in `unfinished`, said once.
  for (const issue of issues) if (!/ has no edge$/.test(issue.message)) unfinished.push(issue);
  const rows = dataRows(doc.training);
  let total = paramElements;
  doc.nodes.forEach((node, i) => {
    const shape = shapes.get(node.id);
    if (!shape) return;
    const n = sizeOf(resolveShape(shape, rows));
    total += n;
    if (n > MAX_TENSOR_ELEMENTS) {
      list.add(['nodes', i], `${node.op} ${node.id}: its output ${formatShape(shape)} would hold ${fmt(n)} elements for ${fmt(rows)} rows; the limit is ${fmt(MAX_TENSOR_ELEMENTS)} per tensor`, { nodeId: node.id });
    }
  });
  if (total > MAX_TOTAL_ELEMENTS && list.empty) {
    list.add(['nodes'], `the parameters and node outputs hold ${fmt(total)} elements in all for ${fmt(rows)} rows; the limit is ${fmt(MAX_TOTAL_ELEMENTS)}`);
  }
}
