import { describe, expect, test } from 'vitest';
import { compile } from '../../engine/compile/compile';
import type { Plan, SumStep } from '../../engine/compile/plan';
import { doc, edge, mlp, node } from './build';
import type { GraphDoc } from '../../engine/graph/types';

function plan(d: GraphDoc, keep: 'all' | 'params' = 'all', batch = 4): Plan {
  const r = compile(d, { batch, keep });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** x → (Linear a, Linear b) → Add → MSE: x fans out to two edges. */
const fanOut = (): GraphDoc => doc(
  [
    node('x', 'Input', { features: 2 }), node('a', 'Linear', { in: 2, out: 1 }), node('b', 'Linear', { in: 2, out: 1 }),
    node('sum', 'Add'), node('y', 'Target'), node('loss', 'MSELoss'),
  ],
  [
    edge('x', 'a', 'in', 'xa'), edge('x', 'b', 'in', 'xb'), edge('a', 'sum', 'a', 'as'), edge('b', 'sum', 'b', 'bs'),
    edge('sum', 'loss', 'input', 'sl'), edge('y', 'loss', 'target', 'yl'),
  ],
);

describe('compile', () => {
  test('orders nodes topologically, ties broken by their order in the file', () => {
    const d = doc(
      [node('loss', 'MSELoss'), node('r', 'ReLU'), node('y', 'Target'), node('x', 'Input', { features: 1 })],
      [edge('x', 'r', 'in'), edge('r', 'loss', 'input'), edge('y', 'loss', 'target')],
    );
    expect(plan(d).nodes.map((n) => n.id)).toEqual(['y', 'x', 'r', 'loss']);
  });

  test('a node feeding several edges gets a sum step over their gradients; each edge has its own buffer', () => {
    const p = plan(fanOut());
    const xa = p.edges.find((e) => e.id === 'xa'), xb = p.edges.find((e) => e.id === 'xb');
    expect(xa?.grad).not.toBeNull();
    expect(xb?.grad).not.toBeNull();
    expect(xa?.grad).not.toBe(xb?.grad);
    const sum = p.backward.find((s): s is SumStep => s.kind === 'sum' && s.node === 'x');
    expect(sum?.terms).toEqual([xa?.grad, xb?.grad]);
    expect(p.nodes.find((n) => n.id === 'x')?.grad).toBe(sum?.out);
  });

  test('a node with one outgoing edge aliases that edge\'s gradient buffer (no copy)', () => {
    const p = plan(fanOut());
    const a = p.nodes.find((n) => n.id === 'a');
    expect(a?.grad).toBe(p.edges.find((e) => e.id === 'as')?.grad);
    expect(p.backward.some((s) => s.kind === 'sum' && s.node === 'a')).toBe(false);
  });

  test('losses are seeded with 1; an edge into a loss target has no gradient', () => {
    const p = plan(mlp(3));
    expect(p.seed).not.toBeNull();
    expect(p.nodes.find((n) => n.id === 'loss')?.grad).toBe(p.seed);
    expect(p.edges.find((e) => e.id === 'e_y')?.grad).toBeNull();
    expect(p.nodes.find((n) => n.id === 'y')?.grad).toBeNull();
    expect(p.edges.find((e) => e.id === 'e_x')?.grad).not.toBeNull();
  });

  test('a loss that also feeds other nodes sums its seed with those edges', () => {
    const d = mlp(2);
    d.nodes.push(node('scaled', 'Mul'), node('k', 'Constant', { value: 2 }), node('loss2', 'MSELoss'), node('zero', 'Constant', { value: 0 }));
    d.edges.push(edge('loss', 'scaled', 'a', 'l_s'), edge('k', 'scaled', 'b'), edge('scaled', 'loss2', 'input'), edge('zero', 'loss2', 'target'));
    const p = plan(d);
    const sum = p.backward.find((s): s is SumStep => s.kind === 'sum' && s.node === 'loss');
    expect(sum?.terms).toEqual([p.seed, p.edges.find((e) => e.id === 'l_s')?.grad]);
  });

  test('backward runs in reverse topological order, the fan-out sum before the node\'s own backward', () => {
    const p = plan(fanOut());
    const order = p.backward.map((s) => `${s.kind}:${s.node}`);
    expect(order.indexOf('backward:loss')).toBe(0);
    expect(order.indexOf('backward:sum')).toBeLessThan(order.indexOf('backward:a'));
    expect(order.at(-1)).toBe('sum:x');
  });

  test('a graph with no loss compiles with an empty backward', () => {
    const d = doc([node('x', 'Input', { features: 2 }), node('r', 'ReLU')], [edge('x', 'r', 'in')]);
    const p = plan(d);
    expect(p.backward).toEqual([]);
    expect(p.seed).toBeNull();
    expect(p.forward.map((s) => s.node)).toEqual(['r']);
  });

  test('parameters come from the file when given, else from the seed, the same on every compile', () => {
    const d = mlp(2);
    d.nodes[2].params = { weight: [[1, 2], [3, 4]], bias: [5, 6] };
    const p1 = plan(d), p2 = plan(d);
    expect([...p1.params[0].initial]).toEqual([1, 2, 3, 4]);
    expect([...p1.params[1].initial]).toEqual([5, 6]);
    expect(p1.params.map((p) => p.key)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(p1.params[2].initial).toEqual(p2.params[2].initial);
    const bound = 1 / Math.sqrt(2);
    for (const v of p1.params[2].initial) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    const other = compile(d, { batch: 4, seed: 99 });
    expect(other.ok && other.value.params[2].initial).not.toEqual(p1.params[2].initial);
  });

  test('a param of the wrong shape is refused with node and param named', () => {
    const d = mlp(2);
    d.nodes[2].params = { weight: [[1, 2, 3], [4, 5, 6]] };
    const r = compile(d, { batch: 4 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toBe('param `weight` of node `fc1` must have shape [2, 2], found [2, 3]');
  });

  test('keep: params skips gradients no parameter needs and shares buffers', () => {
    const all = plan(mlp(8), 'all'), lean = plan(mlp(8), 'params');
    expect(lean.keep).toBe('params');
    expect(lean.buffers.length).toBeLessThan(all.buffers.length);
    const fc1 = lean.backward.find((s) => s.kind === 'backward' && s.node === 'fc1');
    // Nobody needs d(objective)/dx while training unwatched.
    expect(fc1?.kind === 'backward' && fc1.gradInputs).toEqual([null]);
    expect(all.buffers.every((b, i) => b.id === i)).toBe(true);
  });

  test('buffers are sized for the batch', () => {
    const p = plan(mlp(8), 'all', 16);
    const fc1 = p.nodes.find((n) => n.id === 'fc1');
    expect(p.buffers[fc1?.out ?? -1].size).toBe(16 * 8);
  });

  test('structural problems come back as issues, not throws', () => {
    const r = compile(doc([node('r', 'ReLU')], []), { batch: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toBe('input port `in` of node `r` has no edge');
  });
});
