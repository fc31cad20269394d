// The compact live label of one edge: numbers for a few elements (first batch row), else a strip of coloured cells.
import { memo } from 'react';
import { diverging, fmt, fmtList, maxAbs } from './format';
import { rowOf, type EdgeProbe } from './trainingStore';

const NUMBERS_UP_TO = 3;
const MAX_CELLS = 24;
const CELL_PX = 8;

/** Hard colour stops, one per element: a whole strip is one style write per update, not one per cell. */
export function stripGradient(a: Float32Array, n: number, m: number): string {
  const stops: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = diverging(a[i] / m);
    // A 1/8-cell white seam between cells keeps them countable.
    const lo = (i / n) * 100;
    const hi = ((i + 1) / n) * 100;
    stops.push(`${c} ${lo.toFixed(2)}% ${(hi - 12.5 / n).toFixed(2)}%`, `transparent ${(hi - 12.5 / n).toFixed(2)}% ${hi.toFixed(2)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

function Strip({ a, kind }: { a: Float32Array; kind: 'value' | 'grad' }) {
  const n = Math.min(a.length, MAX_CELLS);
  const m = maxAbs(a.subarray(0, n));
  return (
    <div className={`wg-strip wg-strip--${kind}`} title={`${kind === 'value' ? 'value' : 'gradient'}: ${n} elements, max |x| ${fmt(m)}`}>
      <div className="wg-strip-bar" data-cells={n} style={{ width: n * CELL_PX, backgroundImage: stripGradient(a, n, m) }} />
      {a.length > n && <span className="wg-strip-more">+{a.length - n}</span>}
    </div>
  );
}

function EdgeLabelImpl({ probe }: { probe: EdgeProbe }) {
  const value = rowOf(probe, probe.value, 0);
  const grad = probe.grad ? rowOf(probe, probe.grad, 0) : null;
  if (value.length <= NUMBERS_UP_TO) {
    return (
      <div className="wg-edge-label" aria-label={`value ${fmtList(value)}${grad ? `, gradient ${fmtList(grad)}` : ''}`}>
        <span className="wg-v">{fmtList(value)}</span>
        {grad && <span className="wg-g"> ∇{fmtList(grad)}</span>}
      </div>
    );
  }
  return (
    <div className="wg-edge-label wg-edge-label--strip" aria-label={`value and gradient of ${value.length} elements`}>
      <Strip a={value} kind="value" />
      {grad && <Strip a={grad} kind="grad" />}
    </div>
  );
}

export const EdgeLabel = memo(EdgeLabelImpl);
