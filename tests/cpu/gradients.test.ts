// Whole-graph gradients in float64 against central finite differences of the objective, and the chain rule's
// bookkeeping at fan-out (each edge keeps its own contribution; the node's gradient is their sum).
import { describe, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import { createRng } from '../../engine/rng';
import type { GraphDoc } from '../../engine/graph/types';
import { doc, edge, mlp, node, rows, sgd } from '../compile/build';
import { compiled, expectEdgeGradientsMatchFiniteDifferences, expectGradientsMatchFiniteDifferences, load } from './harness';

const rng = createRng(7, 'gradients-test');
const randn = (r: number, c: number): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal()));
const classes = (r: number, k: number): number[] => Array.from({ length: r }, () => rng.int(k));
const probs = (r: number, c: number): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => 0.1 + 0.8 * rng.next()));

function check(d: GraphDoc, x: number[][], y: number[][] | number[]): void {
  expectGradientsMatchFiniteDifferences(load(compiled(d, x.length), rows(x, y)));
  expectEdgeGradientsMatchFiniteDifferences(compiled(d, x.length), rows(x, y));
}

describe('whole-graph gradients match finite differences (float64)', () => {
  test('Linear → ReLU → Linear → MSELoss', () => check(mlp(5, 'ReLU'), randn(6, 2), randn(6, 1)));

  test('broadcast Add of a Parameter [3] to [B, 3], then Sigmoid → BCELoss', () => {
    const d = doc(
      [node('x', 'Input', { features: 3 }), node('p', 'Parameter', { shape: [3], init: 'normal' }), node('add', 'Add'),
        node('s', 'Sigmoid'), node('y', 'Target', { features: 3 }), node('loss', 'BCELoss')],
      [edge('x', 'add', 'a'), edge('p', 'add', 'b'), edge('add', 's', 'in'), edge('s', 'loss', 'input'), edge('y', 'loss', 'target')],
    );
    check(d, randn(5, 3), probs(5, 3));
  });

  test('Concat of two Linear branches → Tanh → Linear → MSELoss (sum reduction)', () => {
    const d = doc(
      [node('x', 'Input', { features: 2 }), node('a', 'Linear', { in: 2, out: 2 }), node('b', 'Linear', { in: 2, out: 3 }),
        node('cat', 'Concat'), node('t', 'Tanh'), node('out', 'Linear', { in: 5, out: 1 }), node('y', 'Target'),
        node('loss', 'MSELoss', { reduction: 'sum' })],
      [edge('x', 'a', 'in'), edge('x', 'b', 'in'), edge('a', 'cat', 'a'), edge('b', 'cat', 'b'), edge('cat', 't', 'in'),
        edge('t', 'out', 'in'), edge('out', 'loss', 'input'), edge('y', 'loss', 'target')],
    );
    check(d, randn(4, 2), randn(4, 1));
  });

  test('Linear → LogSoftmax → NLLLoss, and Linear → Softmax → NLLLoss', () => {
    for (const act of ['LogSoftmax', 'Softmax']) {
      const d = doc(
        [node('x', 'Input', { features: 2 }), node('fc', 'Linear', { in: 2, out: 3 }), node('sm', act),
          node('y', 'Target', { classes: 3 }), node('loss', 'NLLLoss')],
        [edge('x', 'fc', 'in'), edge('fc', 'sm', 'in'), edge('sm', 'loss', 'input'), edge('y', 'loss', 'target')],
      );
      check(d, randn(6, 2), classes(6, 3));
    }
  });

  test('Linear → GELU → Linear → CrossEntropyLoss with class indices', () => {
    const d = doc(
      [node('x', 'Input', { features: 3 }), node('fc1', 'Linear', { in: 3, out: 4 }), node('g', 'GELU'),
        node('fc2', 'Linear', { in: 4, out: 3 }), node('y', 'Target', { classes: 3 }), node('loss', 'CrossEntropyLoss')],
      [edge('x', 'fc1', 'in'), edge('fc1', 'g', 'in'), edge('g', 'fc2', 'in'), edge('fc2', 'loss', 'input'), edge('y', 'loss', 'target')],
    );
    check(d, randn(5, 3), classes(5, 3));
  });
});

/** x → (Linear a, Linear b) → Add → MSELoss: the output of x fans out to two edges. */
const fanOut = (): GraphDoc => doc(
  [node('x', 'Input', { features: 2 }), node('a', 'Linear', { in: 2, out: 1 }), node('b', 'Linear', { in: 2, out: 1 }),
    node('sum', 'Add'), node('y', 'Target'), node('loss', 'MSELoss')],
  [edge('x', 'a', 'in', 'xa'), edge('x', 'b', 'in', 'xb'), edge('a', 'sum', 'a', 'as'), edge('b', 'sum', 'b', 'bs'),
    edge('sum', 'loss', 'input', 'sl'), edge('y', 'loss', 'target', 'yl')],
);

/** One scalar Parameter w used twice: loss = mse(w · tanh(w · x), y). */
const sharedWeight = (): GraphDoc => doc(
  [node('x', 'Input', { features: 1 }), node('w', 'Parameter', {}, { value: 0.7 }), node('m1', 'Mul'), node('t', 'Tanh'),
    node('m2', 'Mul'), node('y', 'Target'), node('loss', 'MSELoss')],
  [edge('x', 'm1', 'a'), edge('w', 'm1', 'b', 'w1'), edge('m1', 't', 'in'), edge('t', 'm2', 'a'), edge('w', 'm2', 'b', 'w2'),
    edge('m2', 'loss', 'input'), edge('y', 'loss', 'target')],
);

describe('fan-out and weight sharing', () => {
  test('edge gradients sum to the node gradient at fan-out', async () => {
    const data = rows(randn(4, 2), randn(4, 1));
    const ex = createCpuExecutor(compiled(fanOut(), 4), { train: data, config: sgd(0.1, 4), dtype: 'f64' });
    const snap = await ex.evaluate(data);
    const xa = snap.edges.xa.grad, xb = snap.edges.xb.grad;
    expect(xa && xb).toBeTruthy();
    if (!xa || !xb) return;
    // Each edge keeps its own contribution: d/dx through a is weight_a, through b is weight_b; different, both nonzero.
    expect([...xa]).not.toEqual([...xb]);
    const run = load(compiled(fanOut(), 4), data);
    run.step();
    const xNode = run.plan.nodes.find((n) => n.id === 'x');
    const total = run.m.bufs[xNode?.grad ?? -1];
    for (let i = 0; i < 8; i++) expect(total[i]).toBeCloseTo(xa[i] + xb[i], 12);
    expectGradientsMatchFiniteDifferences(run);
    expectEdgeGradientsMatchFiniteDifferences(compiled(fanOut(), 4), data);
  });

  test('weight sharing: a Parameter used on two paths gets the sum of its two edges\' gradients', async () => {
    const data = rows(randn(5, 1), randn(5, 1));
    const ex = createCpuExecutor(compiled(sharedWeight(), 5), { train: data, config: sgd(0.1, 5), dtype: 'f64' });
    const snap = await ex.evaluate(data);
    const g1 = snap.edges.w1.grad?.[0] ?? NaN, g2 = snap.edges.w2.grad?.[0] ?? NaN;
    expect(g1).not.toBeCloseTo(g2, 3);
    expect(snap.params['w.value'].grad?.[0]).toBeCloseTo(g1 + g2, 12);
    expectGradientsMatchFiniteDifferences(load(compiled(sharedWeight(), 5), data));
    expectEdgeGradientsMatchFiniteDifferences(compiled(sharedWeight(), 5), data);
  });

  test('edges out of Input carry gradients, the edge into a loss target carries none', async () => {
    const data = rows(randn(4, 2), randn(4, 1));
    const ex = createCpuExecutor(compiled(fanOut(), 4), { train: data, config: sgd(0.1, 4), dtype: 'f64' });
    const snap = await ex.evaluate(data);
    expect(snap.edges.xa.grad).not.toBeNull();
    expect(snap.edges.yl.grad).toBeNull();
    expect(snap.edges.yl.value).toEqual(Float64Array.from(data.y));
  });
});
