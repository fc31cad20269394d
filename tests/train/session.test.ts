import { describe, expect, it } from 'vitest';
import { saveGraph } from '../../engine/graph/serialize';
import type { GraphDoc } from '../../engine/graph/types';
import { accuracyOf, ruleFor } from '../../engine/train/accuracy';
import { createSession } from '../../engine/train/session';
import { nodeDatasetReader } from '../../engine/cli/datasets-node';
import type { DataRows } from '../../engine/executor';
import { loadDoc, loadExample, open, tinyDoc } from './helpers';

const rows = (y: number[], yKind: 'class' | 'float', yFeatures = 1): DataRows => ({
  n: yKind === 'class' ? y.length : y.length / yFeatures, x: new Float32Array(0), xFeatures: 0, y: Float32Array.from(y), yFeatures, yKind,
});

describe('training defaults', () => {
  it('batch = the whole training set, shuffle on, seed 0, plain SGD with lr 0.1 when the file says nothing', async () => {
    const s = await open(tinyDoc());
    expect(s.config).toEqual({
      batchSize: 4, shuffle: true, seed: 0,
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0, betas: [0.9, 0.999], eps: 1e-8 },
    });
    expect(s.plan.batch).toBe(4);
    s.dispose();
  });

  it('takes the file’s settings, and clamps a batch larger than the training set', async () => {
    const s = await open(tinyDoc({ batchSize: 100, shuffle: false, seed: 9, optimizer: { type: 'adam', lr: 0.01, betas: [0.8, 0.9] } }));
    expect(s.config.batchSize).toBe(4);
    expect(s.config.shuffle).toBe(false);
    expect(s.config.seed).toBe(9);
    expect(s.config.optimizer).toMatchObject({ type: 'adam', lr: 0.01, betas: [0.8, 0.9], eps: 1e-8 });
    s.dispose();
  });
});

describe('a session step', () => {
  it('one full-batch SGD step on MSE moves the weights by −lr·∇ (hand computed)', async () => {
    const s = await open(tinyDoc({ shuffle: false }));
    await s.train(1);
    // ŷ = 0.5·x1 − 0.25·x2 + 0.1 over the four rows; ∂L/∂ŷ = 2(ŷ − y)/4.
    const x = [[1, 2], [3, 4], [5, 6], [7, 8]], y = [1, 0, 1, 0];
    const d = x.map(([a, b], i) => (2 * (0.5 * a - 0.25 * b + 0.1 - y[i])) / 4);
    const gw = [0, 1].map((j) => d.reduce((acc, di, i) => acc + di * x[i][j], 0));
    const gb = d.reduce((a, b) => a + b, 0);
    const p = await s.executor.getParams();
    expect(p['fc.weight'][0]).toBeCloseTo(0.5 - 0.1 * gw[0], 5);
    expect(p['fc.weight'][1]).toBeCloseTo(-0.25 - 0.1 * gw[1], 5);
    expect(p['fc.bias'][0]).toBeCloseTo(0.1 - 0.1 * gb, 5);
    expect(s.steps).toBe(1);
    expect(await s.losses(0)).toHaveLength(1);
    s.dispose();
  });

  it('gives a test loss and test accuracy only when there is a test split', async () => {
    const none = await open(loadExample('xor-mlp'));
    expect(await none.testLoss()).toBeNull();
    expect(await none.accuracy('test')).toBeNull();
    none.dispose();
    const iris = await open(loadExample('iris-mlp'));
    expect(iris.data.test?.n).toBe(45);
    expect(await iris.testLoss()).toBeGreaterThan(0);
    expect(await iris.accuracy('test')).toBeGreaterThanOrEqual(0);
    iris.dispose();
  });

  it('the trained document saves, loads again and carries on from the same weights', async () => {
    const s = await open(loadExample('xor-mlp'));
    await s.train(50);
    const saved = saveGraph(await s.trainedDoc());
    const again = await open(loadDoc(saved));
    const a = await s.executor.getParams(), b = await again.executor.getParams();
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expect(Array.from(b[k])).toEqual(Array.from(a[k]));
    expect((await again.evaluate()).loss).toBeCloseTo((await s.evaluate()).loss, 6);
    s.dispose();
    again.dispose();
  });

  it('a blow-up names where it happened and keeps the weights from before it', async () => {
    const doc = tinyDoc({ shuffle: false, data: { inline: { x: [[1, 2]], y: [[1e20]] } } });
    const s = await open(doc);
    const r = await s.train(5);
    expect(r.steps).toBe(0);
    expect(r.nonFinite).not.toBeNull();
    if (!r.nonFinite) return;
    expect(s.describeNonFinite(r.nonFinite)).toMatch(/^step 1: the (value|gradient) on .*(loss|e\d).* is not finite/);
    const p = await s.executor.getParams();
    expect(Array.from(p['fc.weight'])).toEqual([0.5, -0.25]);
    s.dispose();
  });

  it('an update that overflows a layer\'s weights names the parameter, not an edge', async () => {
    const doc = tinyDoc({ shuffle: false, optimizer: { type: 'sgd', lr: 1e37 }, data: { inline: { x: [[1e3, 1e3]], y: [[0]] } } });
    const s = await open(doc);
    const r = await s.train(3);
    expect(r.steps).toBe(0);
    if (!r.nonFinite) throw new Error('a step of 1e37 × a gradient of ~5e5 should overflow float32');
    expect(s.describeNonFinite(r.nonFinite)).toMatch(/^step 1: the value on parameter fc\.(weight|bias) is not finite/);
    s.dispose();
  });
});

describe('data meets the graph', () => {
  const irisDoc = (input: Record<string, unknown>): GraphDoc => ({
    format: 'wiregrad-graph', version: 1,
    nodes: [
      { id: 'x', op: 'Input', attrs: input as GraphDoc['nodes'][0]['attrs'] },
      { id: 'fc', op: 'Linear', attrs: { in: (input.features as number), out: 3 } },
      { id: 'y', op: 'Target', attrs: { classes: 3 } },
      { id: 'loss', op: 'CrossEntropyLoss' },
    ],
    edges: [
      { id: 'e1', source: 'x', target: 'fc', targetPort: 'in' },
      { id: 'e2', source: 'fc', target: 'loss', targetPort: 'input' },
      { id: 'e3', source: 'y', target: 'loss', targetPort: 'target' },
    ],
    training: { data: { builtin: 'iris' } },
  });

  it('an Input reads data columns by name or by index, in its own order', async () => {
    const byName = await open(irisDoc({ features: 2, columns: ['petal width (cm)', 'sepal length (cm)'] }));
    const byIndex = await open(irisDoc({ features: 2, columns: [3, 0] }));
    const a = await byName.evaluate(), b = await byIndex.evaluate();
    expect(Array.from(a.edges.e1.value)).toEqual(Array.from(b.edges.e1.value));
    const d = byName.data.train;
    expect(a.edges.e1.value[0]).toBeCloseTo(d.x[3], 6);
    expect(a.edges.e1.value[1]).toBeCloseTo(d.x[0], 6);
    byName.dispose();
    byIndex.dispose();
  });

  it('refuses an Input that does not fit the data, naming the node and the data set’s columns', async () => {
    const r = await createSession(irisDoc({ features: 2 }), { read: nodeDatasetReader });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ nodeId: 'x', path: 'nodes[0] (id "x").attrs.features' });
    expect(r.errors[0].message).toMatch(/Input x has features 2 but the data set iris has 4 columns/);
    const r2 = await createSession(irisDoc({ features: 1, columns: ['petal span'] }), { read: nodeDatasetReader });
    expect(r2.ok ? '' : r2.errors[0].message).toMatch(/Input x reads column "petal span", which the data set iris does not have/);
  });

  it('refuses a graph that reads data but names none, with a message that says what to add', async () => {
    const doc = tinyDoc();
    delete doc.training;
    const r = await createSession(doc, { read: nodeDatasetReader });
    expect(r.ok ? '' : `${r.errors[0].path}: ${r.errors[0].message}`).toBe(
      'training.data: the graph reads data (Input x, Target y) but names none, so it cannot be evaluated or trained: add e.g. "training": {"data": {"builtin": "xor"}} (or {"inline": {"x": [[...]], "y": [...]}} with your own rows)');
    const withTraining = await createSession({ ...tinyDoc(), training: { seed: 1 } }, { read: nodeDatasetReader });
    expect(withTraining.ok ? '' : withTraining.errors[0].message).toMatch(/: add "data" to "training", e\.g\. "data": \{"builtin": "xor"\}/);
  });
});

describe('accuracy applies to classification only', () => {
  it('picks the decision rule from the loss', () => {
    const binary = rows([0, 1, 1], 'float');
    expect(ruleFor('BCELoss', binary)).toBe('threshold-0.5');
    expect(ruleFor('BCEWithLogitsLoss', binary)).toBe('threshold-0');
    expect(ruleFor('CrossEntropyLoss', rows([2, 0], 'class'))).toBe('argmax');
    expect(ruleFor('NLLLoss', rows([2, 0], 'class'))).toBe('argmax');
    expect(ruleFor('MSELoss', binary)).toBe('threshold-0.5');
    expect(ruleFor('MSELoss', rows([0.5, 3], 'float'))).toBeNull();
  });

  it('counts p > 0.5, z > 0 and the argmax', () => {
    const y = rows([1, 0, 1, 0], 'float');
    expect(accuracyOf({ rule: 'threshold-0.5', node: 'p', width: 1 }, Float32Array.from([0.9, 0.2, 0.5, 0.6]), y)).toBe(0.5);
    expect(accuracyOf({ rule: 'threshold-0', node: 'z', width: 1 }, Float32Array.from([3, -1, 0.1, -2]), y)).toBe(1);
    const k = rows([2, 0, 1], 'class');
    expect(accuracyOf({ rule: 'argmax', node: 'z', width: 3 }, Float32Array.from([0, 1, 5, 9, 1, 2, 0, 0, 1]), k)).toBeCloseTo(2 / 3);
  });

  it('is null for a regression', async () => {
    const s = await open(loadExample('relu-unit'));
    expect(s.task).toBeNull();
    expect(await s.accuracy()).toBeNull();
    s.dispose();
  });
});

describe('changing executors mid-session', () => {
  it('after useExecutor, accuracy and the trained document follow the new executor', async () => {
    const s = await open(loadExample('xor-mlp'));
    await s.train(300);
    expect(await s.accuracy()).toBe(1);
    const fresh = await open(loadExample('xor-mlp'));
    const next = fresh.executor;
    s.useExecutor(next);
    expect(s.executor).toBe(next);
    expect(await s.accuracy()).toBeLessThan(1);
    const doc = await s.trainedDoc();
    const w = (await next.getParams())['hidden.weight'];
    expect((doc.nodes.find((n) => n.id === 'hidden')?.params?.weight as number[][])[0][0]).toBeCloseTo(w[0], 6);
    s.dispose();
  });
});
