// A histogram of a tensor's elements as inline SVG bars (small, crisp, no library needed for ~20 bins).
import { memo } from 'react';
import { fmt } from '../training/format';

export function bins(a: ArrayLike<number>, n: number): { lo: number; hi: number; counts: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) continue;
    lo = Math.min(lo, a[i]);
    hi = Math.max(hi, a[i]);
  }
  if (lo === Infinity) return { lo: 0, hi: 0, counts: new Array<number>(n).fill(0) };
  if (hi === lo) hi = lo + 1e-9;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) continue;
    counts[Math.min(n - 1, Math.floor(((a[i] - lo) / (hi - lo)) * n))]++;
  }
  return { lo, hi, counts };
}

function HistogramImpl({ data, label, color }: { data: ArrayLike<number>; label: string; color: string }) {
  const W = 140;
  const H = 44;
  const { lo, hi, counts } = bins(data, 20);
  const max = Math.max(1, ...counts);
  const bw = W / counts.length;
  return (
    <figure className="wg-hist">
      <svg width={W} height={H} role="img" aria-label={`${label} histogram from ${fmt(lo)} to ${fmt(hi)}`}>
        {counts.map((c, i) => (
          <rect key={i} x={i * bw + 0.5} y={H - (c / max) * H} width={Math.max(1, bw - 1)} height={(c / max) * H} fill={color} />
        ))}
      </svg>
      <figcaption>
        {label}: {fmt(lo)} … {fmt(hi)}
      </figcaption>
    </figure>
  );
}

export const Histogram = memo(HistogramImpl);
