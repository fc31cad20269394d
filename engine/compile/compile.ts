// compile(): document → Plan. A pure function: order, shapes, params with initial values, forward steps, and
// backward steps that give every edge its own gradient buffer and sum them at fan-out (the multivariable chain rule).
import type { GraphDoc, GraphEdge, GraphIssue, Result } from '../graph/types';
import { resolveShape, sizeOf, type Shape } from '../tensor';
import { analyse, type NodeInfo } from './analyse';
import { packBuffers } from './liveness';
import { initialValue } from './params';
import type {
  BackwardStep, BufferDecl, BufferId, BufferRole, ForwardStep, Plan, PlanEdge, PlanLoss, PlanNode, PlanParam, PlanSource, PlanStep,
} from './plan';

export interface CompileOptions {
  /** Rows every buffer is sized for; a step may run with fewer. */
  batch: number;
  /** 'all' (default, the editor): every edge's value and gradient stays readable. 'params': unwatched training. */
  keep?: 'all' | 'params';
  /** Initialisation seed; default: the file's training.seed, else 0. */
  seed?: number;
}

interface Built {
  node: NodeInfo;
  out: BufferId;
  params: PlanParam[];
  /** Which input ports carry a gradient at all (not a loss's target). */
  gradPort: boolean[];
}

export function compile(doc: GraphDoc, options: CompileOptions): Result<Plan> {
  const batch = options.batch;
  if (!Number.isInteger(batch) || batch < 1) {
    return { ok: false, errors: [{ path: 'batch', message: `the batch size must be a whole number ≥ 1, got ${batch}` }] };
  }
  const keep = options.keep ?? 'all';
  const seed = options.seed ?? doc.training?.seed ?? 0;
  const a = analyse(doc);
  if (a.issues.length) return { ok: false, errors: a.issues };

  const buffers: BufferDecl[] = [];
  const alloc = (role: BufferRole, shape: Shape): BufferId => {
    const id = buffers.length;
    buffers.push({ id, role, shape, size: sizeOf(resolveShape(shape, batch)) });
    return id;
  };
  const shapeOf = (id: string): Shape => a.shapes.get(id) as Shape;
  const errors: GraphIssue[] = [];
  const built = new Map<string, Built>();

  // Values and params, in topological order.
  for (const n of a.order) {
    const def = n.def;
    if (!def) continue;
    const out = alloc('value', shapeOf(n.id));
    const given = doc.nodes[n.index].params ?? {};
    const decls = def.params(n.attrs);
    for (const name of Object.keys(given)) {
      if (!decls.some((d) => d.name === name)) {
        errors.push({ path: `nodes[${n.index}] (id "${n.id}").params.${name}`, message: `${n.op} ${n.id} has no param \`${name}\` (its params: ${decls.map((d) => d.name).join(', ') || 'none'})`, nodeId: n.id });
      }
    }
    const params: PlanParam[] = [];
    for (const d of decls) {
      const init = initialValue(n.id, d, Object.hasOwn(given, d.name) ? given[d.name] : undefined, seed);
      if ('error' in init) {
        errors.push({ path: `nodes[${n.index}] (id "${n.id}").params.${d.name}`, message: init.error, nodeId: n.id });
        continue;
      }
      params.push({ key: `${n.id}.${d.name}`, node: n.id, name: d.name, shape: [...d.shape], value: alloc('param', d.shape), grad: null, initial: init.value });
    }
    const noGrad = def.noGradPorts ?? [];
    built.set(n.id, { node: n, out, params, gradPort: def.inputs.map((p) => !noGrad.includes(p)) });
  }
  if (errors.length) return { ok: false, errors };
  const get = (id: string): Built => built.get(id) as Built;
  const portOf = (e: GraphEdge): number => (get(e.target).node.def?.inputs ?? []).indexOf(e.targetPort);
  const carries = (e: GraphEdge): boolean => get(e.target).gradPort[portOf(e)];

  // Which nodes the objective depends on (gradient reaches them), and, for 'params', which need a gradient at all.
  const hasLoss = a.order.some((n) => n.def?.isLoss);
  const reaches = new Set<string>();
  for (let i = a.order.length - 1; i >= 0; i--) {
    const n = a.order[i];
    if (hasLoss && (n.def?.isLoss || n.outputs.some((e) => carries(e) && reaches.has(e.target)))) reaches.add(n.id);
  }
  const needs = new Set<string>();
  for (const n of a.order) {
    if (get(n.id).params.length || n.inputs.some((e) => e && carries(e) && needs.has(e.source))) needs.add(n.id);
  }
  const edgeGrad = new Map<string, BufferId>();
  for (const e of a.edges) {
    if (carries(e) && reaches.has(e.target) && (keep === 'all' || needs.has(e.source))) {
      edgeGrad.set(e.id, alloc('grad', shapeOf(e.source)));
    }
  }
  const seedBuf = hasLoss ? alloc('seed', []) : null;

  // Node gradients: the seed for a loss, plus every outgoing edge's own gradient; one term is aliased, not copied.
  const sums = new Map<string, PlanStep>();
  const zeroGrad = new Map<string, BufferId>();
  const nodeGrad = new Map<string, BufferId | null>();
  for (const n of a.order) {
    const terms: BufferId[] = [];
    if (n.def?.isLoss && seedBuf !== null) terms.push(seedBuf);
    for (const e of n.outputs) {
      const g = edgeGrad.get(e.id);
      if (g !== undefined) terms.push(g);
    }
    if (terms.length <= 1) {
      nodeGrad.set(n.id, terms.length ? terms[0] : null);
      continue;
    }
    const out = alloc('grad', shapeOf(n.id));
    nodeGrad.set(n.id, out);
    sums.set(n.id, { kind: 'sum', node: n.id, out, terms, shape: shapeOf(n.id) });
  }
  // With a loss and keep 'all', what the objective does not depend on reads as a gradient of 0, as torch shows it:
  // zero-filled buffers no step writes (no backward work); such params are marked so optimisers skip them.
  const zeros = keep === 'all' && hasLoss;
  for (const b of built.values()) {
    const reached = nodeGrad.get(b.node.id) !== null;
    if (!reached && !zeros) continue;
    for (const p of b.params) {
      p.grad = alloc('paramGrad', p.shape);
      if (!reached) p.unreached = true;
    }
  }
  if (zeros) {
    for (const e of a.edges) if (carries(e) && !edgeGrad.has(e.id)) zeroGrad.set(e.id, alloc('grad', shapeOf(e.source)));
  }

  const forward: ForwardStep[] = [];
  const backward: PlanStep[] = [];
  const sources: PlanSource[] = [];
  const losses: PlanLoss[] = [];
  const inputsOf = (n: NodeInfo): BufferId[] => n.inputs.map((e) => get((e as GraphEdge).source).out);
  const inShapesOf = (n: NodeInfo): Shape[] => n.inputs.map((e) => shapeOf((e as GraphEdge).source));
  for (const n of a.order) {
    const b = get(n.id), def = n.def;
    if (!def) continue;
    if (def.source) {
      sources.push(sourceOf(n, b.out, def.source, shapeOf(n.id)));
      continue;
    }
    forward.push({
      kind: 'forward', node: n.id, op: n.op, attrs: n.attrs, inputs: inputsOf(n), inShapes: inShapesOf(n),
      params: b.params.map((p) => p.value), out: b.out, outShape: shapeOf(n.id),
    });
    if (def.isLoss) {
      const port = (name: string): BufferId => {
        const e = n.inputs[def.inputs.indexOf(name)];
        return e ? get(e.source).out : b.out;
      };
      const inputEdge = n.inputs[def.inputs.indexOf('input')];
      losses.push({
        node: n.id, op: n.op, out: b.out, input: port('input'),
        inputShape: inputEdge ? shapeOf(inputEdge.source) : [], target: port('target'),
      });
    }
  }
  for (let i = a.order.length - 1; i >= 0; i--) {
    const n = a.order[i], b = get(n.id);
    const gradOut = nodeGrad.get(n.id) ?? null;
    const sum = sums.get(n.id);
    if (sum) backward.push(sum);
    if (gradOut === null || !n.def || n.def.source) continue;
    const gradInputs = n.inputs.map((e) => (e ? (edgeGrad.get(e.id) ?? null) : null));
    const gradParams = b.params.map((p) => p.grad);
    if (gradInputs.every((g) => g === null) && gradParams.every((g) => g === null)) continue;
    const step: BackwardStep = {
      kind: 'backward', node: n.id, op: n.op, attrs: n.attrs, inputs: inputsOf(n), inShapes: inShapesOf(n),
      params: b.params.map((p) => p.value), out: b.out, outShape: shapeOf(n.id), gradOut, gradInputs, gradParams,
    };
    backward.push(step);
  }

  const nodes: PlanNode[] = a.order.map((n) => ({
    id: n.id, op: n.op, attrs: n.attrs, outShape: shapeOf(n.id), out: get(n.id).out, grad: nodeGrad.get(n.id) ?? null,
  }));
  const edges: PlanEdge[] = a.edges.map((e) => {
    const pe: PlanEdge = {
      id: e.id, source: e.source, target: e.target, targetPort: e.targetPort, shape: shapeOf(e.source),
      value: get(e.source).out, grad: edgeGrad.get(e.id) ?? zeroGrad.get(e.id) ?? null,
    };
    if (zeroGrad.has(e.id)) pe.unreached = true;
    return pe;
  });
  const params = a.order.flatMap((n) => get(n.id).params);
  const plan: Plan = { batch, keep, buffers, nodes, edges, params, sources, losses, seed: seedBuf, forward, backward };
  if (keep === 'all') return { ok: true, value: plan };
  const pinned = new Set<BufferId>();
  for (const p of params) {
    pinned.add(p.value);
    if (p.grad !== null) pinned.add(p.grad);
  }
  for (const s of sources) pinned.add(s.out);
  for (const l of losses) [l.out, l.input, l.target].forEach((x) => pinned.add(x));
  if (seedBuf !== null) pinned.add(seedBuf);
  return { ok: true, value: packBuffers(plan, pinned) };
}

function sourceOf(n: NodeInfo, out: BufferId, kind: 'x' | 'y', shape: Shape): PlanSource {
  const attrs = (n.attrs ?? {}) as { features?: unknown; columns?: unknown };
  if (kind === 'y') return { node: n.id, kind, out, columns: [], yKind: shape.length === 1 ? 'class' : 'float' };
  const features = typeof attrs.features === 'number' ? attrs.features : Number(shape[1]);
  const given = Array.isArray(attrs.columns) ? (attrs.columns as unknown[]) : null;
  const columns = given ? given.map((c) => (typeof c === 'number' ? c : -1)) : Array.from({ length: features }, (_, i) => i);
  const src: PlanSource = { node: n.id, kind, out, columns };
  if (given && given.some((c) => typeof c === 'string')) src.columnNames = given.map((c) => (typeof c === 'string' ? c : null));
  return src;
}
