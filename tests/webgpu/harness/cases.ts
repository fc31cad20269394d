// Small graphs that exercise every op's forward and backward on the GPU (broadcasting, both reductions, every loss),
// with inline data of 6 rows and batches of 4, so the third step runs the epoch's shorter last batch of 2 rows.
import type { GraphDoc, GraphNode, OptimizerSpec } from '../../../engine/graph/types';

export interface OpCase {
  name: string;
  doc: GraphDoc;
}

const X = Array.from({ length: 6 }, (_, i) => [0, 1, 2].map((j) => Math.round(100 * Math.sin(3 * i + j + 1)) / 50));
const Y_FLOAT = X.map((r) => [Math.round(50 * (r[0] - r[1] * r[2])) / 100]);
const Y_BIN = [0, 1, 1, 0, 1, 0];
const Y_CLASS3 = [0, 2, 1, 2, 0, 1];

type Wire = [source: string, target: string, port: string];

function graph(name: string, nodes: GraphNode[], wires: Wire[], y: number[][] | number[], optimizer?: OptimizerSpec): GraphDoc {
  return {
    format: 'wiregrad-graph',
    version: 1,
    name,
    nodes,
    edges: wires.map(([source, target, targetPort], k) => ({ id: `e${k}_${source}_${target}`, source, target, targetPort })),
    training: {
      data: { inline: { x: X, y } },
      batchSize: 4,
      shuffle: true,
      seed: 7,
      optimizer: optimizer ?? { type: 'sgd', lr: 0.02 },
    },
  };
}

const x: GraphNode = { id: 'x', op: 'Input', attrs: { features: 3 } };
const yf: GraphNode = { id: 'y', op: 'Target', attrs: { features: 1 } };
const lin = (id: string, i: number, o: number): GraphNode => ({ id, op: 'Linear', attrs: { in: i, out: o } });
const mse: GraphNode = { id: 'loss', op: 'MSELoss' };

/** x → Linear(3,3) → op → Linear(3,1) → MSE. */
function unary(name: string, op: string, attrs?: Record<string, string | number>): OpCase {
  const act: GraphNode = attrs ? { id: 'act', op, attrs } : { id: 'act', op };
  return {
    name,
    doc: graph(name, [x, yf, lin('fc1', 3, 3), act, lin('fc2', 3, 1), mse], [
      ['x', 'fc1', 'in'], ['fc1', 'act', 'in'], ['act', 'fc2', 'in'], ['fc2', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_FLOAT),
  };
}

/** x → Linear(3,3) = a; `b` (a node fed by x or a Parameter) → op(a, b) → Linear(3,1) → MSE. */
function binary(name: string, op: string, b: GraphNode, bFromX: boolean, swap = false): OpCase {
  const wires: Wire[] = [['x', 'fc1', 'in'], ['fc1', 'op', swap ? 'b' : 'a'], ['b', 'op', swap ? 'a' : 'b'], ['op', 'fc2', 'in'], ['fc2', 'loss', 'input'], ['y', 'loss', 'target']];
  if (bFromX) wires.push(['x', 'b', 'in']);
  return { name, doc: graph(name, [x, yf, lin('fc1', 3, 3), b, { id: 'op', op }, lin('fc2', 3, 1), mse], wires, Y_FLOAT) };
}

const param = (shape: number[]): GraphNode => ({ id: 'b', op: 'Parameter', attrs: { shape, init: 'uniform', scale: 0.5 } });

export const OP_CASES: OpCase[] = [
  unary('ReLU', 'ReLU'),
  unary('LeakyReLU', 'LeakyReLU', { negativeSlope: 0.2 }),
  unary('Sigmoid', 'Sigmoid'),
  unary('Tanh', 'Tanh'),
  unary('GELU (exact)', 'GELU'),
  unary('GELU (tanh)', 'GELU', { approximate: 'tanh' }),
  unary('Step (no surrogate)', 'Step'),
  unary('Step (identity surrogate)', 'Step', { surrogate: 'identity' }),
  unary('Softmax', 'Softmax'),
  binary('Add [B,3] + Parameter [3]', 'Add', param([3]), false),
  binary('Add [B,3] + [B,3] (fan-out of x)', 'Add', lin('b', 3, 3), true),
  binary('Sub [B,3] − [B,1]', 'Sub', lin('b', 3, 1), true),
  binary('Sub [B,1] − [B,3]', 'Sub', lin('b', 3, 1), true, true),
  binary('Mul scalar Parameter × [B,3]', 'Mul', param([]), false, true),
  binary('Mul [B,3] × [1,3] Parameter', 'Mul', param([1, 3]), false),
  {
    name: 'Concat',
    doc: graph('Concat', [x, yf, lin('fa', 3, 2), lin('fb', 3, 1), { id: 'cat', op: 'Concat' }, lin('fc2', 3, 1), mse], [
      ['x', 'fa', 'in'], ['x', 'fb', 'in'], ['fa', 'cat', 'a'], ['fb', 'cat', 'b'], ['cat', 'fc2', 'in'], ['fc2', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_FLOAT),
  },
  {
    name: 'MatMul with a Parameter, Linear without bias',
    doc: graph('MatMul', [x, yf, { id: 'w', op: 'Parameter', attrs: { shape: [3, 2], init: 'normal', scale: 0.5 } }, { id: 'mm', op: 'MatMul' }, { id: 'fc2', op: 'Linear', attrs: { in: 2, out: 1, bias: false } }, mse], [
      ['x', 'mm', 'a'], ['w', 'mm', 'b'], ['mm', 'fc2', 'in'], ['fc2', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_FLOAT),
  },
  {
    name: 'LogSoftmax + NLLLoss (sum), SGD with momentum and weight decay',
    doc: graph('NLL', [x, { id: 'y', op: 'Target', attrs: { classes: 3 } }, lin('fc1', 3, 3), { id: 'ls', op: 'LogSoftmax' }, { id: 'loss', op: 'NLLLoss', attrs: { reduction: 'sum' } }], [
      ['x', 'fc1', 'in'], ['fc1', 'ls', 'in'], ['ls', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_CLASS3, { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0.01 }),
  },
  {
    name: 'CrossEntropyLoss, Adam',
    doc: graph('CE', [x, { id: 'y', op: 'Target', attrs: { classes: 3 } }, lin('fc1', 3, 4), { id: 'act', op: 'Tanh' }, lin('fc2', 4, 3), { id: 'loss', op: 'CrossEntropyLoss' }], [
      ['x', 'fc1', 'in'], ['fc1', 'act', 'in'], ['act', 'fc2', 'in'], ['fc2', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_CLASS3, { type: 'adam', lr: 0.01, weightDecay: 0.001 }),
  },
  {
    name: 'Sigmoid + BCELoss (sum)',
    doc: graph('BCE', [x, yf, lin('fc1', 3, 1), { id: 'p', op: 'Sigmoid' }, { id: 'loss', op: 'BCELoss', attrs: { reduction: 'sum' } }], [
      ['x', 'fc1', 'in'], ['fc1', 'p', 'in'], ['p', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_BIN.map((v) => [v])),
  },
  {
    name: 'BCEWithLogitsLoss, Adam',
    doc: graph('BCEWithLogits', [x, yf, lin('fc1', 3, 1), { id: 'loss', op: 'BCEWithLogitsLoss' }], [
      ['x', 'fc1', 'in'], ['fc1', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_BIN.map((v) => [v]), { type: 'adam', lr: 0.05 }),
  },
  {
    name: 'Sum over dim 1 against class targets [B]',
    doc: graph('Sum dim 1', [x, { id: 'y', op: 'Target', attrs: { classes: 2 } }, lin('fc1', 3, 2), { id: 'r', op: 'Sum', attrs: { dim: 1 } }, mse], [
      ['x', 'fc1', 'in'], ['fc1', 'r', 'in'], ['r', 'loss', 'input'], ['y', 'loss', 'target'],
    ], Y_BIN),
  },
  {
    name: 'Mean over dim 0 and Sum of everything, against Constants (two losses)',
    doc: graph('Reductions', [
      x, lin('fc1', 3, 2), { id: 'm0', op: 'Mean', attrs: { dim: 0 } }, { id: 'c2', op: 'Constant', attrs: { value: [0.5, -0.25] } }, mse,
      { id: 'sall', op: 'Sum' }, { id: 'mall', op: 'Mean', attrs: { dim: -1 } }, { id: 'c1', op: 'Constant', attrs: { value: 1.5 } }, { id: 'loss2', op: 'MSELoss', attrs: { reduction: 'sum' } },
    ], [
      ['x', 'fc1', 'in'], ['fc1', 'm0', 'in'], ['m0', 'loss', 'input'], ['c2', 'loss', 'target'],
      ['fc1', 'sall', 'in'], ['sall', 'loss2', 'input'], ['c1', 'loss2', 'target'], ['m0', 'mall', 'in'],
    ], Y_FLOAT),
  },
];

/**
 * Linear layers big enough for the blocked matrix-product kernels (dispatch mode): 60 rows of 40 features, batches of
 * 50 (so the last is 10 rows) and sizes that leave partial 4×4 blocks at every edge.
 */
export const BLOCKED_CASE: OpCase = (() => {
  const n = 60, f = 40;
  const x = Array.from({ length: n }, (_, i) => Array.from({ length: f }, (_, j) => Math.round(100 * Math.sin(0.37 * i + 1.3 * j)) / 100));
  const y = Array.from({ length: n }, (_, i) => i % 3);
  const doc = graph('blocked Linear', [x0(f), { id: 'y', op: 'Target', attrs: { classes: 3 } }, lin('fc1', f, 70), { id: 'act', op: 'ReLU' }, lin('fc2', 70, 3), { id: 'loss', op: 'CrossEntropyLoss' }], [
    ['x', 'fc1', 'in'], ['fc1', 'act', 'in'], ['act', 'fc2', 'in'], ['fc2', 'loss', 'input'], ['y', 'loss', 'target'],
  ], y, { type: 'sgd', lr: 0.05, momentum: 0.5 });
  (doc.training!.data as { inline: { x: number[][] } }).inline.x = x;
  doc.training!.batchSize = 50;
  return { name: 'Linear 40→70→3 with blocked matrix products', doc };
})();

function x0(features: number): GraphNode {
  return { id: 'x', op: 'Input', attrs: { features } };
}
