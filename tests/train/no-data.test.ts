// `training` is optional: a graph that reads no data (no Input, no Target) evaluates and trains on one empty row.
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../engine/graph/types';
import { missingData } from '../../engine/train/prepare';
import { open } from './helpers';

const A = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
const C = [[1, 2], [3, 4], [5, 6]];

/** sum(A @ C) against the constant 3, squared: Parameter [2,3] MatMul Constant [3,2], Sum, MSELoss. */
function noDataDoc(training?: GraphDoc['training']): GraphDoc {
  return {
    format: 'wiregrad-graph',
    version: 1,
    nodes: [
      { id: 'A', op: 'Parameter', attrs: { shape: [2, 3] }, params: { value: A } },
      { id: 'C', op: 'Constant', attrs: { value: C } },
      { id: 'mm', op: 'MatMul' },
      { id: 's', op: 'Sum' },
      { id: 'goal', op: 'Constant', attrs: { value: 3 } },
      { id: 'loss', op: 'MSELoss' },
    ],
    edges: [
      { id: 'e1', source: 'A', target: 'mm', targetPort: 'a' },
      { id: 'e2', source: 'C', target: 'mm', targetPort: 'b' },
      { id: 'e3', source: 'mm', target: 's', targetPort: 'in' },
      { id: 'e4', source: 's', target: 'loss', targetPort: 'input' },
      { id: 'e5', source: 'goal', target: 'loss', targetPort: 'target' },
    ],
    ...(training ? { training } : {}),
  };
}

// sum(A @ C) = Σ_ik A[i][k]·(Σ_j C[k][j]) = 16.3; loss = (16.3 − 3)²; ∂loss/∂A[i][k] = 2·13.3·rowSum(C)[k].
const rowSums = C.map((r) => r[0] + r[1]);
const total = A.flat().reduce((s, a, i) => s + a * rowSums[i % 3], 0);
const dA = A.map((r) => r.map((_, k) => 2 * (total - 3) * rowSums[k]));

describe('a graph with no Input, Target or training data', () => {
  it('is not missing anything: it reads no data', () => {
    expect(missingData(noDataDoc())).toBeNull();
  });

  it('evaluates on one empty row: the loss, every edge and the parameter gradient as by hand', async () => {
    const s = await open(noDataDoc(), { dtype: 'f64' });
    expect(s.data.train.n).toBe(1);
    const snap = await s.evaluate();
    expect(snap.loss).toBeCloseTo((total - 3) ** 2, 10);
    expect(snap.edges.e4.value[0]).toBeCloseTo(total, 10);
    expect(Array.from(snap.params['A.value'].grad ?? [])).toEqual(dA.flat().map((g) => expect.closeTo(g, 8)));
    expect(await s.accuracy()).toBeNull();
    s.dispose();
  });

  it('trains: a step is one full forward and backward, whatever batch size the file asks for', async () => {
    for (const training of [undefined, { batchSize: 16, optimizer: { type: 'sgd' as const, lr: 0.001 } }]) {
      const s = await open(noDataDoc(training), { dtype: 'f64' });
      const lr = s.config.optimizer.lr;
      const r = await s.train(2);
      expect(r).toEqual({ steps: 2, nonFinite: null });
      const losses = await s.losses();
      expect(losses[0]).toBeCloseTo((total - 3) ** 2, 4);
      // After one SGD step A' = A − lr·∂A: the second loss is the same formula at A'.
      const total2 = A.flat().reduce((sum, a, i) => sum + (a - lr * dA[Math.floor(i / 3)][i % 3]) * rowSums[i % 3], 0);
      expect(losses[1]).toBeCloseTo((total2 - 3) ** 2, 2);
      s.dispose();
    }
  });
});
