// The four TensorFlow Playground classification sets (tensorflow/playground src/dataset.ts), drawn from our seeded
// Rng instead of Math.random. `noise` is the value playground passes its generators (its slider's percent / 100),
// so noise 0.1 here is playground's "noise 10". Playground's labels +1 / −1 become classes 1 / 0.
import type { BuiltinCloud } from '../../graph/types';
import { createRng, type Rng } from '../../rng';
import type { Table } from './types';

export interface CloudOptions {
  samples: number;
  noise: number;
  seed: number;
}

type Point = [x: number, y: number, label: 0 | 1];

const uniform = (rng: Rng, a: number, b: number): number => rng.next() * (b - a) + a;

// Playground's polar (Marsaglia) normal sampler; s = 0 is rejected too so log(0) never happens.
function normal(rng: Rng, mean: number, variance: number): number {
  let v1: number, v2: number, s: number;
  do {
    v1 = 2 * rng.next() - 1;
    v2 = 2 * rng.next() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1 || s === 0);
  return mean + Math.sqrt(variance) * Math.sqrt((-2 * Math.log(s)) / s) * v1;
}

/** Sizes of the two halves: playground uses samples / 2 each; an odd count gives the extra point to the first. */
function halves(samples: number): [number, number] {
  const first = Math.ceil(samples / 2);
  return [first, samples - first];
}

function circle(rng: Rng, samples: number, noise: number): Point[] {
  const radius = 5;
  const points: Point[] = [];
  const ring = (count: number, rMin: number, rMax: number): void => {
    for (let i = 0; i < count; i++) {
      const r = uniform(rng, rMin, rMax);
      const angle = uniform(rng, 0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const nx = uniform(rng, -radius, radius) * noise;
      const ny = uniform(rng, -radius, radius) * noise;
      // The label comes from the noisy point, the stored point is the clean one (as playground does).
      points.push([x, y, Math.hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0]);
    }
  };
  const [inside, outside] = halves(samples);
  ring(inside, 0, radius * 0.5);
  ring(outside, radius * 0.7, radius);
  return points;
}

function xorNoisy(rng: Rng, samples: number, noise: number): Point[] {
  const padding = 0.3;
  const points: Point[] = [];
  for (let i = 0; i < samples; i++) {
    let x = uniform(rng, -5, 5);
    x += x > 0 ? padding : -padding;
    let y = uniform(rng, -5, 5);
    y += y > 0 ? padding : -padding;
    const nx = uniform(rng, -5, 5) * noise;
    const ny = uniform(rng, -5, 5) * noise;
    points.push([x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0]);
  }
  return points;
}

function gauss(rng: Rng, samples: number, noise: number): Point[] {
  // Playground's d3 linear scale [0, 0.5] → [0.5, 4] (unclamped) from noise to variance.
  const variance = 0.5 + noise * 7;
  const points: Point[] = [];
  const blob = (count: number, c: number, label: 0 | 1): void => {
    for (let i = 0; i < count; i++) points.push([normal(rng, c, variance), normal(rng, c, variance), label]);
  };
  const [pos, neg] = halves(samples);
  blob(pos, 2, 1);
  blob(neg, -2, 0);
  return points;
}

function spiral(rng: Rng, samples: number, noise: number): Point[] {
  const n = samples / 2;
  const points: Point[] = [];
  const arm = (count: number, deltaT: number, label: 0 | 1): void => {
    for (let i = 0; i < count; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
      const y = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
      points.push([x, y, label]);
    }
  };
  const [pos, neg] = halves(samples);
  arm(pos, 0, 1);
  arm(neg, Math.PI, 0);
  return points;
}

const GENERATORS: Record<BuiltinCloud, (rng: Rng, samples: number, noise: number) => Point[]> = {
  circle,
  'xor-noisy': xorNoisy,
  gauss,
  spiral,
};

export function cloud(kind: BuiltinCloud, { samples, noise, seed }: CloudOptions): Table {
  const points = GENERATORS[kind](createRng(seed, 'data', kind), samples, noise);
  const x = new Float64Array(points.length * 2);
  const y = new Int32Array(points.length);
  points.forEach(([px, py, label], i) => {
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = label;
  });
  return { name: kind, n: points.length, features: 2, x, columns: ['x1', 'x2'], labels: { kind: 'class', y, classes: ['0', '1'] } };
}
