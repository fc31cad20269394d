// The op test table: for every op, representative attrs and input shapes (broadcast cases included), with
// values drawn away from kinks. The gradient, PyTorch and buffer tests all walk this one table.
import type { Shape } from '../../engine/tensor';

/** How an input's values are drawn. */
export type Gen =
  | 'normal' // N(0, 1)
  | 'wide' // N(0, 4²): reaches both tails (GELU's erf branches)
  | 'huge' // N(0, 1000²): overflows a naive exp (the stable forms must not)
  | 'clamp' // 0, 1, 1e−50 and a probability in turn: BCE's log clamp at −100 and its 1e−12 floor
  | 'nonzero' // N(0, 1) pushed at least 0.1 away from 0 (ReLU, LeakyReLU, Step kinks)
  | 'prob' // U(0.05, 0.95): a probability away from BCE's clamps
  | 'unit' // U(0, 1): soft binary targets
  | { classes: number }; // integer class indices 0..K−1

export interface CaseInput {
  shape: Shape;
  gen?: Gen;
}

export interface OpCase {
  name: string;
  op: string;
  /** Raw attrs, as written in a graph file; parsed by the op's schema. */
  attrs?: Record<string, unknown>;
  inputs: CaseInput[];
  /** Why this case is not checked against finite differences (its gradient is a surrogate by definition). */
  noFd?: string;
}

const n = (shape: Shape, gen: Gen = 'normal'): CaseInput => ({ shape, gen });
const unary = (op: string, attrs: Record<string, unknown> = {}, gen: Gen = 'normal', extra = ''): OpCase[] => [
  { name: `${op}${extra} [B,4]`, op, attrs, inputs: [n(['B', 4], gen)] },
  { name: `${op}${extra} [3]`, op, attrs, inputs: [n([3], gen)] },
];

export const CASES: readonly OpCase[] = [
  { name: 'Constant matrix', op: 'Constant', attrs: { value: [[1, 2, 3], [4, 5, 6]] }, inputs: [] },
  { name: 'Constant vector', op: 'Constant', attrs: { value: [0.5, -2] }, inputs: [] },
  { name: 'Constant scalar', op: 'Constant', attrs: { value: 2.5 }, inputs: [] },
  { name: 'Parameter scalar', op: 'Parameter', attrs: {}, inputs: [] },
  { name: 'Parameter [3]', op: 'Parameter', attrs: { shape: [3] }, inputs: [] },
  { name: 'Parameter [2,3]', op: 'Parameter', attrs: { shape: [2, 3], init: 'normal' }, inputs: [] },

  { name: 'Linear 3→2', op: 'Linear', attrs: { in: 3, out: 2 }, inputs: [n(['B', 3])] },
  { name: 'Linear 3→4 no bias', op: 'Linear', attrs: { in: 3, out: 4, bias: false }, inputs: [n(['B', 3])] },
  { name: 'Linear on a vector [4]→1', op: 'Linear', attrs: { in: 4, out: 1 }, inputs: [n([4])] },

  { name: 'MatMul [B,3]@[3,2]', op: 'MatMul', inputs: [n(['B', 3]), n([3, 2])] },
  { name: 'MatMul [2,B]@[B,4]', op: 'MatMul', inputs: [n([2, 'B']), n(['B', 4])] },

  { name: 'Add [B,3]+[B,3]', op: 'Add', inputs: [n(['B', 3]), n(['B', 3])] },
  { name: 'Add [B,3]+[3]', op: 'Add', inputs: [n(['B', 3]), n([3])] },
  { name: 'Add [B,1]+[1,4]', op: 'Add', inputs: [n(['B', 1]), n([1, 4])] },
  { name: 'Add []+[B,2]', op: 'Add', inputs: [n([]), n(['B', 2])] },
  { name: 'Add []+[]', op: 'Add', inputs: [n([]), n([])] },
  { name: 'Sub [B,3]-[3]', op: 'Sub', inputs: [n(['B', 3]), n([3])] },
  { name: 'Sub [B,1]-[B,3]', op: 'Sub', inputs: [n(['B', 1]), n(['B', 3])] },
  { name: 'Sub [3]-[B,3]', op: 'Sub', inputs: [n([3]), n(['B', 3])] },
  { name: 'Mul [B,1]*[B,3]', op: 'Mul', inputs: [n(['B', 1]), n(['B', 3])] },
  { name: 'Mul []*[B,2] (scalar Parameter)', op: 'Mul', inputs: [n([]), n(['B', 2])] },
  { name: 'Mul [B,3]*[B,3]', op: 'Mul', inputs: [n(['B', 3]), n(['B', 3])] },
  { name: 'Mul [2]*[B,1]', op: 'Mul', inputs: [n([2]), n(['B', 1])] },

  { name: 'Concat [B,2]|[B,3]', op: 'Concat', inputs: [n(['B', 2]), n(['B', 3])] },
  { name: 'Concat [2]|[1]', op: 'Concat', inputs: [n([2]), n([1])] },

  ...unary('ReLU', {}, 'nonzero'),
  ...unary('LeakyReLU', {}, 'nonzero'),
  ...unary('LeakyReLU', { negativeSlope: 0.2 }, 'nonzero', ' slope 0.2'),
  ...unary('Sigmoid'),
  ...unary('Tanh'),
  ...unary('GELU'),
  { name: 'GELU wide range [B,4]', op: 'GELU', inputs: [n(['B', 4], 'wide')] },
  ...unary('GELU', { approximate: 'tanh' }, 'normal', ' tanh'),
  ...unary('Step', {}, 'nonzero'),
  ...unary('Step', { surrogate: 'identity' }, 'nonzero', ' identity').map((c) => ({
    ...c,
    noFd: 'the identity surrogate is by definition not the derivative (0) of the step',
  })),
  ...unary('Softmax'),
  ...unary('LogSoftmax'),
  { name: 'Softmax huge [B,3]', op: 'Softmax', inputs: [n(['B', 3], 'huge')] },
  { name: 'LogSoftmax huge [B,3]', op: 'LogSoftmax', inputs: [n(['B', 3], 'huge')] },
  { name: 'Sigmoid huge [B,3]', op: 'Sigmoid', inputs: [n(['B', 3], 'huge')] },

  { name: 'Sum all [B,3]', op: 'Sum', inputs: [n(['B', 3])] },
  { name: 'Sum dim 0 [B,3]', op: 'Sum', attrs: { dim: 0 }, inputs: [n(['B', 3])] },
  { name: 'Sum dim 1 [B,3]', op: 'Sum', attrs: { dim: 1 }, inputs: [n(['B', 3])] },
  { name: 'Sum dim -1 [B,3]', op: 'Sum', attrs: { dim: -1 }, inputs: [n(['B', 3])] },
  { name: 'Sum dim 0 [4]', op: 'Sum', attrs: { dim: 0 }, inputs: [n([4])] },
  { name: 'Sum all []', op: 'Sum', inputs: [n([])] },
  { name: 'Mean all [B,3]', op: 'Mean', inputs: [n(['B', 3])] },
  { name: 'Mean dim 0 [B,3]', op: 'Mean', attrs: { dim: 0 }, inputs: [n(['B', 3])] },
  { name: 'Mean dim 1 [B,3]', op: 'Mean', attrs: { dim: 1 }, inputs: [n(['B', 3])] },
  { name: 'Mean dim -1 [4]', op: 'Mean', attrs: { dim: -1 }, inputs: [n([4])] },

  { name: 'MSELoss mean [B,2]', op: 'MSELoss', inputs: [n(['B', 2]), n(['B', 2])] },
  { name: 'MSELoss sum [B]', op: 'MSELoss', attrs: { reduction: 'sum' }, inputs: [n(['B']), n(['B'])] },
  { name: 'BCELoss mean [B,1]', op: 'BCELoss', inputs: [n(['B', 1], 'prob'), n(['B', 1], 'unit')] },
  { name: 'BCELoss sum [B,3]', op: 'BCELoss', attrs: { reduction: 'sum' }, inputs: [n(['B', 3], 'prob'), n(['B', 3], 'unit')] },
  {
    name: 'BCELoss at 0, 1 and 1e-50 (clamped logs)',
    op: 'BCELoss',
    inputs: [n(['B', 4], 'clamp'), n(['B', 4], 'unit')],
    noFd: 'the clamp at −100 and the 1e−12 floor are PyTorch conventions, not derivatives',
  },
  { name: 'BCEWithLogitsLoss mean [B,2]', op: 'BCEWithLogitsLoss', inputs: [n(['B', 2]), n(['B', 2], 'unit')] },
  { name: 'BCEWithLogitsLoss sum [B,1]', op: 'BCEWithLogitsLoss', attrs: { reduction: 'sum' }, inputs: [n(['B', 1]), n(['B', 1], 'unit')] },
  { name: 'CrossEntropyLoss mean [B,4]', op: 'CrossEntropyLoss', inputs: [n(['B', 4]), n(['B'], { classes: 4 })] },
  { name: 'CrossEntropyLoss sum [B,3]', op: 'CrossEntropyLoss', attrs: { reduction: 'sum' }, inputs: [n(['B', 3]), n(['B'], { classes: 3 })] },
  { name: 'CrossEntropyLoss huge logits', op: 'CrossEntropyLoss', inputs: [n(['B', 3], 'huge'), n(['B'], { classes: 3 })] },
  { name: 'BCEWithLogitsLoss huge logits', op: 'BCEWithLogitsLoss', inputs: [n(['B', 2], 'huge'), n(['B', 2], 'unit')] },
  { name: 'NLLLoss mean [B,4]', op: 'NLLLoss', inputs: [n(['B', 4]), n(['B'], { classes: 4 })] },
  { name: 'NLLLoss sum [B,2]', op: 'NLLLoss', attrs: { reduction: 'sum' }, inputs: [n(['B', 2]), n(['B'], { classes: 2 })] },
];
