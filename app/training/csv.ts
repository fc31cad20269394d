// The user's own CSV → the graph's inline data: parsed with papaparse, x columns and a y column chosen by name.
import Papa from 'papaparse';

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

export type CsvResult<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_ROWS = 20000;

/** Parse CSV text with a header row. Refuses empty files, ragged rows and anything past MAX_ROWS, saying where. */
export function parseCsv(text: string): CsvResult<CsvTable> {
  const r = Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy', dynamicTyping: false });
  if (r.errors.length) {
    const e = r.errors[0];
    return { ok: false, error: `CSV row ${(e.row ?? 0) + 1}: ${e.message}` };
  }
  const [head, ...rows] = r.data;
  if (!head || head.length < 2) return { ok: false, error: 'the CSV needs a header row and at least two columns (x and y)' };
  if (rows.length === 0) return { ok: false, error: 'the CSV has a header but no rows' };
  if (rows.length > MAX_ROWS) return { ok: false, error: `the CSV has ${rows.length} rows; at most ${MAX_ROWS} fit in a graph file` };
  const bad = rows.findIndex((row) => row.length !== head.length);
  if (bad >= 0) return { ok: false, error: `CSV row ${bad + 2} has ${rows[bad].length} cells; the header has ${head.length}` };
  return { ok: true, value: { columns: head.map((c, i) => c.trim() || `column ${i + 1}`), rows } };
}

export interface InlineData {
  x: number[][];
  y: number[] | number[][];
  /** For class labels: the original label of each index. */
  classes: string[] | null;
}

/** Pick x columns and a y column. y as 'class' maps each distinct label to 0..K-1 (numbers in numeric order). */
export function toInline(t: CsvTable, xCols: readonly string[], yCol: string, yKind: 'class' | 'float'): CsvResult<InlineData> {
  if (xCols.length === 0) return { ok: false, error: 'choose at least one x column' };
  if (xCols.includes(yCol)) return { ok: false, error: `column "${yCol}" cannot be both x and y` };
  const xi = xCols.map((c) => t.columns.indexOf(c));
  const yi = t.columns.indexOf(yCol);
  if (yi < 0 || xi.some((i) => i < 0)) return { ok: false, error: 'a chosen column is not in the CSV' };
  const x: number[][] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const row: number[] = [];
    for (const i of xi) {
      const v = Number(t.rows[r][i]);
      if (t.rows[r][i].trim() === '' || !Number.isFinite(v)) {
        return { ok: false, error: `row ${r + 2}, column "${t.columns[i]}": "${t.rows[r][i]}" is not a number` };
      }
      row.push(v);
    }
    x.push(row);
  }
  const labels = t.rows.map((row) => row[yi].trim());
  if (yKind === 'float') {
    const y: number[][] = [];
    for (let r = 0; r < labels.length; r++) {
      const v = Number(labels[r]);
      if (labels[r] === '' || !Number.isFinite(v)) return { ok: false, error: `row ${r + 2}, column "${yCol}": "${labels[r]}" is not a number` };
      y.push([v]);
    }
    return { ok: true, value: { x, y, classes: null } };
  }
  const distinct = Array.from(new Set(labels));
  const numeric = distinct.every((l) => l !== '' && Number.isFinite(Number(l)));
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  if (distinct.length > 100) return { ok: false, error: `column "${yCol}" has ${distinct.length} different labels; is it really a class?` };
  const index = new Map(distinct.map((l, i) => [l, i]));
  return { ok: true, value: { x, y: labels.map((l) => index.get(l) as number), classes: distinct } };
}
