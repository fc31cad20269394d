// Buffer reuse for unwatched training (keep: 'params'): each temporary buffer lives from its first write to its last
// read; buffers whose lives do not overlap share storage (greedy interval allocation, best fit by size).
import type { BufferDecl, BufferId, Plan, PlanStep } from './plan';

interface Interval {
  id: BufferId;
  start: number;
  end: number;
  size: number;
}

function touches(step: PlanStep): { reads: BufferId[]; writes: BufferId[] } {
  if (step.kind === 'forward') return { reads: [...step.inputs, ...step.params], writes: [step.out] };
  if (step.kind === 'sum') return { reads: step.terms, writes: [step.out] };
  const writes: BufferId[] = [];
  for (const g of step.gradInputs) if (g !== null) writes.push(g);
  for (const g of step.gradParams) if (g !== null) writes.push(g);
  return { reads: [...step.inputs, ...step.params, step.out, step.gradOut], writes };
}

function intervals(plan: Plan, pinned: ReadonlySet<BufferId>): Interval[] {
  const start = new Map<BufferId, number>(), end = new Map<BufferId, number>();
  const steps: PlanStep[] = [...plan.forward, ...plan.backward];
  steps.forEach((step, t) => {
    const { reads, writes } = touches(step);
    for (const b of [...reads, ...writes]) {
      if (pinned.has(b)) continue;
      if (!start.has(b)) start.set(b, t);
      end.set(b, t);
    }
  });
  const out: Interval[] = [];
  for (const [id, s] of start) out.push({ id, start: s, end: end.get(id) as number, size: plan.buffers[id].size });
  return out.sort((a, b) => a.start - b.start || b.size - a.size || a.id - b.id);
}

/** Returns the plan with temporaries packed; `pinned` buffers (params, grads of params, sources, losses) keep their own. */
export function packBuffers(plan: Plan, pinned: ReadonlySet<BufferId>): Plan {
  const phys: { decl: BufferDecl; freeAfter: number }[] = [];
  const remap = new Map<BufferId, BufferId>();
  const keepOwn = (b: BufferDecl): void => {
    remap.set(b.id, phys.length);
    phys.push({ decl: { ...b, id: phys.length }, freeAfter: Infinity });
  };
  for (const b of plan.buffers) if (pinned.has(b.id)) keepOwn(b);
  for (const iv of intervals(plan, pinned)) {
    let best = -1, largest = -1;
    for (let p = 0; p < phys.length; p++) {
      if (phys[p].freeAfter >= iv.start) continue;
      const s = phys[p].decl.size;
      if (s >= iv.size && (best < 0 || s < phys[best].decl.size)) best = p;
      if (largest < 0 || s > phys[largest].decl.size) largest = p;
    }
    const p = best >= 0 ? best : largest;
    const logical = plan.buffers[iv.id];
    if (p < 0) {
      remap.set(iv.id, phys.length);
      phys.push({ decl: { ...logical, id: phys.length }, freeAfter: iv.end });
      continue;
    }
    const d = phys[p].decl;
    // A shared buffer no longer has one shape: executors take shapes from the steps, and sizes from the largest use.
    const sameShape = d.shape.length === logical.shape.length && d.shape.every((x, i) => x === logical.shape[i]);
    phys[p] = {
      decl: { id: d.id, role: d.role, shape: sameShape ? d.shape : [Math.max(d.size, logical.size)], size: Math.max(d.size, logical.size) },
      freeAfter: iv.end,
    };
    remap.set(iv.id, p);
  }
  // Buffers no step touches (e.g. a gradient nobody computes) still need an id; give them their own.
  for (const b of plan.buffers) if (!remap.has(b.id)) keepOwn(b);
  const m = (b: BufferId): BufferId => remap.get(b) as BufferId;
  const mn = (b: BufferId | null): BufferId | null => (b === null ? null : m(b));
  return {
    ...plan,
    buffers: phys.map((p) => p.decl),
    nodes: plan.nodes.map((n) => ({ ...n, out: m(n.out), grad: mn(n.grad) })),
    edges: plan.edges.map((e) => ({ ...e, value: m(e.value), grad: mn(e.grad) })),
    params: plan.params.map((p) => ({ ...p, value: m(p.value), grad: mn(p.grad) })),
    sources: plan.sources.map((s) => ({ ...s, out: m(s.out) })),
    losses: plan.losses.map((l) => ({ ...l, out: m(l.out), input: m(l.input), target: m(l.target) })),
    seed: mn(plan.seed),
    forward: plan.forward.map((s) => ({ ...s, inputs: s.inputs.map(m), params: s.params.map(m), out: m(s.out) })),
    backward: plan.backward.map((s): PlanStep =>
      s.kind === 'sum'
        ? { ...s, out: m(s.out), terms: s.terms.map(m) }
        : s.kind === 'backward'
          ? { ...s, inputs: s.inputs.map(m), params: s.params.map(m), out: m(s.out), gradOut: m(s.gradOut), gradInputs: s.gradInputs.map(mn), gradParams: s.gradParams.map(mn) }
          : s,
    ),
  };
}
