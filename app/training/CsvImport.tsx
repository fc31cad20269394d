// Bring your own data: a CSV file or pasted text, then choose the x columns and the y column.
import { useState } from 'react';
import { setTraining, showStatus } from '../store';
import { parseCsv, toInline, type CsvTable } from './csv';

export function CsvImport() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [table, setTable] = useState<CsvTable | null>(null);
  const [xCols, setXCols] = useState<string[]>([]);
  const [yCol, setYCol] = useState('');
  const [yKind, setYKind] = useState<'class' | 'float'>('class');
  const [error, setError] = useState<string | null>(null);

  const read = (src: string): void => {
    const r = parseCsv(src);
    if (!r.ok) {
      setError(r.error);
      setTable(null);
      return;
    }
    setError(null);
    setTable(r.value);
    const cols = r.value.columns;
    setYCol(cols[cols.length - 1]);
    setXCols(cols.slice(0, -1));
  };

  const use = (): void => {
    if (!table) return;
    const r = toInline(table, xCols, yCol, yKind);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const { x, y, classes } = r.value;
    setTraining((d) => {
      d.data = { inline: { x, y } };
    });
    showStatus(`Using your data: ${x.length} rows, x = ${xCols.join(', ')}, y = ${yCol}${classes ? ` (classes ${classes.join(', ')})` : ''}`);
    setOpen(false);
  };

  if (!open) {
    return (
      <button type="button" className="wg-link" onClick={() => setOpen(true)}>
        Use your own CSV…
      </button>
    );
  }
  return (
    <div className="wg-csv" role="group" aria-label="Your own CSV">
      <label className="wg-field">
        CSV file
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-label="CSV file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then((t) => (setText(t), read(t)));
          }}
        />
      </label>
      <label className="wg-field wg-field--block">
        or paste CSV (header row first)
        <textarea aria-label="paste CSV" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="button" onClick={() => read(text)}>
        Read CSV
      </button>
      {error && (
        <p className="wg-error" role="alert">
          {error}
        </p>
      )}
      {table && (
        <>
          <p className="wg-muted">{table.rows.length} rows. x columns:</p>
          <div className="wg-checks">
            {table.columns.map((c) => (
              <label key={c}>
                <input
                  type="checkbox"
                  aria-label={`x column ${c}`}
                  checked={xCols.includes(c)}
                  disabled={c === yCol}
                  onChange={(e) => setXCols((cur) => (e.target.checked ? table.columns.filter((k) => k === c || cur.includes(k)) : cur.filter((k) => k !== c)))}
                />
                {c}
              </label>
            ))}
          </div>
          <div className="wg-row">
            <label className="wg-field">
              y column
              <select aria-label="y column" value={yCol} onChange={(e) => (setYCol(e.target.value), setXCols((cur) => cur.filter((k) => k !== e.target.value)))}>
                {table.columns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <label className="wg-field">
              y is
              <select aria-label="y is" value={yKind} onChange={(e) => setYKind(e.target.value === 'float' ? 'float' : 'class')}>
                <option value="class">a class label</option>
                <option value="float">a number</option>
              </select>
            </label>
          </div>
          <button type="button" onClick={use}>
            Use this data
          </button>
        </>
      )}
      <button type="button" className="wg-link" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </div>
  );
}
