// A parameter's values as a table: click a weight, type, Enter (Esc cancels). Each edit is one undo step.
import { useState } from 'react';
import { setParamValue } from '../store';

export interface ParamTableProps {
  nodeId: string;
  name: string;
  shape: readonly number[];
  values: readonly number[];
}

/** Four significant digits: enough to read a weight, short enough for a cell. */
function cellText(v: number): string {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

export const MAX_CELLS = 400;

export function ParamTable({ nodeId, name, shape, values }: ParamTableProps) {
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const rows = shape.length === 2 ? shape[0] : 1;
  const cols = shape.length === 2 ? shape[1] : shape.length === 1 ? shape[0] : 1;
  const shown = Math.min(values.length, MAX_CELLS);
  const commit = (i: number) => {
    const v = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(v)) setParamValue(nodeId, name, i, v);
    setEditing(null);
  };
  const where = (i: number) => (shape.length === 2 ? `[${Math.floor(i / cols)}, ${i % cols}]` : shape.length === 1 ? `[${i}]` : '');
  return (
    <div className="param">
      <div className="param-title">
        {name} <span className="muted">{shape.length ? shape.join('×') : 'scalar'}</span>
      </div>
      <table className="param-table" aria-label={`${name} of ${nodeId}`}>
        <tbody>
          {Array.from({ length: Math.ceil(shown / cols) || 1 }, (_, r) => (
            <tr key={r}>
              {Array.from({ length: cols }, (_, c) => {
                const i = r * cols + c;
                if (i >= shown) return null;
                const label = `${name}${where(i)}`;
                return (
                  <td key={c}>
                    {editing === i ? (
                      <input
                        autoFocus
                        aria-label={`${label} of ${nodeId}`}
                        value={draft}
                        onChange={(e) => setDraft(e.target.value)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') commit(i);
                          if (e.key === 'Escape') setEditing(null);
                        }}
                        onBlur={() => commit(i)}
                      />
                    ) : (
                      <button
                        type="button"
                        className={values[i] < 0 ? 'neg' : 'pos'}
                        aria-label={`${label} of ${nodeId} = ${values[i]}; click to edit`}
                        title={String(values[i])}
                        onClick={() => {
                          setDraft(String(values[i]));
                          setEditing(i);
                        }}
                      >
                        {cellText(values[i])}
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {values.length > shown ? <p className="muted">Showing {shown} of {values.length} values ({rows} rows).</p> : null}
    </div>
  );
}
