// The four corners of the unit square, in the order (0,0), (0,1), (1,0), (1,1) (graph-format.md, Training).
import type { BuiltinCorners } from '../../graph/types';
import type { Table } from './types';

const TRUTH: Record<BuiltinCorners, readonly number[]> = {
  xor: [0, 1, 1, 0],
  and: [0, 0, 0, 1],
  or: [0, 1, 1, 1],
};

export function corners(kind: BuiltinCorners): Table {
  return {
    name: kind,
    n: 4,
    features: 2,
    x: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
    columns: ['x1', 'x2'],
    labels: { kind: 'class', y: Int32Array.from(TRUTH[kind]), classes: ['0', '1'] },
  };
}
