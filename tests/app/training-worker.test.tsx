// The training worker's loop (app/training/trainer.ts) driven in-process over the real session and CPU executor.
import { describe, expect, test } from 'vitest';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import { Trainer } from '../../app/training/trainer';
import { sessionOpener } from '../../app/training/openSession';
import type { FromWorker } from '../../app/training/protocol';
import type { GraphDoc } from '../../engine/graph/types';
import { loadExample } from '../train/helpers';

type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

function harness() {
  const got: FromWorker[] = [];
  const transfers: Transferable[][] = [];
  const trainer = new Trainer(sessionOpener(nodeDatasetReader), (m, t) => {
    got.push(m);
    transfers.push(t ?? []);
  });
  const all = <T extends FromWorker['type']>(type: T): Msg<T>[] => got.filter((m): m is Msg<T> => m.type === type);
  const last = <T extends FromWorker['type']>(type: T): Msg<T> | undefined => all(type).at(-1);
  const until = async (cond: () => boolean, ms = 20000): Promise<void> => {
    const t0 = Date.now();
    while (!cond()) {
      if (Date.now() - t0 > ms) throw new Error(`timed out; last messages: ${got.slice(-3).map((m) => m.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { trainer, got, transfers, all, last, until };
}

describe('training worker loop', () => {
  test('loading the XOR MLP reports the backend, a first snapshot of every edge and the decision boundary', async () => {
    const h = harness();
    const doc = loadExample('xor-mlp');
    await h.trainer.handle({ type: 'load', doc, backend: 'cpu' });
    const ready = h.last('ready');
    expect(ready).toMatchObject({ backend: 'cpu', hasBoundary: true, classification: true });
    const snap = h.last('snapshot')?.snapshot;
    expect(snap).toBeTruthy();
    expect(Object.keys(snap!.edges).sort()).toEqual(doc.edges.map((e) => e.id).sort());
    const b = h.last('boundary')?.boundary;
    expect(b?.output).toHaveLength(64 * 64);
    expect(b?.points).toHaveLength(4 * 3);
    // The hidden layer's units get their own maps over the same grid.
    expect(b?.hidden.length).toBeGreaterThan(0);
    expect(b?.hidden[0].values.length).toBe(64 * 64 * b!.hidden[0].units);
  });

  test('play trains XOR to 100% accuracy in chunks while pulls are answered between chunks; pause sends the weights back', async () => {
    const h = harness();
    await h.trainer.handle({ type: 'load', doc: loadExample('xor-mlp'), backend: 'cpu' });
    await h.trainer.handle({ type: 'play' });
    let pulls = 0;
    await h.until(() => {
      if (h.all('snapshot').length <= pulls + 1) void h.trainer.handle({ type: 'pull', fullEdge: null }).then(() => pulls++);
      return h.last('progress')?.accuracy === 1 && h.trainer.steps > 200;
    });
    await h.trainer.handle({ type: 'pause' });
    await h.until(() => h.last('progress')?.running === false && h.all('params').length > 0);
    expect(pulls).toBeGreaterThan(1);
    const progress = h.all('progress');
    // Losses arrive as (step, loss) pairs and go down.
    const pairs = progress.flatMap((p) => Array.from(p.losses));
    expect(pairs.length).toBeGreaterThan(10);
    expect(pairs[pairs.length - 1]).toBeLessThan(pairs[1]);
    expect(progress.some((p) => p.stepsPerSec > 0)).toBe(true);
    const params = h.last('params')!;
    expect(Object.keys(params.params)).toEqual(expect.arrayContaining(['hidden.weight', 'hidden.bias', 'out.weight']));
    // Typed arrays travel as transferables.
    const i = h.got.lastIndexOf(params);
    expect(h.transfers[i].length).toBeGreaterThan(0);
  });

  test('the selected edge gets all batch rows; other edges only the first few', async () => {
    const h = harness();
    const doc = loadExample('xor-mlp');
    const training: GraphDoc['training'] = { ...doc.training, data: { builtin: 'circle', samples: 100, noise: 0 }, batchSize: 40 };
    await h.trainer.handle({ type: 'load', doc: { ...doc, training }, backend: 'cpu' });
    await h.trainer.handle({ type: 'step', n: 1 });
    const first = doc.edges[0].id;
    await h.trainer.handle({ type: 'step', n: 1 });
    await h.trainer.handle({ type: 'pull', fullEdge: first });
    const snap = h.last('snapshot')!.snapshot!;
    expect(snap.edges[first].rows).toBe(40);
    expect(snap.edges[first].value).toHaveLength(40 * 2);
    expect(snap.edges[doc.edges[1].id].rows).toBe(8);
  });

  test('a diverging learning rate pauses training, names the first non-finite edge, and restore brings back good weights', async () => {
    const h = harness();
    const doc = loadExample('weight-sharing');
    const bad: GraphDoc = { ...doc, training: { ...doc.training, optimizer: { type: 'sgd', lr: 1000 } } };
    await h.trainer.handle({ type: 'load', doc: bad, backend: 'cpu' });
    await h.trainer.handle({ type: 'play' });
    await h.until(() => h.all('nonFinite').length > 0 && h.last('progress')?.running === false);
    const nf = h.last('nonFinite')!.nonFinite;
    // The first place it appeared: an edge, or the loss node's own output (which has no edge).
    expect([...doc.edges.map((e) => e.id), 'loss']).toContain(nf.edge);
    await h.trainer.handle({ type: 'restore' });
    const restored = h.last('params')!.params;
    for (const v of Object.values(restored)) expect(Array.from(v).every(Number.isFinite)).toBe(true);
  });

  test('a graph that cannot train is refused with issues that name the place', async () => {
    const h = harness();
    const doc = loadExample('xor-mlp');
    const broken: GraphDoc = { ...doc, edges: doc.edges.slice(1) };
    await h.trainer.handle({ type: 'load', doc: broken, backend: 'cpu' });
    const issues = h.last('issues')!.issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].message).toMatch(/\w/);
    expect(h.all('ready')).toHaveLength(0);
  });
});
