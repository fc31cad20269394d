import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildData, type TargetWant } from '../../engine/train/data/build';
import { cloud } from '../../engine/train/data/clouds';
import { parseRealDataset } from '../../engine/train/data/real';
import { fetchDatasetReader } from '../../engine/train/data/fetch-reader';
import { nodeDatasetReader, DATASETS_DIR } from '../../engine/cli/datasets-node';
import type { DataSpec, TrainingSpec } from '../../engine/graph/types';
import type { DataRows } from '../../engine/executor';

const build = (data: DataSpec, extra: Omit<TrainingSpec, 'data'> = {}, want: TargetWant | null = null) =>
  buildData({ data, ...extra }, want, nodeDatasetReader);

const row = (r: DataRows, i: number) => Array.from(r.x.subarray(i * r.xFeatures, (i + 1) * r.xFeatures));

function columnStats(r: DataRows) {
  const f = r.xFeatures;
  const mean = new Array<number>(f).fill(0), sq = new Array<number>(f).fill(0);
  for (let i = 0; i < r.n; i++) for (let j = 0; j < f; j++) mean[j] += r.x[i * f + j] / r.n;
  for (let i = 0; i < r.n; i++) for (let j = 0; j < f; j++) sq[j] += (r.x[i * f + j] - mean[j]) ** 2 / r.n;
  return { mean, std: sq.map(Math.sqrt) };
}

describe('corners', () => {
  it('xor, and, or are the four corners in order (0,0), (0,1), (1,0), (1,1) with 0/1 float targets', async () => {
    const truth = { xor: [0, 1, 1, 0], and: [0, 0, 0, 1], or: [0, 1, 1, 1] } as const;
    for (const k of ['xor', 'and', 'or'] as const) {
      const d = await build({ builtin: k });
      expect(d.train.n).toBe(4);
      expect(Array.from(d.train.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
      expect(Array.from(d.train.y)).toEqual(truth[k]);
      expect(d.train.yKind).toBe('class');
      const asFloat = await build({ builtin: k }, {}, { node: 't', kind: 'float', features: 1 });
      expect(asFloat.train.yKind).toBe('float');
      expect(asFloat.train.yFeatures).toBe(1);
      expect(Array.from(asFloat.train.y)).toEqual(truth[k]);
      expect(asFloat.standardisation).toBeNull();
    }
  });

  it('a Target with classes gets class indices', async () => {
    const d = await build({ builtin: 'xor' }, {}, { node: 't', kind: 'class', classes: 2 });
    expect(d.train.yKind).toBe('class');
    expect(Array.from(d.train.y)).toEqual([0, 1, 1, 0]);
  });
});

describe('playground clouds', () => {
  const kinds = ['circle', 'xor-noisy', 'gauss', 'spiral'] as const;

  it('have the requested number of 2-D points, labels 0/1 in both classes, and are not standardised', async () => {
    for (const k of kinds) {
      for (const samples of [200, 51]) {
        const d = await build({ builtin: k, samples, noise: 0.1, seed: 3 });
        expect(d.train.n).toBe(samples);
        expect(d.train.xFeatures).toBe(2);
        const ys = new Set(d.train.y);
        expect([...ys].sort()).toEqual([0, 1]);
        expect(d.standardisation).toBeNull();
      }
    }
  });

  it('are the same for the same seed and differ for another seed', () => {
    for (const k of kinds) {
      const a = cloud(k, { samples: 100, noise: 0.2, seed: 7 });
      const b = cloud(k, { samples: 100, noise: 0.2, seed: 7 });
      const c = cloud(k, { samples: 100, noise: 0.2, seed: 8 });
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    }
  });

  it('default to 200 samples, noise 0.1 and the training seed', async () => {
    const a = await build({ builtin: 'spiral' }, { seed: 5 });
    const b = await build({ builtin: 'spiral', samples: 200, noise: 0.1, seed: 5 });
    expect(a.train.n).toBe(200);
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
  });

  it('follow playground geometry: circle inside r<2.5 is class 1, outside r≥3.5 is class 0 without noise', () => {
    const t = cloud('circle', { samples: 200, noise: 0, seed: 1 });
    for (let i = 0; i < t.n; i++) {
      const r = Math.hypot(t.x[2 * i], t.x[2 * i + 1]);
      if (t.labels.kind !== 'class') throw new Error('class labels expected');
      expect(t.labels.y[i]).toBe(i < 100 ? 1 : 0);
      if (i < 100) expect(r).toBeLessThanOrEqual(2.5);
      else expect(r).toBeGreaterThanOrEqual(3.5);
    }
  });

  it('xor-noisy without noise labels by the sign of x·y, with playground padding 0.3 off the axes', () => {
    const t = cloud('xor-noisy', { samples: 300, noise: 0, seed: 2 });
    for (let i = 0; i < t.n; i++) {
      const [x, y] = [t.x[2 * i], t.x[2 * i + 1]];
      expect(Math.abs(x)).toBeGreaterThanOrEqual(0.3);
      expect(Math.abs(y)).toBeGreaterThanOrEqual(0.3);
      if (t.labels.kind === 'class') expect(t.labels.y[i]).toBe(x * y >= 0 ? 1 : 0);
    }
  });

  it('gauss draws class 1 around (2,2) and class 0 around (−2,−2), variance 0.5 + 7·noise', () => {
    const t = cloud('gauss', { samples: 4000, noise: 0.1, seed: 4 });
    let mx = 0, vx = 0;
    for (let i = 0; i < 2000; i++) mx += t.x[2 * i] / 2000;
    for (let i = 0; i < 2000; i++) vx += (t.x[2 * i] - mx) ** 2 / 2000;
    expect(mx).toBeCloseTo(2, 1);
    expect(vx).toBeGreaterThan(1.2 * 0.85);
    expect(vx).toBeLessThan(1.2 * 1.15);
  });

  it('spiral without noise lies on the two arms r = 5·i/n', () => {
    const t = cloud('spiral', { samples: 20, noise: 0, seed: 1 });
    for (let i = 0; i < 10; i++) {
      expect(Math.hypot(t.x[2 * i], t.x[2 * i + 1])).toBeCloseTo((i / 10) * 5, 10);
      // The second arm is the first turned by π.
      expect(t.x[2 * (i + 10)]).toBeCloseTo(-t.x[2 * i], 10);
    }
  });
});

describe('real data sets', () => {
  const sizes = { iris: [150, 4, 3], 'breast-cancer': [569, 30, 2], wine: [178, 13, 3], digits: [1797, 64, 10] } as const;

  it('load with their sizes, column names and class names in index order', async () => {
    for (const [k, [n, f, c]] of Object.entries(sizes)) {
      const d = await build({ builtin: k as keyof typeof sizes });
      expect(d.train.n).toBe(n);
      expect(d.train.xFeatures).toBe(f);
      expect(d.columns).toHaveLength(f);
      expect(d.classes).toHaveLength(c);
      expect(d.train.yKind).toBe('class');
      expect(Math.max(...d.train.y)).toBe(c - 1);
    }
    const iris = await build({ builtin: 'iris' });
    expect(iris.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.columns[2]).toBe('petal length (cm)');
    expect((await build({ builtin: 'breast-cancer' })).classes).toEqual(['malignant', 'benign']);
  });

  it('are standardised with the training split statistics only (population std), test rows with the same ones', async () => {
    const d = await build({ builtin: 'wine' }, { split: { test: 0.25 }, seed: 2 });
    expect(d.train.n + (d.test?.n ?? 0)).toBe(178);
    expect(d.test?.n).toBe(Math.ceil(0.25 * 178));
    const s = columnStats(d.train);
    for (let j = 0; j < 13; j++) {
      expect(s.mean[j]).toBeCloseTo(0, 5);
      expect(s.std[j]).toBeCloseTo(1, 4);
    }
    // The test split is transformed with the training mean/std, so its own statistics are not exactly 0/1.
    const t = columnStats(d.test as DataRows);
    expect(t.mean.some((m) => Math.abs(m) > 0.01)).toBe(true);
    // Raw values: training statistics recomputed from the file agree with the stored ones.
    const raw = parseRealDataset('wine', readFileSync(DATASETS_DIR + 'wine_data.csv'));
    const st = d.standardisation;
    if (!st) throw new Error('wine must be standardised');
    const first = d.test ? row(d.test, 0) : [];
    const rawRows = Array.from({ length: raw.n }, (_, i) => Array.from(raw.x.subarray(i * 13, i * 13 + 13)));
    const match = rawRows.find((r) => r.every((v, j) => Math.abs((v - st.mean[j]) / st.std[j] - first[j]) < 1e-4));
    expect(match).toBeDefined();
  });

  it('a constant column stays 0 after standardisation (digits has blank corner pixels)', async () => {
    const d = await build({ builtin: 'digits' });
    const s = columnStats(d.train);
    expect(d.standardisation?.std[0]).toBe(0);
    for (let i = 0; i < d.train.n; i++) expect(d.train.x[i * 64]).toBe(0);
    expect(s.std[0]).toBe(0);
  });

  it('the split is determined by the seed and keeps file order within each part', async () => {
    const a = await build({ builtin: 'iris' }, { split: { test: 0.2 }, seed: 11 });
    const b = await build({ builtin: 'iris' }, { split: { test: 0.2 }, seed: 11 });
    const c = await build({ builtin: 'iris' }, { split: { test: 0.2 }, seed: 12 });
    expect(a.train.n).toBe(120);
    expect(a.test?.n).toBe(30);
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    expect(Array.from(a.test?.y ?? [])).toEqual(Array.from(b.test?.y ?? []));
    expect(Array.from(a.test?.y ?? [])).not.toEqual(Array.from(c.test?.y ?? []));
    // iris is sorted by class in the file: file order survives the split.
    const ys = Array.from(a.train.y);
    expect(ys).toEqual([...ys].sort());
  });

  it('digits is read gzipped, and the browser loader fetches and parses the same bytes over HTTP', async () => {
    const bytes = new Uint8Array(readFileSync(DATASETS_DIR + 'digits.csv.gz'));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const seen: string[] = [];
    // A static server like Vite's: /datasets/<file> from public/; `encoded` also declares the gzip as Content-Encoding,
    // which fetch then decodes itself (the reader must accept plain text as well).
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      const encoded = req.url?.startsWith('/encoded/');
      const m = /^\/(encoded\/)?datasets\/([\w.]+)$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const file = m[2];
      res.writeHead(200, encoded ? { 'Content-Encoding': 'gzip' } : {});
      res.end(readFileSync(DATASETS_DIR + file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    try {
      const n = await build({ builtin: 'digits' });
      for (const base of [`http://127.0.0.1:${port}/datasets/`, `http://127.0.0.1:${port}/encoded/datasets/`]) {
        const d = await buildData({ data: { builtin: 'digits' } }, null, fetchDatasetReader(base));
        expect(Array.from(d.train.x)).toEqual(Array.from(n.train.x));
      }
      expect(seen).toEqual(['/datasets/digits.csv.gz', '/encoded/datasets/digits.csv.gz']);
      await expect(buildData({ data: { builtin: 'iris' } }, null, fetchDatasetReader(`http://127.0.0.1:${port}/missing/`)))
        .rejects.toThrow(/could not read data set iris \(iris.csv\)/);
    } finally {
      server.close();
    }
  });

  it('a binary data set gives 0/1 floats to a Target with features 1, one-hot to features K', async () => {
    const bc = await build({ builtin: 'breast-cancer' }, {}, { node: 'y', kind: 'float', features: 1 });
    expect(new Set(bc.train.y)).toEqual(new Set([0, 1]));
    const iris = await build({ builtin: 'iris' }, {}, { node: 'y', kind: 'float', features: 3 });
    expect(iris.train.yFeatures).toBe(3);
    expect(Array.from(iris.train.y.subarray(0, 3))).toEqual([1, 0, 0]);
    await expect(build({ builtin: 'iris' }, {}, { node: 'y', kind: 'class', classes: 2 })).rejects.toThrow(/Target y has classes 2 but the data set iris has 3 classes/);
  });
});

describe('inline data', () => {
  it('takes float rows or class indices', async () => {
    const f = await build({ inline: { x: [[1, 2], [3, 4]], y: [[0.5], [1.5]] } });
    expect(f.train.yKind).toBe('float');
    expect(Array.from(f.train.y)).toEqual([0.5, 1.5]);
    const c = await build({ inline: { x: [[1], [2], [3]], y: [0, 2, 1] } });
    expect(c.train.yKind).toBe('class');
    expect(c.classes).toEqual(['0', '1', '2']);
    expect(f.standardisation).toBeNull();
  });

  it('refuses a y of the wrong length or a fractional class index, naming the place', async () => {
    await expect(build({ inline: { x: [[1], [2]], y: [0] } })).rejects.toMatchObject({ path: 'training.data.inline.y', message: 'y has 1 rows, x has 2' });
    await expect(build({ inline: { x: [[1], [2]], y: [0, 0.5] } })).rejects.toMatchObject({ path: 'training.data.inline.y[1]' });
  });

  it('splits by the seed too', async () => {
    const x = Array.from({ length: 10 }, (_, i) => [i]);
    const d = await build({ inline: { x, y: x.map(([v]) => [v]) } }, { split: { test: 0.3 }, seed: 1 });
    expect(d.train.n).toBe(7);
    expect(d.test?.n).toBe(3);
    expect([...Array.from(d.train.x), ...Array.from(d.test?.x ?? [])].sort((a, b) => a - b)).toEqual(x.flat());
  });
});
