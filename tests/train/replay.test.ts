// Training on a 'params' plan (reused buffers) still names the edge where a step blew up: the session replays the
// failing step, from the kept weights and the same minibatch, on a keep-'all' CPU executor.
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { minibatchOf } from '../../engine/train/replay';
import { createSampler } from '../../engine/train/sampler';
import { open } from './helpers';

/** x·w → ReLU → MSE against 0, with w = 1e10: the row x = 1e30 overflows float32 at the Mul, mid-graph. */
function overflowDoc(): GraphDoc {
  return {
    format: 'wiregrad-graph',
    version: 1,
    nodes: [
      { id: 'x', op: 'Input', attrs: { features: 1 } },
      { id: 'w', op: 'Parameter', attrs: { shape: [] }, params: { value: 1e10 } },
      { id: 'mul', op: 'Mul' },
      { id: 'relu', op: 'ReLU' },
      { id: 'y', op: 'Target', attrs: { features: 1 } },
      { id: 'loss', op: 'MSELoss' },
    ],
    edges: [
      { id: 'ex', source: 'x', target: 'mul', targetPort: 'a' },
      { id: 'ew', source: 'w', target: 'mul', targetPort: 'b' },
      { id: 'em', source: 'mul', target: 'relu', targetPort: 'in' },
      { id: 'er', source: 'relu', target: 'loss', targetPort: 'input' },
      { id: 'ey', source: 'y', target: 'loss', targetPort: 'target' },
    ],
    training: {
      data: { inline: { x: [[1], [2], [1e30], [3], [0.5]], y: [[0], [0], [0], [0], [0]] } },
      batchSize: 1,
      shuffle: true,
      seed: 1,
      // A tiny step keeps w near 1e10, so only the 1e30 row overflows.
      optimizer: { type: 'sgd', lr: 1e-30 },
    },
  };
}

/** The step (from 0) whose one-row minibatch is row 2 (x = 1e30), from the shared sampler. */
function badStep(): number {
  const sampler = createSampler(5, { batchSize: 1, shuffle: true, seed: 1 });
  for (let step = 0; ; step++) {
    const b = sampler.batchOf(step);
    if (sampler.epochOrder(b.epoch)[b.start] === 2) return step;
  }
}

/** What a backend that cannot tell reused buffers apart reports (the WebGPU executor on a 'params' plan): the loss. */
function namingOnlyTheLoss(inner: Executor): Executor {
  return {
    ...inner,
    get steps() {
      return inner.steps;
    },
    async train(n) {
      const r = await inner.train(n);
      return r.nonFinite ? { ...r, nonFinite: { ...r.nonFinite, edge: 'loss', which: 'value' } } : r;
    },
  };
}

describe('a blow-up while training on a params plan', () => {
  it('replays the same minibatch: the rows the sampler gave that step', () => {
    const s = { n: 5, x: Float32Array.of(10, 11, 12, 13, 14), xFeatures: 1, y: Float32Array.of(0, 1, 2, 3, 4), yFeatures: 1, yKind: 'float' as const };
    const config = { batchSize: 2, shuffle: true, seed: 3, optimizer: { type: 'sgd' as const, lr: 0.1, momentum: 0, weightDecay: 0, betas: [0.9, 0.999] as [number, number], eps: 1e-8 } };
    const sampler = createSampler(5, config);
    for (const step of [0, 2, 4, 7]) {
      const b = sampler.batchOf(step);
      const idx = Array.from(sampler.epochOrder(b.epoch).subarray(b.start, b.start + b.rows));
      const rows = minibatchOf(s, config, step);
      expect(rows.n).toBe(idx.length);
      expect(Array.from(rows.y)).toEqual(idx);
      expect(Array.from(rows.x)).toEqual(idx.map((i) => 10 + i));
    }
  });

  it('names the edge where the value first overflowed, at the step that took that row, as a keep-all session does', async () => {
    const step = badStep();
    // Shuffled: the step is not the row's place in the file, so replaying rows in file order would miss it.
    expect(step).toBe(4);
    const all = await open(overflowDoc(), { keep: 'all' });
    const params = await open(overflowDoc(), { keep: 'params' });
    expect(params.plan.keep).toBe('params');
    const a = await all.train(50);
    const p = await params.train(50);
    expect(a.nonFinite).toEqual({ step, edge: 'em', which: 'value' });
    expect(p).toEqual(a);
    expect(params.describeNonFinite(p.nonFinite ?? a.nonFinite ?? { step: 0, edge: '', which: 'value' }))
      .toBe(`step ${step + 1}: the value on edge em (mul → relu.in) is not finite (NaN or Infinity); the weights from before that step are kept`);
    all.dispose();
    params.dispose();
  });

  it('corrects a backend that can only name the loss, from the weights it kept', async () => {
    const s = await open(overflowDoc(), { keep: 'params' });
    s.useExecutor(namingOnlyTheLoss(s.executor));
    const r = await s.train(50);
    expect(r.nonFinite).toEqual({ step: badStep(), edge: 'em', which: 'value' });
    expect(r.steps).toBe(badStep());
    expect((await s.executor.getParams())['w.value'][0]).toBeCloseTo(1e10, -4);
    s.dispose();
  });

  it('on WebGPU (Dawn on SwiftShader), whose params plan alone names only the loss, names the edge too', async () => {
    const s = await open(overflowDoc(), { keep: 'params', backend: 'webgpu' });
    expect(s.executor.backend).toBe('webgpu');
    const r = await s.train(50);
    expect(r).toEqual({ steps: badStep(), nonFinite: { step: badStep(), edge: 'em', which: 'value' } });
    s.dispose();
  });

  it('keeps the backend’s own answer when the replay finds every value and gradient finite (the update overflowed)', async () => {
    const doc = overflowDoc();
    // Finite forward and backward, but lr·∇ overflows: w := 1e10 − 1e30·(2·1e10·1) = −2e40.
    doc.training = { data: { inline: { x: [[1]], y: [[0]] } }, optimizer: { type: 'sgd', lr: 1e30 } };
    const all = await open(doc, { keep: 'all' });
    const params = await open(doc, { keep: 'params' });
    const a = await all.train(3);
    expect(a).toMatchObject({ steps: 0, nonFinite: { step: 0, which: 'value' } });
    const p = await params.train(3);
    expect(p).toEqual(a);
    // Named by the parameter's edge, or (an executor that lost track of which parameter) as the update itself.
    expect(params.describeNonFinite(p.nonFinite ?? { step: 0, edge: '', which: 'value' }))
      .toMatch(/^step 1: (the value on edge ew \(w → mul\.b\) is|the optimizer's update made a parameter) not finite/);
    all.dispose();
    params.dispose();
  });
});
