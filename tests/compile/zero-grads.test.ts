// The spec's "What an edge shows": every edge has a gradient, except one into a loss's target port. Where the
// objective does not depend on an edge (a dead end such as a probability shown beside the loss), it reads as 0.
import { describe, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { doc, edge, mlp, node, rows, sgd } from './build';
import { compiled } from '../cpu/harness';

const DATA = rows([[0.5, -1], [2, 0.25], [-1, 1]], [[1], [0], [2]]);

/** mlp(3) plus dead ends: fc2's output also feeds a Sigmoid nobody reads, and a Parameter feeds an Add nobody reads. */
function withDeadEnds(): GraphDoc {
  const d = mlp(3);
  d.nodes.push(node('proba', 'Sigmoid'), node('v', 'Parameter', { shape: [2] }, { value: [1, 2] }), node('vx', 'Add'));
  d.edges.push(edge('fc2', 'proba', 'in', 'e_proba'), edge('v', 'vx', 'a', 'e_v'), edge('x', 'vx', 'b', 'e_xv'));
  return d;
}

describe('gradients where nothing reaches the objective', () => {
  test('keep: all shows them as zeros of the edge\'s shape; the other edges are untouched', async () => {
    const ex = createCpuExecutor(compiled(withDeadEnds(), 3), { train: DATA, config: sgd(0.1, 3), dtype: 'f64' });
    const s = await ex.evaluate(DATA);
    expect(s.edges.e_proba.shape).toEqual([3, 1]);
    expect([...(s.edges.e_proba.grad ?? [])]).toEqual([0, 0, 0]);
    expect([...(s.edges.e_v.grad ?? [])]).toEqual([0, 0]);
    expect([...(s.edges.e_xv.grad ?? [])]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...(s.params['v.value'].grad ?? [])]).toEqual([0, 0]);
    // e_x also reaches the loss through fc1; its own gradient is only that contribution.
    const plain = await createCpuExecutor(compiled(mlp(3), 3), { train: DATA, config: sgd(0.1, 3), dtype: 'f64' }).evaluate(DATA);
    expect([...(s.edges.e_x.grad ?? [])]).toEqual([...(plain.edges.e_x.grad ?? [])]);
    expect([...(s.params['fc1.weight'].grad ?? [])]).toEqual([...(plain.params['fc1.weight'].grad ?? [])]);
    expect(s.edges.e_y.grad).toBeNull();
  });

  test('they cost no backward work: no step writes them', () => {
    const plan = compiled(withDeadEnds(), 3);
    const zeroBufs = ['e_proba', 'e_v', 'e_xv'].map((id) => plan.edges.find((e) => e.id === id)?.grad);
    const v = plan.params.find((p) => p.key === 'v.value');
    expect(v?.unreached).toBe(true);
    expect(plan.edges.filter((e) => e.unreached).map((e) => e.id).sort()).toEqual(['e_proba', 'e_v', 'e_xv']);
    expect(plan.params.filter((p) => p.unreached).map((p) => p.key)).toEqual(['v.value']);
    const written = new Set<number | null>();
    for (const s of plan.backward) {
      if (s.kind === 'sum') written.add(s.out);
      if (s.kind === 'backward') [...s.gradInputs, ...s.gradParams].forEach((g) => written.add(g));
    }
    for (const b of [...zeroBufs, v?.grad]) {
      expect(typeof b).toBe('number');
      expect(written.has(b ?? null)).toBe(false);
    }
    expect(plan.backward.some((s) => s.node === 'proba' || s.node === 'vx')).toBe(false);
  });

  test('keep: params gives them no buffer at all', () => {
    const plan = compiled(withDeadEnds(), 3, 'params');
    expect(plan.edges.find((e) => e.id === 'e_proba')?.grad).toBeNull();
    expect(plan.params.find((p) => p.key === 'v.value')?.grad).toBeNull();
  });

  test('a param with a zero gradient is skipped by the optimiser, as torch skips .grad None (no weight decay)', async () => {
    const config = sgd(0.1, 3, {}, 0.9);
    config.optimizer.weightDecay = 0.5;
    const ex = createCpuExecutor(compiled(withDeadEnds(), 3), { train: DATA, config });
    await ex.train(3);
    const p = await ex.getParams();
    expect([...p['v.value']]).toEqual([1, 2]);
    const fresh = await createCpuExecutor(compiled(withDeadEnds(), 3), { train: DATA, config }).getParams();
    expect([...p['fc1.weight']]).not.toEqual([...fresh['fc1.weight']]);
  });

  test('a graph with no loss is evaluated with values, and gradients stay null (nothing to differentiate)', async () => {
    const d = doc([node('x', 'Input', { features: 2 }), node('fc', 'Linear', { in: 2, out: 1 })], [edge('x', 'fc', 'in', 'e_x')]);
    const plan = compiled(d, 3);
    const s = await createCpuExecutor(plan, { train: DATA, config: sgd(0.1, 3) }).evaluate(DATA);
    expect(s.edges.e_x.value.length).toBe(6);
    expect(s.edges.e_x.grad).toBeNull();
    expect(s.params['fc.weight'].grad).toBeNull();
  });
});
