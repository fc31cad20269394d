import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { EXAMPLES_DIR, loadExample, open } from '../train/helpers';

interface IndexEntry { file: string; title: string; lesson: string; steps: number }
const index = JSON.parse(readFileSync(EXAMPLES_DIR + 'index.json', 'utf8')) as { examples: IndexEntry[] };
const stepsOf = (name: string): number => index.examples.find((e) => e.file === `${name}.json`)?.steps ?? 0;

describe('the examples menu', () => {
  it('index.json lists every example file once, with a title, a one-line lesson and a step count', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
    expect(index.examples.map((e) => e.file).sort()).toEqual(files);
    expect(files).toEqual(['iris-mlp.json', 'logistic-regression.json', 'perceptron-and.json', 'perceptron-xor.json', 'relu-unit.json', 'weight-sharing.json', 'xor-mlp.json']);
    for (const e of index.examples) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.lesson).not.toMatch(/\n/);
      expect(e.steps).toBeGreaterThan(0);
    }
  });

  it('every example loads, has a fixed seed, and labels and left-to-right positions on every node', () => {
    for (const e of index.examples) {
      const doc = loadExample(e.file.replace('.json', ''));
      expect(doc.training?.seed, e.file).toBeTypeOf('number');
      for (const n of doc.nodes) {
        expect(n.label, `${e.file} ${n.id}`).toBeTruthy();
        expect(n.position, `${e.file} ${n.id}`).toBeDefined();
      }
      // Data flows left to right: every edge goes to a node at least as far right as its source.
      const x = new Map(doc.nodes.map((n) => [n.id, n.position?.x ?? 0]));
      for (const ed of doc.edges) expect(x.get(ed.target), `${e.file} ${ed.id}`).toBeGreaterThanOrEqual(x.get(ed.source) ?? 0);
    }
  });
});

describe('every example trains as stated', () => {
  it('xor-mlp reaches 100% accuracy', async () => {
    const s = await open(loadExample('xor-mlp'));
    await s.train(stepsOf('xor-mlp'));
    expect(await s.accuracy()).toBe(1);
    s.dispose();
  });

  it('logistic-regression (breast cancer) gets over 95% on the held-out test split', async () => {
    const s = await open(loadExample('logistic-regression'));
    expect(s.data.test?.n).toBe(114);
    await s.train(stepsOf('logistic-regression'));
    expect(await s.accuracy('test')).toBeGreaterThan(0.95);
    s.dispose();
  });

  it('iris-mlp (softmax/cross-entropy) gets over 90% on the held-out test split', async () => {
    const s = await open(loadExample('iris-mlp'));
    expect(s.task?.rule).toBe('argmax');
    await s.train(stepsOf('iris-mlp'));
    expect(await s.accuracy('test')).toBeGreaterThan(0.9);
    s.dispose();
  });

  it('relu-unit is relu(w·x + b) from Parameter, Mul, Add, ReLU and learns w ≈ 2, b ≈ −1', async () => {
    const doc = loadExample('relu-unit');
    expect(doc.nodes.map((n) => n.op).sort()).toEqual(['Add', 'Input', 'MSELoss', 'Mul', 'Parameter', 'Parameter', 'ReLU', 'Target']);
    const s = await open(doc);
    const first = (await s.evaluate()).loss;
    await s.train(stepsOf('relu-unit'));
    const p = await s.executor.getParams();
    expect((await s.evaluate()).loss).toBeLessThan(first / 100);
    expect(p['w.value'][0]).toBeCloseTo(2, 1);
    expect(p['b.value'][0]).toBeCloseTo(-1, 1);
    s.dispose();
  });

  it('weight-sharing: the shared parameter’s gradient is the sum of its two edges’ gradients, and it learns w = 3', async () => {
    const doc = loadExample('weight-sharing');
    const out = doc.edges.filter((e) => e.source === 'w');
    expect(out).toHaveLength(2);
    const s = await open(doc);
    const snap = await s.evaluate();
    const [g1, g2] = out.map((e) => snap.edges[e.id].grad?.[0] ?? NaN);
    expect(g1).not.toBeCloseTo(g2, 3);
    expect(snap.params['w.value'].grad?.[0]).toBeCloseTo(g1 + g2, 4);
    await s.train(stepsOf('weight-sharing'));
    expect((await s.executor.getParams())['w.value'][0]).toBeCloseTo(3, 4);
    s.dispose();
  });
});
