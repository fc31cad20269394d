// The user's own rows: `{ inline: { x: [[...]], y: [[...]] | [...] } }`.
import { DataError, type Table } from './types';

export function inline(data: { x: number[][]; y: number[][] | number[] }): Table {
  const n = data.x.length;
  if (n === 0) throw new DataError('inline data has no rows', 'training.data.inline.x');
  const features = data.x[0].length;
  const x = new Float64Array(n * features);
  data.x.forEach((row, i) => {
    if (row.length !== features) {
      throw new DataError(`row ${i} has ${row.length} values, row 0 has ${features}`, `training.data.inline.x[${i}]`);
    }
    x.set(row, i * features);
  });
  if (data.y.length !== n) {
    throw new DataError(`y has ${data.y.length} rows, x has ${n}`, 'training.data.inline.y');
  }
  const columns = Array.from({ length: features }, (_, j) => `x${j + 1}`);
  const ys = data.y;
  if (ys.every((v): v is number => typeof v === 'number')) {
    // Bare numbers are class indices (graph-format.md): they must be whole and non-negative.
    const bad = ys.findIndex((v) => !Number.isInteger(v) || v < 0);
    if (bad >= 0) {
      throw new DataError(`y[${bad}] is ${ys[bad]}; a flat y holds class indices (0, 1, 2, ...); write [[${ys[bad]}]] for a float target`, `training.data.inline.y[${bad}]`);
    }
    const k = Math.max(...ys) + 1;
    const classes = Array.from({ length: Math.max(k, 2) }, (_, c) => String(c));
    return { name: 'inline', n, features, x, columns, labels: { kind: 'class', y: Int32Array.from(ys), classes } };
  }
  const rows = ys as (number | number[])[];
  const firstRow = rows[0];
  const yf = Array.isArray(firstRow) ? firstRow.length : 1;
  const y = new Float64Array(n * yf);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== yf) {
      throw new DataError(`y[${i}] should be a row of ${yf} numbers like y[0]`, `training.data.inline.y[${i}]`);
    }
    y.set(row, i * yf);
  });
  return { name: 'inline', n, features, x, columns, labels: { kind: 'float', y, features: yf } };
}
