// A few series over recent steps as SVG polylines: an edge's value and gradient history in the probe panel.
import { memo } from 'react';
import { fmt } from '../training/format';

const COLORS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea'];

function SparklineImpl({ steps, series, label }: { steps: number[]; series: number[][]; label: string }) {
  const W = 280;
  const H = 56;
  const width = series[0]?.length ?? 0;
  if (steps.length < 2 || width === 0) return <p className="wg-muted">{label}: waiting for more steps</p>;
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of series) {
    for (const v of row) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return null;
  if (hi === lo) {
    hi = lo + 1;
    lo = lo - 1;
  }
  const s0 = steps[0];
  const s1 = steps[steps.length - 1];
  const x = (s: number): number => ((s - s0) / Math.max(1, s1 - s0)) * W;
  const y = (v: number): number => H - ((v - lo) / (hi - lo)) * H;
  return (
    <figure className="wg-spark">
      <svg width={W} height={H} role="img" aria-label={`${label} over steps ${s0} to ${s1}`}>
        {lo < 0 && hi > 0 && <line x1={0} x2={W} y1={y(0)} y2={y(0)} stroke="#d0d5dd" strokeDasharray="3 3" />}
        {Array.from({ length: width }, (_, k) => (
          <polyline
            key={k}
            fill="none"
            stroke={COLORS[k % COLORS.length]}
            strokeWidth={1.5}
            points={series.map((row, i) => `${x(steps[i]).toFixed(1)},${y(row[k] ?? 0).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        {label} (first row{width > 1 ? `, first ${width} elements` : ''}): {fmt(lo)} … {fmt(hi)}, steps {s0}–{s1}
      </figcaption>
    </figure>
  );
}

export const Sparkline = memo(SparklineImpl);
