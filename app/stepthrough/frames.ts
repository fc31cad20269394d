// Step-through backprop as data: from the plan's backward step list and one snapshot, the frames a student walks
// (one per node's backward, one per fan-out sum) and what every edge shows at each point. Pure; no React.
import type { BackwardStep, Plan, PlanEdge, SumStep } from '../../engine/compile/plan';
import type { ProbeSnapshot, TensorProbe } from '../../engine/executor';
import type { FloatArray } from '../../engine/tensor';
import { getOp } from '../../engine/ops/registry';
import { fmt, fmtList } from '../training/format';

/** The chain-rule product on one edge: ∂L/∂out × ∂out/∂in = grad(edge). */
export interface ChainProduct {
  upstream: string;
  local: string;
  result: string;
}

export interface EdgeStepView {
  /** current: computed in this frame; done: earlier; pending: not yet; nograd: an edge without gradient. */
  state: 'current' | 'done' | 'pending' | 'nograd';
  value: string;
  grad: string | null;
  product?: ChainProduct;
  /** At a fan-out sum: "g₁ + g₂ = total" over this node's outgoing edges. */
  sum?: string;
}

export interface StepFrame {
  kind: 'backward' | 'sum';
  node: string;
  op: string;
  /** Edges highlighted in this frame. */
  edges: string[];
  title: string;
  /** One line per highlighted edge, in words and numbers. */
  lines: string[];
  products: Record<string, ChainProduct>;
  sum?: string;
  /** At a fan-out sum: each path's gradient (first row) and their total, as numbers. */
  terms?: number[][];
  total?: number[];
}

const MAX_SHOWN = 4;

function firstRow(edge: PlanEdge, t: TensorProbe, a: FloatArray, rows: number): number[] {
  const batched = edge.shape[0] === 'B';
  const width = batched && rows > 0 ? a.length / rows : a.length;
  const out: number[] = [];
  for (let i = 0; i < width; i++) out.push(a[i]);
  void t;
  return out;
}

function show(a: number[]): string {
  if (a.length <= MAX_SHOWN) return fmtList(a);
  return `[${a.slice(0, MAX_SHOWN - 1).map(fmt).join(', ')}, … ${a.length}]`;
}

function addInto(acc: number[] | null, b: number[]): number[] {
  if (!acc) return b.slice();
  if (acc.length === b.length) return acc.map((v, i) => v + b[i]);
  if (acc.length === 1) return b.map((v) => v + acc[0]);
  return acc;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The local derivative ∂out/∂in for port `port` of an op, as text (numbers when elementwise). */
function localDerivative(
  step: BackwardStep,
  port: number,
  x: number[],
  others: (number[] | null)[],
  upstream: number[],
  grad: number[],
): string {
  const attrs = (step.attrs ?? {}) as Record<string, unknown>;
  const ratio = (): string =>
    grad.length === upstream.length ? show(grad.map((g, i) => (upstream[i] === 0 ? 0 : g / upstream[i]))) : '∂out/∂in';
  switch (step.op) {
    case 'ReLU':
      return show(x.map((v) => (v > 0 ? 1 : 0)));
    case 'LeakyReLU': {
      const slope = typeof attrs.negativeSlope === 'number' ? attrs.negativeSlope : 0.01;
      return show(x.map((v) => (v > 0 ? 1 : slope)));
    }
    case 'Sigmoid':
      return show(x.map((v) => sigmoid(v) * (1 - sigmoid(v))));
    case 'Tanh':
      return show(x.map((v) => 1 - Math.tanh(v) ** 2));
    case 'Step':
      return show(x.map(() => (attrs.surrogate === 'identity' ? 1 : 0)));
    case 'Add':
      return '1';
    case 'Sub':
      return port === 0 ? '1' : '−1';
    case 'Mul': {
      const other = others[port === 0 ? 1 : 0];
      return other ? show(other) : 'the other factor';
    }
    case 'Linear':
      return port === 0 ? 'Wᵀ' : '∂out/∂in';
    case 'MatMul':
      return port === 0 ? 'bᵀ' : 'aᵀ';
    case 'Softmax':
    case 'LogSoftmax':
      return 'J (Jacobian)';
    case 'Sum':
      return '1';
    default:
      return ratio();
  }
}

interface Ctx {
  plan: Plan;
  snap: ProbeSnapshot;
  out: Map<string, PlanEdge[]>;
  rowOf(edge: PlanEdge, which: 'value' | 'grad'): number[] | null;
}

/** ∂L/∂out of a node: 1 for a loss, plus its outgoing edges' gradients (first row). */
function upstreamOf(ctx: Ctx, node: string): number[] {
  let acc: number[] | null = ctx.plan.losses.some((l) => l.node === node) ? [1] : null;
  for (const e of ctx.out.get(node) ?? []) {
    const g = ctx.rowOf(e, 'grad');
    if (g) acc = addInto(acc, g);
  }
  return acc ?? [0];
}

function backwardFrame(ctx: Ctx, step: BackwardStep): StepFrame | null {
  const def = getOp(step.op);
  const ports = def?.inputs ?? [];
  const incoming = ctx.plan.edges.filter((e) => e.target === step.node);
  const byPort = (i: number): PlanEdge | undefined =>
    incoming.find((e) => e.targetPort === ports[i]) ?? incoming.find((e) => e.grad !== null && e.grad === step.gradInputs[i]);
  const upstream = upstreamOf(ctx, step.node);
  const values = step.inputs.map((_, i) => {
    const e = byPort(i);
    return e ? ctx.rowOf(e, 'value') : null;
  });
  const edges: string[] = [];
  const lines: string[] = [];
  const products: Record<string, ChainProduct> = {};
  step.gradInputs.forEach((buf, i) => {
    const e = byPort(i);
    if (buf === null || !e || e.grad === null) return;
    const grad = ctx.rowOf(e, 'grad') ?? [];
    const local = localDerivative(step, i, values[i] ?? [], values, upstream, grad);
    const p: ChainProduct = { upstream: show(upstream), local, result: show(grad) };
    edges.push(e.id);
    products[e.id] = p;
    lines.push(`${e.source} → ${step.node}.${e.targetPort}: ∂L/∂out ${p.upstream} × ∂out/∂${e.targetPort} ${p.local} = ${p.result}`);
  });
  if (edges.length === 0) return null;
  return { kind: 'backward', node: step.node, op: step.op, edges, title: `Backward through ${step.op} ${step.node}`, lines, products };
}

function sumFrame(ctx: Ctx, step: SumStep): StepFrame {
  const outs = ctx.out.get(step.node) ?? [];
  const terms = outs.map((e) => ctx.rowOf(e, 'grad')).filter((g): g is number[] => g !== null);
  let total: number[] | null = null;
  for (const t of terms) total = addInto(total, t);
  const sum = `${terms.map(show).join(' + ')} = ${show(total ?? [0])}`;
  return {
    kind: 'sum',
    node: step.node,
    op: ctx.plan.nodes.find((n) => n.id === step.node)?.op ?? '',
    edges: outs.filter((e) => e.grad !== null).map((e) => e.id),
    title: `Fan-out at ${step.node}: its gradient is the sum over its ${terms.length} paths`,
    lines: [`∂L/∂${step.node} = ${sum}`],
    products: {},
    sum,
    terms,
    total: total ?? [0],
  };
}

/** The frames of one backward pass, in the plan's order, and each edge's view before and after each frame. */
export function buildFrames(plan: Plan, snap: ProbeSnapshot): { frames: StepFrame[]; views: Record<string, EdgeStepView>[] } {
  const out = new Map<string, PlanEdge[]>();
  for (const e of plan.edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const ctx: Ctx = {
    plan,
    snap,
    out,
    rowOf(edge, which) {
      const t = snap.edges[edge.id];
      if (!t) return null;
      const a = which === 'value' ? t.value : t.grad;
      return a ? firstRow(edge, t, a, snap.rows) : null;
    },
  };
  const frames: StepFrame[] = [];
  for (const step of plan.backward) {
    if (step.kind === 'backward') {
      const f = backwardFrame(ctx, step);
      if (f) frames.push(f);
    } else if (step.kind === 'sum') {
      frames.push(sumFrame(ctx, step));
    }
  }
  const views: Record<string, EdgeStepView>[] = [];
  const done = new Set<string>();
  for (let i = -1; i < frames.length; i++) {
    const current = i >= 0 ? frames[i] : null;
    if (current && current.kind === 'backward') for (const id of current.edges) done.add(id);
    const v: Record<string, EdgeStepView> = {};
    for (const e of plan.edges) {
      const value = show(ctx.rowOf(e, 'value') ?? []);
      if (e.grad === null) {
        v[e.id] = { state: 'nograd', value, grad: null };
        continue;
      }
      const isCurrent = current?.edges.includes(e.id) ?? false;
      const known = done.has(e.id);
      v[e.id] = {
        state: isCurrent ? 'current' : known ? 'done' : 'pending',
        value,
        grad: known ? show(ctx.rowOf(e, 'grad') ?? []) : null,
        ...(isCurrent && current?.products[e.id] ? { product: current.products[e.id] } : {}),
        ...(isCurrent && current?.sum ? { sum: current.sum } : {}),
      };
    }
    views.push(v);
  }
  return { frames, views };
}
