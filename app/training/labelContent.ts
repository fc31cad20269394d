// What an edge's compact label says, decided once for both ways it is shown: drawn on the canvas label layer and read
// as text (screen readers, tests). Numbers for a few elements of the first batch row, else a strip of coloured cells.
import { fmt, fmtList, maxAbs } from './format';
import { rowOf, type EdgeProbe } from './trainingStore';

export const NUMBERS_UP_TO = 3;
export const MAX_CELLS = 24;

export interface StripContent {
  /** The first MAX_CELLS elements of the first row. */
  cells: Float32Array;
  /** Largest |x| among the cells: the colour scale. */
  max: number;
  /** Elements of the row not drawn. */
  more: number;
}

export type LabelContent =
  | { kind: 'numbers'; value: string; grad: string | null }
  | { kind: 'strip'; elements: number; value: StripContent; grad: StripContent | null };

function strip(a: Float32Array): StripContent {
  const n = Math.min(a.length, MAX_CELLS);
  const cells = a.subarray(0, n);
  return { cells, max: maxAbs(cells), more: a.length - n };
}

/** The label of a probe, or null when it has nothing to show (an empty tensor). */
export function labelContent(probe: EdgeProbe): LabelContent | null {
  if (probe.value.length === 0) return null;
  const value = rowOf(probe, probe.value, 0);
  const grad = probe.grad ? rowOf(probe, probe.grad, 0) : null;
  if (value.length <= NUMBERS_UP_TO) return { kind: 'numbers', value: fmtList(value), grad: grad ? fmtList(grad) : null };
  return { kind: 'strip', elements: value.length, value: strip(value), grad: grad ? strip(grad) : null };
}

function range(s: StripContent): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < s.cells.length; i++) {
    lo = Math.min(lo, s.cells[i]);
    hi = Math.max(hi, s.cells[i]);
  }
  return `${fmt(lo)} to ${fmt(hi)}`;
}

/** The label as one line of text: "0.73 ∇−0.073" for numbers (as drawn); for a strip, its size and ranges. */
export function labelText(c: LabelContent): string {
  if (c.kind === 'numbers') return c.grad === null ? c.value : `${c.value} ∇${c.grad}`;
  const shown = c.value.cells.length < c.elements ? ` (first ${c.value.cells.length} drawn)` : '';
  const grad = c.grad ? `, ∇ ${range(c.grad)}` : '';
  return `${c.elements} elements${shown}: ${range(c.value)}${grad}`;
}
