// Synchronous access to a compiled plan in float64, for finite-difference checks of whole graphs:
// analytic gradients from one forward+backward, numeric ones by perturbing a buffer and re-running forward.
import { expect } from 'vitest';
import { compile } from '../../engine/compile/compile';
import type { Plan } from '../../engine/compile/plan';
import { gather, sourceSlots } from '../../engine/cpu/gather';
import { createMachine, objective, programFor, runBackward, runForward, type Machine } from '../../engine/cpu/machine';
import type { DataRows } from '../../engine/executor';
import type { GraphDoc } from '../../engine/graph/types';
import { getOp } from '../../engine/ops/registry';
import { resolveShape, sizeOf } from '../../engine/tensor';
import { FD_STEP, mismatch, numericGradient, type Tolerance } from '../ops/fd';

export function compiled(d: GraphDoc, batch: number, keep: 'all' | 'params' = 'all'): Plan {
  const r = compile(d, { batch, keep });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

export interface Run {
  plan: Plan;
  m: Machine;
  /** Forward only; returns the objective. */
  loss(): number;
  /** Forward and backward. */
  step(): number;
}

export function load(plan: Plan, data: DataRows): Run {
  const m = createMachine(plan, Float64Array, data.n);
  for (const p of plan.params) m.bufs[p.value].set(p.initial);
  gather(sourceSlots(plan, m.bufs, data), data, null, 0, data.n);
  const prog = programFor(plan, m, data.n);
  return {
    plan, m,
    loss() {
      runForward(prog);
      return objective(plan, m.bufs);
    },
    step() {
      runForward(prog);
      runBackward(prog);
      return objective(plan, m.bufs);
    },
  };
}

const GRAPH_TOL: Tolerance = { rtol: 1e-5, atol: 1e-7 };

/** Every param's gradient, and every Input node's gradient, against central differences of the objective. */
export function expectGradientsMatchFiniteDifferences(run: Run, tol: Tolerance = GRAPH_TOL): void {
  run.step();
  const { plan, m } = run;
  const analytic = new Map<string, Float64Array>();
  for (const p of plan.params) if (p.grad !== null) analytic.set(p.key, Float64Array.from(m.bufs[p.grad]));
  const inputs = plan.sources.filter((s) => s.kind === 'x');
  for (const s of inputs) {
    const n = plan.nodes.find((x) => x.id === s.node);
    if (n?.grad != null) analytic.set(`input ${s.node}`, Float64Array.from(m.bufs[n.grad]));
  }
  for (const p of plan.params) {
    const numeric = numericGradient(() => run.loss(), m.bufs[p.value], m.bufs[p.value].length, FD_STEP);
    const got = analytic.get(p.key) ?? new Float64Array(numeric.length);
    const bad = mismatch(got, numeric, numeric.length, tol);
    expect(bad, `gradient of ${p.key}`).toBeNull();
  }
  for (const s of inputs) {
    const got = analytic.get(`input ${s.node}`);
    if (!got) continue;
    const numeric = numericGradient(() => run.loss(), m.bufs[s.out], got.length, FD_STEP);
    expect(mismatch(got, numeric, got.length, tol), `gradient of input ${s.node}`).toBeNull();
  }
}

/**
 * grad(e) for every edge against finite differences of the objective with respect to what the edge alone carries:
 * the target reads a private copy of the source's output, which is perturbed while every other consumer sees the
 * original. This pins the spec's meaning of an edge gradient, not just the node's total.
 */
export function expectEdgeGradientsMatchFiniteDifferences(plan: Plan, data: DataRows, tol: Tolerance = GRAPH_TOL): void {
  const run = load(plan, data);
  run.step();
  for (const e of plan.edges) {
    if (e.grad === null) continue;
    const size = sizeOf(resolveShape(e.shape, data.n));
    const analytic = Float64Array.from(run.m.bufs[e.grad].subarray(0, size));
    const port = getOp(plan.nodes.find((n) => n.id === e.target)?.op ?? '')?.inputs.indexOf(e.targetPort) ?? -1;
    const at = plan.forward.findIndex((s) => s.node === e.target);
    const copy = plan.buffers.length;
    const split: Plan = {
      ...plan,
      buffers: [...plan.buffers, { ...plan.buffers[e.value], id: copy }],
      forward: plan.forward.map((s, i) => (i === at ? { ...s, inputs: s.inputs.map((b, k) => (k === port ? copy : b)) } : s)),
    };
    const m = createMachine(split, Float64Array, data.n);
    for (const p of split.params) m.bufs[p.value].set(p.initial);
    gather(sourceSlots(split, m.bufs, data), data, null, 0, data.n);
    const prog = programFor(split, m, data.n);
    runForward(prog, at);
    m.bufs[copy].set(m.bufs[e.value]);
    const rest = (): number => {
      for (let i = at; i < prog.forward.length; i++) prog.forward[i]();
      return objective(split, m.bufs);
    };
    const numeric = numericGradient(rest, m.bufs[copy], size, FD_STEP);
    expect(mismatch(analytic, numeric, size, tol), `grad of edge ${e.id} (${e.source} → ${e.target}.${e.targetPort})`).toBeNull();
  }
}
