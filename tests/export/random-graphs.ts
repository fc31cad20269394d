// Random trainable graphs for the export property tests: every op of the catalogue appears, wired the ways users wire
// them (broadcast operands, fan-out, column selection, reductions, one or two losses), with inline data.
import fc from 'fast-check';
import type { GraphDoc, GraphEdge, GraphNode, NestedNumbers, OptimizerSpec } from '../../engine/graph/types';

type Gen = fc.GeneratorValue;
type Loss = 'MSELoss' | 'BCELoss' | 'BCEWithLogitsLoss' | 'CrossEntropyLoss' | 'NLLLoss';
interface Val {
  id: string;
  /** Width of a [B, w] tensor. */
  w: number;
}

const LOSSES: readonly Loss[] = ['MSELoss', 'BCELoss', 'BCEWithLogitsLoss', 'CrossEntropyLoss', 'NLLLoss'];
export const BODY_OPS = [
  'Linear', 'ReLU', 'LeakyReLU', 'Sigmoid', 'Tanh', 'GELU', 'Step', 'Softmax', 'LogSoftmax',
  'MatMul', 'Add', 'Sub', 'Mul', 'Concat', 'Sum', 'Mean', 'Constant', 'Parameter',
] as const;
const LABELS = ['hidden layer', 'loss', 'x', 'class', '2nd layer', 'Übergang', 'self', 'w · x + b', 'weights'];
const ROWS = 8;
const X_FEATURES = 3;

const num = (g: Gen, lo: number, hi: number): number => Math.round(g(fc.double, { min: lo, max: hi, noNaN: true }) * 1000) / 1000;
const pick = <T>(g: Gen, xs: readonly T[]): T => xs[g(fc.nat, { max: xs.length - 1 })];

class Builder {
  nodes: GraphNode[] = [];
  edges: GraphEdge[] = [];
  constructor(private g: Gen) {}

  node(op: string, attrs: Record<string, NestedNumbers | string | boolean | null> = {}, params?: Record<string, NestedNumbers>): string {
    const id = `n${this.nodes.length}`;
    const n: GraphNode = { id, op, attrs };
    if (params) n.params = params;
    if (this.g(fc.nat, { max: 3 }) === 0) n.label = pick(this.g, LABELS);
    this.nodes.push(n);
    return id;
  }

  wire(source: string, target: string, port: string): void {
    this.edges.push({ id: `e${this.edges.length}`, source, target, targetPort: port });
  }

  apply(op: string, inputs: Record<string, string>, attrs: Record<string, NestedNumbers | string | boolean | null> = {}): string {
    const id = this.node(op, attrs);
    for (const [port, src] of Object.entries(inputs)) this.wire(src, id, port);
    return id;
  }

  /** A broadcastable operand for a [B, w] tensor: a Parameter or Constant of shape [w] or []. */
  operand(w: number, kind: 'Parameter' | 'Constant' = this.g(fc.boolean) ? 'Parameter' : 'Constant'): string {
    const scalar = this.g(fc.boolean);
    if (kind === 'Parameter') {
      return this.node('Parameter', { shape: scalar ? [] : [w], init: 'uniform', scale: 0.5 });
    }
    const value = scalar ? num(this.g, -1, 1) : Array.from({ length: w }, () => num(this.g, -1, 1));
    return this.node('Constant', { value });
  }
}

function body(b: Builder, g: Gen, op: string, pool: Val[]): void {
  const t = pick(g, pool);
  const push = (id: string, w: number): void => void pool.push({ id, w });
  switch (op) {
    case 'Linear': {
      const out = g(fc.integer, { min: 1, max: 4 });
      push(b.apply('Linear', { in: t.id }, { in: t.w, out, bias: g(fc.boolean) }), out);
      return;
    }
    case 'ReLU': case 'Sigmoid': case 'Tanh': case 'Softmax': case 'LogSoftmax':
      push(b.apply(op, { in: t.id }), t.w);
      return;
    case 'LeakyReLU':
      push(b.apply(op, { in: t.id }, { negativeSlope: pick(g, [0.01, 0.2]) }), t.w);
      return;
    case 'GELU':
      push(b.apply(op, { in: t.id }, { approximate: pick(g, ['none', 'tanh']) }), t.w);
      return;
    case 'Step':
      push(b.apply(op, { in: t.id }, { surrogate: pick(g, ['none', 'identity']) }), t.w);
      return;
    case 'MatMul': {
      const k = g(fc.integer, { min: 1, max: 3 });
      const p = b.node('Parameter', { shape: [t.w, k], init: 'uniform', scale: 0.5 });
      push(b.apply('MatMul', { a: t.id, b: p }), k);
      return;
    }
    case 'Add': case 'Sub': case 'Mul': case 'Constant': case 'Parameter': {
      const arith = op === 'Constant' || op === 'Parameter' ? pick(g, ['Add', 'Sub', 'Mul']) : op;
      const same = pool.filter((v) => v.w === t.w && v.id !== t.id);
      const other = op === 'Constant' || op === 'Parameter' ? b.operand(t.w, op)
        : same.length > 0 && g(fc.boolean) ? pick(g, same).id : b.operand(t.w);
      const [x, y] = g(fc.boolean) ? [t.id, other] : [other, t.id];
      push(b.apply(arith, { a: x, b: y }), t.w);
      return;
    }
    case 'Concat': {
      const u = pick(g, pool); // may be t itself: fan-out into both ports
      push(b.apply('Concat', { a: t.id, b: u.id }), t.w + u.w);
      return;
    }
    case 'Sum': case 'Mean': {
      const dim = pick(g, [0, null, 1, -1] as const);
      if (dim === 0) {
        // [B, w] → [w] (through a Linear on a single row, sometimes), broadcast back onto the rows.
        let row = b.apply(op, { in: t.id }, { dim });
        if (g(fc.boolean)) row = b.apply('Linear', { in: row }, { in: t.w, out: t.w, bias: g(fc.boolean) });
        push(b.apply('Add', { a: t.id, b: row }), t.w);
        return;
      }
      let scalar = b.apply(op, { in: t.id }, { dim });
      // [B] → a scalar, to scale the rows with.
      if (dim !== null) scalar = b.apply(pick(g, ['Sum', 'Mean']), { in: scalar }, { dim: pick(g, [0, null]) });
      push(b.apply('Mul', { a: scalar, b: t.id }), t.w);
      return;
    }
  }
}

export interface RandomGraph {
  doc: GraphDoc;
  /** The ops it was built to contain. */
  ops: string[];
}

/** One random trainable graph that contains `mustOp`. */
export function randomGraph(g: Gen, mustOp: string): RandomGraph {
  const b = new Builder(g);
  const loss: Loss = (LOSSES as readonly string[]).includes(mustOp) ? (mustOp as Loss) : pick(g, LOSSES);
  const x = Array.from({ length: ROWS }, () => Array.from({ length: X_FEATURES }, () => num(g, -2, 2)));
  const classes = g(fc.integer, { min: 2, max: 3 });
  const k = g(fc.integer, { min: 1, max: 2 });
  const classTask = loss === 'CrossEntropyLoss' || loss === 'NLLLoss';
  const y: number[] | number[][] = classTask
    ? Array.from({ length: ROWS }, (_, i) => (i < classes ? i : g(fc.nat, { max: classes - 1 })))
    : Array.from({ length: ROWS }, () => Array.from({ length: k }, () => (loss === 'MSELoss' ? num(g, -1, 1) : g(fc.nat, { max: 1 }))));

  const pool: Val[] = [];
  if (g(fc.boolean)) {
    pool.push({ id: b.node('Input', { features: X_FEATURES }), w: X_FEATURES });
  } else {
    // Column selection, and a second Input reading another column.
    pool.push({ id: b.node('Input', { features: 2, columns: [2, 0] }), w: 2 });
    pool.push({ id: b.node('Input', { features: 1, columns: [1] }), w: 1 });
  }
  const ops = [mustOp];
  const extra = g(fc.integer, { min: 1, max: 4 });
  for (let i = 0; i < extra; i++) ops.push(pick(g, BODY_OPS));
  for (const op of ops) if ((BODY_OPS as readonly string[]).includes(op)) body(b, g, op, pool);

  // Every dangling value feeds the head (no parameter left without a gradient), through Concat.
  const used = new Set(b.edges.map((e) => e.source));
  const loose = pool.filter((v) => !used.has(v.id));
  let head = loose[loose.length - 1] ?? pool[pool.length - 1];
  for (const v of loose.slice(0, -1)) head = { id: b.apply('Concat', { a: v.id, b: head.id }), w: v.w + head.w };
  const outW = classTask ? classes : k;
  const logits = b.apply('Linear', { in: head.id }, { in: head.w, out: outW, bias: true });
  const target = b.node('Target', classTask ? { classes } : { features: k });
  const reduction = pick(g, ['mean', 'sum']);
  const lossInput = loss === 'BCELoss' ? b.apply('Sigmoid', { in: logits }) : loss === 'NLLLoss' ? b.apply('LogSoftmax', { in: logits }) : logits;
  b.apply(loss, { input: lossInput, target }, { reduction });
  ops.push(loss, 'Input', 'Target', 'Linear');
  if (g(fc.nat, { max: 3 }) === 0) {
    // A second loss on the same y: the objective is the sum.
    const second: Loss = classTask ? (loss === 'NLLLoss' ? 'CrossEntropyLoss' : 'NLLLoss') : loss === 'MSELoss' ? 'MSELoss' : 'BCEWithLogitsLoss';
    const input = second === 'NLLLoss' ? b.apply('LogSoftmax', { in: logits }) : logits;
    b.apply(second, { input, target }, { reduction: pick(g, ['mean', 'sum']) });
    ops.push(second);
  }
  for (const n of b.nodes) ops.push(n.op);

  const optimizer: OptimizerSpec = g(fc.nat, { max: 3 }) === 0
    ? { type: 'adam', lr: pick(g, [0.01, 0.003]), weightDecay: pick(g, [0, 0.01]) }
    : { type: 'sgd', lr: pick(g, [0.01, 0.05]), momentum: pick(g, [0, 0.9]), weightDecay: pick(g, [0, 0.01]) };
  const doc: GraphDoc = {
    format: 'wiregrad-graph',
    version: 1,
    name: `random graph with ${mustOp}`,
    nodes: b.nodes,
    edges: b.edges,
    training: {
      data: { inline: { x, y } },
      batchSize: pick(g, [3, ROWS]),
      shuffle: g(fc.boolean),
      optimizer,
      seed: g(fc.nat, { max: 1000 }),
    },
  };
  return { doc, ops: [...new Set(ops)] };
}

/** `count` graphs, the i-th built around the i-th op of `ops` (cycling), reproducible from `seed`. */
export function sampleGraphs(ops: readonly string[], count: number, seed: number): RandomGraph[] {
  return Array.from({ length: count }, (_, i) => {
    const [graph] = fc.sample(fc.gen().map((g) => randomGraph(g, ops[i % ops.length])), { seed: seed + i, numRuns: 1 });
    return graph;
  });
}
