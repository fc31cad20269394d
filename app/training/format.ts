// How numbers and signs look on the canvas: short numbers, a diverging red/blue scale, the Playground's class colours.

/** A compact, readable number with 3 significant digits: "0.73", "−0.125", "12.3", "3e−5". Uses the real minus sign. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  let s: string;
  if (a === 0) s = '0';
  else if (a >= 1000 || a < 0.001) s = x.toExponential(1).replace(/\.0e/, 'e').replace('e+', 'e');
  else s = String(Number(x.toPrecision(3)));
  return s.replace(/-/g, '−');
}

/** Several numbers in brackets when more than one: "[0.1, −0.2]". */
export function fmtList(a: ArrayLike<number>): string {
  if (a.length === 1) return fmt(a[0]);
  const parts: string[] = [];
  for (let i = 0; i < a.length; i++) parts.push(fmt(a[i]));
  return `[${parts.join(', ')}]`;
}

const NEG: [number, number, number] = [202, 62, 56]; // red
const POS: [number, number, number] = [38, 110, 180]; // blue
const MID: [number, number, number] = [246, 246, 244];

/** Diverging colour for v in [-1, 1]: red below zero, blue above, near-white at zero. */
export function diverging(v: number): string {
  if (!Number.isFinite(v)) return 'rgb(255, 0, 200)';
  const t = Math.min(1, Math.abs(v));
  const end = v < 0 ? NEG : POS;
  const c = MID.map((m, i) => Math.round(m + (end[i] - m) * Math.sqrt(t)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** The largest |x| in a, for scaling a strip; at least a tiny floor so zeros stay white. */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 1e-12;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

// TensorFlow Playground: orange for class 0 / negative, blue for class 1 / positive, white in between.
export const PLAYGROUND_NEG: [number, number, number] = [245, 147, 34];
export const PLAYGROUND_POS: [number, number, number] = [8, 119, 189];
const PLAYGROUND_MID: [number, number, number] = [232, 234, 235];

const LUT_SIZE = 256;
// Precomputed: heat maps colour tens of thousands of cells per update.
const LUT: [number, number, number][] = Array.from({ length: LUT_SIZE + 1 }, (_, i) => {
  const d = (i / LUT_SIZE - 0.5) * 2;
  const end = d < 0 ? PLAYGROUND_NEG : PLAYGROUND_POS;
  const k = Math.abs(d);
  return [0, 1, 2].map((j) => Math.round(PLAYGROUND_MID[j] + (end[j] - PLAYGROUND_MID[j]) * k)) as [number, number, number];
});

/** Playground colour for t in [0, 1] (0 = class 0, 0.5 = undecided, 1 = class 1), as RGB. */
export function playground(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  return LUT[Math.round(u * LUT_SIZE)];
}
