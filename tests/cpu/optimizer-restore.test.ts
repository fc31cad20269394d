// An update that overflows is undone entirely: the weights, and the optimiser's own state (momentum buffers, Adam's
// moments, the step count), so the next update is exactly the one a run that never saw the blow-up would take.
import { describe, expect, test } from 'vitest';
import type { OptimizerConfig } from '../../engine/executor';
import { createMachine } from '../../engine/cpu/machine';
import { createOptimizer, type Optimizer } from '../../engine/cpu/optimizer';
import { mlp } from '../compile/build';
import { compiled } from './harness';

const plan = compiled(mlp(2), 1);

/** An optimiser over float32 params that start at 0, fed one constant gradient per update. */
function rig(cfg: OptimizerConfig): { opt: Optimizer; update(g: number): boolean } {
  const m = createMachine(plan, Float32Array, 1);
  const opt = createOptimizer(plan, m.bufs, Float32Array, cfg);
  return {
    opt,
    // As the executor does: save, step, and restore when the weights are no longer finite.
    update(g: number) {
      for (const s of opt.slots) s.grad.fill(g);
      opt.save();
      opt.step();
      if (opt.finite()) return true;
      opt.restore();
      return false;
    },
  };
}

function state(o: Optimizer): number[][] {
  return [[o.t], ...o.slots.flatMap((s) => [[...s.value], [...s.m], [...s.v]])];
}

const base = { momentum: 0, weightDecay: 0, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
const CASES: [string, OptimizerConfig, number[], number, number][] = [
  // lr·gradient stays finite for tiny gradients; a gradient of 1e10 pushes the weights past float32's 3.4e38.
  ['SGD with momentum', { ...base, type: 'sgd', lr: 1e30, momentum: 0.9 }, [1e-30, 2e-30, -1e-30], 1e10, 3e-30],
  // Adam moves each weight by about lr per step: from 0, the fourth step of +1 gradients passes -3.4e38.
  ['Adam', { ...base, type: 'adam', lr: 1e38 }, [1, 1, 1], 1, -100],
];

describe('an update that overflows', () => {
  test.each(CASES)('%s: restores weights, moments and step count, then carries on as if it never happened', (_, cfg, fine, blow, next) => {
    const a = rig(cfg), b = rig(cfg);
    for (const g of fine) {
      expect(a.update(g)).toBe(true);
      b.update(g);
    }
    const before = state(a.opt);
    expect(a.update(blow)).toBe(false);
    expect(state(a.opt)).toEqual(before);
    expect(a.update(next)).toBe(true);
    expect(b.update(next)).toBe(true);
    expect(state(a.opt)).toEqual(state(b.opt));
  });
});
