// The CPU executor's training loop: minibatches, the liveness plan, blow-ups, evaluation beyond the plan's batch,
// and the promise that replaying a step allocates nothing.
import { afterEach, describe, expect, test } from 'vitest';
import { createCpuExecutor } from '../../engine/cpu/executor';
import type { DataRows, TrainConfig } from '../../engine/executor';
import { createRng } from '../../engine/rng';
import { createSampler } from '../../engine/train/sampler';
import { doc, edge, mlp, node, rows, sgd, XOR } from '../compile/build';
import { compiled } from './harness';
import { allocateLikeAStep, engineAllocations } from './heap';

const rng = createRng(3, 'executor-test');
const SEVEN = rows(
  Array.from({ length: 7 }, () => [rng.normal(), rng.normal()]),
  Array.from({ length: 7 }, () => [rng.normal()]),
);

function subset(d: DataRows, idx: ArrayLike<number>): DataRows {
  const x: number[][] = [], y: number[][] = [];
  for (const i of Array.from(idx)) {
    x.push(Array.from(d.x.subarray(i * d.xFeatures, (i + 1) * d.xFeatures)));
    y.push(Array.from(d.y.subarray(i * d.yFeatures, (i + 1) * d.yFeatures)));
  }
  return rows(x, y);
}

describe('training', () => {
  test('a 2-4-1 tanh network learns XOR', async () => {
    const ex = createCpuExecutor(compiled(mlp(4, 'Tanh'), 4), { train: XOR, config: sgd(0.5, 4) });
    expect(await ex.train(1000)).toEqual({ steps: 1000, nonFinite: null });
    const out = await ex.predict(XOR, 'fc2');
    // Thresholded, not rounded: an output of -2e-6 rounds to -0, which toEqual tells apart from 0.
    expect([...out].map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect((await ex.losses(0)).length).toBe(1000);
  });

  test('each step takes the sampler\'s rows; the last batch of an epoch is smaller', async () => {
    const config: TrainConfig = { ...sgd(0, 3), shuffle: true, seed: 11 };
    const plan = compiled(mlp(3), 3);
    const ex = createCpuExecutor(plan, { train: SEVEN, config, dtype: 'f64' });
    await ex.train(4);
    const losses = await ex.losses(0);
    const sampler = createSampler(7, config);
    const ref = createCpuExecutor(compiled(mlp(3), 7), { train: SEVEN, config, dtype: 'f64' });
    for (let k = 0; k < 4; k++) {
      const { epoch, start, rows: n } = sampler.batchOf(k);
      const idx = sampler.epochOrder(epoch).subarray(start, start + n);
      const snap = await ref.evaluate(subset(SEVEN, idx));
      expect(snap.rows).toBe(k === 2 ? 1 : 3);
      expect(losses[k]).toBeCloseTo(snap.loss, 6);
    }
    const snap = await ex.snapshot();
    expect(snap.step).toBe(4);
    expect(snap.rows).toBe(3);
  });

  test('keep: params gives the same parameter updates as keep: all, with fewer buffers', async () => {
    const config: TrainConfig = { ...sgd(0.1, 3, {}, 0.9), shuffle: true, seed: 2 };
    const all = compiled(mlp(6, 'Sigmoid'), 3, 'all'), lean = compiled(mlp(6, 'Sigmoid'), 3, 'params');
    expect(lean.buffers.length).toBeLessThan(all.buffers.length);
    const a = createCpuExecutor(all, { train: SEVEN, config, dtype: 'f64' });
    const b = createCpuExecutor(lean, { train: SEVEN, config, dtype: 'f64' });
    await a.train(30);
    await b.train(30);
    const pa = await a.getParams(), pb = await b.getParams();
    for (const k of Object.keys(pa)) expect([...pb[k]]).toEqual([...pa[k]]);
    expect([...(await b.losses(0))]).toEqual([...(await a.losses(0))]);
  });

  test('Adam trains XOR too', async () => {
    const config: TrainConfig = { ...sgd(0.05, 4), optimizer: { type: 'adam', lr: 0.05, momentum: 0, weightDecay: 0, betas: [0.9, 0.999], eps: 1e-8 } };
    const ex = createCpuExecutor(compiled(mlp(8, 'Tanh'), 4), { train: XOR, config });
    await ex.train(500);
    const l = await ex.losses(0);
    expect(l[499]).toBeLessThan(l[0] / 10);
  });
});

describe('blow-ups', () => {
  test('a non-finite value stops training, names the edge and keeps the previous weights', async () => {
    const d = mlp(1);
    d.nodes[2].params = { weight: [[10, 10]], bias: [0] };
    const huge = rows([[0.5, 0.5], [1e38, 1e38]], [[0], [1]]);
    const ex = createCpuExecutor(compiled(d, 1), { train: huge, config: sgd(0.1, 1) });
    const before = await ex.getParams();
    const r = await ex.train(5);
    // Step 0 (row 0) is fine; step 1 overflows float32 in fc1's output, the edge e_h.
    expect(r).toEqual({ steps: 1, nonFinite: { step: 1, edge: 'e_h', which: 'value' } });
    expect(ex.steps).toBe(1);
    const after = await ex.getParams();
    expect(after['fc1.weight']).not.toEqual(before['fc1.weight']);
    expect((await ex.snapshot()).edges.e_h.value[0]).toBe(Infinity);
    const again = await ex.train(1);
    expect(again.nonFinite).toEqual({ step: 1, edge: 'e_h', which: 'value' });
    expect(await ex.getParams()).toEqual(after);
  });

  test('with reused buffers (keep: params) the blow-up is still named, by replaying the step op by op', async () => {
    const d = mlp(1);
    d.nodes[2].params = { weight: [[10, 10]], bias: [0] };
    const huge = rows([[0.5, 0.5], [1e38, 1e38]], [[0], [1]]);
    const ex = createCpuExecutor(compiled(d, 1, 'params'), { train: huge, config: sgd(0.1, 1) });
    expect(await ex.train(5)).toEqual({ steps: 1, nonFinite: { step: 1, edge: 'e_h', which: 'value' } });
  });

  test('an update that overflows the weights is undone, and the report names the parameter it blew up', async () => {
    const ex = createCpuExecutor(compiled(mlp(2), 4), { train: XOR, config: sgd(1e40, 4) });
    const before = await ex.getParams();
    const r = await ex.train(3);
    expect(r).toEqual({ steps: 0, nonFinite: { step: 0, edge: 'fc1.weight', which: 'value' } });
    expect(await ex.getParams()).toEqual(before);
  });

  test('an update that overflows only one parameter names that one; a Parameter node is named by its edge', async () => {
    // loss = (x·w + v)² at x = 1e10: w's gradient is 2e20 and v's 2e10, so with lr 1e20 only w's step passes 3.4e38.
    const d = doc(
      [
        node('x', 'Input', { features: 1 }), node('y', 'Target', { features: 1 }),
        node('w', 'Parameter', { shape: [1] }, { value: [1] }), node('v', 'Parameter', { shape: [1] }, { value: [0] }),
        node('mul', 'Mul'), node('add', 'Add'), node('loss', 'MSELoss'),
      ],
      [
        edge('x', 'mul', 'a', 'ex'), edge('w', 'mul', 'b', 'ew'), edge('mul', 'add', 'a', 'em'), edge('v', 'add', 'b', 'ev'),
        edge('add', 'loss', 'input', 'ea'), edge('y', 'loss', 'target', 'ey'),
      ],
    );
    const ex = createCpuExecutor(compiled(d, 1), { train: rows([[1e10]], [[0]]), config: sgd(1e20, 1) });
    expect(await ex.train(2)).toEqual({ steps: 0, nonFinite: { step: 0, edge: 'ew', which: 'value' } });
    expect(Array.from((await ex.getParams())['w.value'])).toEqual([1]);
  });
});

describe('evaluate, predict, params', () => {
  test('evaluate runs over more rows than the plan\'s batch, with every edge\'s value and gradient', async () => {
    const ex = createCpuExecutor(compiled(mlp(3), 2), { train: SEVEN, config: sgd(0.1, 2), dtype: 'f64' });
    const big = createCpuExecutor(compiled(mlp(3), 7), { train: SEVEN, config: sgd(0.1, 7), dtype: 'f64' });
    const s1 = await ex.evaluate(SEVEN), s2 = await big.evaluate(SEVEN);
    expect(s1.rows).toBe(7);
    expect(s1.loss).toBeCloseTo(s2.loss, 12);
    expect(s1.edges.e_h.shape).toEqual([7, 3]);
    expect([...(s1.edges.e_x.grad ?? [])]).toEqual([...(s2.edges.e_x.grad ?? [])]);
    expect(s1.params['fc1.weight'].grad).toEqual(s2.params['fc1.weight'].grad);
    expect(await ex.snapshot()).toEqual(s1);
    expect(ex.steps).toBe(0);
  });

  test('predict returns a node\'s output per row, forward only', async () => {
    const ex = createCpuExecutor(compiled(mlp(3), 4, 'params'), { train: XOR, config: sgd(0.1, 4), dtype: 'f64' });
    const h = await ex.predict(SEVEN, 'fc1');
    expect(h.length).toBe(21);
    const out = await ex.predict(SEVEN, 'fc2');
    expect(out.length).toBe(7);
  });

  test('predict leaves the probes of the last step alone', async () => {
    const ex = createCpuExecutor(compiled(mlp(3), 4), { train: XOR, config: sgd(0.1, 4), dtype: 'f64' });
    await ex.train(3);
    const before = await ex.snapshot();
    await ex.predict(rows([[5, 5]], [[0]]), 'fc2');
    expect(await ex.snapshot()).toEqual(before);
  });

  test('an Input reads the data columns its `columns` attr lists, in that order', async () => {
    const d = doc(
      [node('x', 'Input', { features: 2, columns: [2, 0] }), node('r', 'ReLU'), node('y', 'Target'), node('fc', 'Linear', { in: 2, out: 1 }), node('loss', 'MSELoss')],
      [edge('x', 'r', 'in', 'xr'), edge('r', 'fc', 'in'), edge('fc', 'loss', 'input'), edge('y', 'loss', 'target')],
    );
    const data = rows([[1, 2, 3], [4, 5, 6]], [[0], [1]]);
    const ex = createCpuExecutor(compiled(d, 2), { train: data, config: sgd(0.1, 2) });
    expect([...(await ex.evaluate(data)).edges.xr.value]).toEqual([3, 1, 6, 4]);
    expect([...(await ex.predict(data, 'x'))]).toEqual([3, 1, 6, 4]);
  });

  test('an Input reading consecutive columns from the middle of a row gets exactly those', async () => {
    const d = doc(
      [node('x', 'Input', { features: 2, columns: [1, 2] }), node('y', 'Target'), node('fc', 'Linear', { in: 2, out: 1 }), node('loss', 'MSELoss')],
      [edge('x', 'fc', 'in', 'xf'), edge('fc', 'loss', 'input'), edge('y', 'loss', 'target')],
    );
    const data = rows([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], [[0], [1], [2]]);
    const ex = createCpuExecutor(compiled(d, 3), { train: data, config: sgd(0.1, 3) });
    expect([...(await ex.predict(data, 'x'))]).toEqual([2, 3, 6, 7, 10, 11]);
  });

  test('an edge whose id is `__proto__` is an ordinary entry of the snapshot', async () => {
    const d = mlp(2);
    d.edges[0].id = '__proto__';
    const ex = createCpuExecutor(compiled(d, 4), { train: XOR, config: sgd(0.1, 4) });
    const snap = await ex.evaluate(XOR);
    expect(Object.keys(snap.edges)).toContain('__proto__');
    expect(Object.getPrototypeOf(snap.edges)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(snap.edges))['__proto__'].shape).toEqual([4, 2]);
  });

  test('setParams replaces weights by key and refuses unknown keys or wrong sizes', async () => {
    const ex = createCpuExecutor(compiled(mlp(2), 4), { train: XOR, config: sgd(0.1, 4) });
    await ex.setParams({ 'fc2.bias': [0.25] });
    expect([...(await ex.getParams())['fc2.bias']]).toEqual([0.25]);
    await expect(ex.setParams({ 'fc9.bias': [1] })).rejects.toThrow(/no parameter "fc9.bias"/);
    await expect(ex.setParams({ 'fc2.bias': [1, 2] })).rejects.toThrow(/has 1 values, got 2/);
  });
});

describe('allocation', () => {
  const restore: (() => void)[] = [];
  afterEach(() => restore.splice(0).forEach((f) => f()));

  /** Counts typed arrays created (constructors, subarray, slice, from, of) until the returned function is called. */
  function countTypedArrays(): () => number {
    let count = 0;
    const g = globalThis as unknown as Record<string, unknown>;
    for (const name of ['Float32Array', 'Float64Array', 'Int32Array', 'Uint32Array', 'ArrayBuffer']) {
      const original = g[name] as new (...a: unknown[]) => object;
      g[name] = new Proxy(original, { construct(t, args, nt) { count++; return Reflect.construct(t, args, nt); } });
      restore.push(() => { g[name] = original; });
    }
    const proto = Object.getPrototypeOf(Float32Array.prototype) as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['subarray', 'slice', 'map', 'filter']) {
      const original = proto[m];
      proto[m] = function (this: unknown, ...args: unknown[]) { count++; return original.apply(this, args); };
      restore.push(() => { proto[m] = original; });
    }
    return () => count;
  }

  test('replaying a step allocates no typed arrays (100 steps, shuffled minibatches with a short last batch)', async () => {
    const config: TrainConfig = { ...sgd(0.05, 3, {}, 0.9), shuffle: true, seed: 4 };
    const ex = createCpuExecutor(compiled(mlp(16, 'Tanh'), 3), { train: SEVEN, config });
    const counted = countTypedArrays();
    await ex.train(100);
    expect(counted()).toBe(0);
    expect(ex.steps).toBe(100);
  });

  test('replaying a step allocates nothing on the heap (sampling heap profiler, 20,000 steps, shuffled epochs)', async () => {
    for (const batchSize of [4, 3]) {
      const config: TrainConfig = { ...sgd(0.1, batchSize, {}, 0.9), shuffle: true, seed: 4 };
      const ex = createCpuExecutor(compiled(mlp(4, 'Tanh'), 4), { train: XOR, config });
      // Let the JIT settle (optimising code allocates too) and grow the loss log past what the measured call needs.
      await ex.train(25000);
      await ex.train(1);
      const bytes = await engineAllocations(() => ex.train(20000));
      expect(bytes / 20000, `bytes per step with batches of ${batchSize}`).toBeLessThan(1);
    }
  });

  test('the heap profiler does see what a step would allocate', async () => {
    const keep: number[][] = [];
    const bytes = await engineAllocations(async () => {
      for (let i = 0; i < 2000; i++) keep.push(allocateLikeAStep(i));
    });
    expect(bytes).toBeGreaterThan(2000 * 16);
  });

  test('the counter does see typed arrays a step would create', () => {
    const counted = countTypedArrays();
    new Float32Array(3).subarray(1);
    expect(counted()).toBe(2);
  });
});

describe('carrying on from another executor (a lost GPU device)', () => {
  test('startStep continues the step count and the minibatch sequence: the same losses as one uninterrupted run', async () => {
    const plan = compiled(mlp(3), 2);
    const config = sgd(0.05, 2, { shuffle: true, seed: 4 });
    const whole = createCpuExecutor(plan, { train: SEVEN, config });
    await whole.train(25);
    const first = createCpuExecutor(plan, { train: SEVEN, config });
    await first.train(11);
    const rest = createCpuExecutor(plan, { train: SEVEN, config, startStep: 11 });
    expect(rest.steps).toBe(11);
    await rest.setParams(await first.getParams());
    expect(await rest.train(14)).toEqual({ steps: 14, nonFinite: null });
    expect(rest.steps).toBe(25);
    // It holds the losses of the steps it took; they are exactly the uninterrupted run's (step 11 is mid-epoch).
    expect(Array.from(await rest.losses(0))).toEqual(Array.from(await whole.losses(11)));
    expect(Array.from(await rest.losses(20))).toEqual(Array.from(await whole.losses(20)));
    expect(await rest.getParams()).toEqual(await whole.getParams());
    expect((await rest.snapshot()).step).toBe(25);
  });

  test('with the optimiser state handed over, momentum carries on where it was; without it, it restarts', async () => {
    const plan = compiled(mlp(3), 7);
    const config = sgd(0.05, 7, {}, 0.9);
    const opts = { train: SEVEN, config, dtype: 'f64' as const };
    const whole = createCpuExecutor(plan, opts);
    await whole.train(6);
    // Three full-batch steps, keeping torch's momentum buffers (buf = μ·buf + g) from each step's gradients.
    const first = createCpuExecutor(plan, opts);
    const m: Record<string, number[]> = {};
    for (let k = 0; k < 3; k++) {
      await first.train(1);
      for (const [key, p] of Object.entries((await first.snapshot()).params)) {
        m[key] = Array.from(p.grad ?? [], (g, i) => (k === 0 ? g : 0.9 * m[key][i] + g));
      }
    }
    const carried = createCpuExecutor(plan, { ...opts, startStep: 3, optimizerState: { t: 3, m, v: {} } });
    const restarted = createCpuExecutor(plan, { ...opts, startStep: 3 });
    for (const ex of [carried, restarted]) {
      await ex.setParams(await first.getParams());
      await ex.train(3);
    }
    // getParams() hands over float32 weights, so the f64 runs agree to float32's rounding, not bit for bit.
    const near = (a: Float32Array, b: Float32Array) => Array.from(a).every((v, i) => Math.abs(v - b[i]) <= 1e-6 * Math.abs(b[i]));
    const reference = await whole.losses(3);
    expect(near(await carried.losses(3), reference)).toBe(true);
    expect(near(await restarted.losses(3), reference)).toBe(false);
  });

  test('a handed-over state of the wrong size is refused, naming the parameter', () => {
    const bad = { t: 1, m: { 'fc1.weight': [1, 2] }, v: {} };
    expect(() => createCpuExecutor(compiled(mlp(3), 2), { train: SEVEN, config: sgd(0.1, 2, {}, 0.9), optimizerState: bad }))
      .toThrow('the optimizer\'s momentum buffer for parameter "fc1.weight" has 2 values, expected 6');
  });
});
