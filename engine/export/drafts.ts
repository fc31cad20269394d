// Export spellings for ops whose file does not carry its own `torch` / `onnx` field yet.
// Each entry moves into its op file (engine/ops/<op>.ts) once the op catalogue is complete; the exporters prefer the
// op file's field, so an entry here is dead once its op file has one.
import type { NestedNumbers } from '../graph/types';
import type { OnnxContext, OnnxSpelling, TorchSpelling } from './spelling-types';
import { flattenNested } from './literals';

export interface Spellings<A> {
  torch?: TorchSpelling<A>;
  onnx?: OnnxSpelling<A>;
}

type Reduction = { reduction: 'mean' | 'sum' };

const unary = (py: (x: string) => string, onnxOp: string, attrs: Record<string, { f: number }> = {}): Spellings<unknown> => ({
  torch: { forward: (_a, { inputs: [x] }) => py(x) },
  onnx: { emit: (_a, c) => void c.op(onnxOp, c.inputs, attrs, c.output) },
});

const binary = (pyOp: string, onnxOp: string): Spellings<unknown> => ({
  torch: { forward: (_a, { inputs: [a, b] }) => `${a} ${pyOp} ${b}` },
  onnx: { emit: (_a, c) => void c.op(onnxOp, c.inputs, {}, c.output) },
});

const loss = (fn: string): Spellings<Reduction> => ({
  torch: { forward: (a, { inputs: [x, t] }) => `${fn}(${x}, ${t}, reduction="${a.reduction}")` },
});

const STEP_HELPERS = {
  Step: `class Step(torch.autograd.Function):
    """(x > 0) as a float; its gradient is 0 (wiregrad's Step with no surrogate)."""

    @staticmethod
    def forward(ctx, x):
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        return torch.zeros_like(grad)`,
  StepSTE: `class StepSTE(torch.autograd.Function):
    """(x > 0) as a float; the gradient passes straight through (the perceptron rule's identity surrogate)."""

    @staticmethod
    def forward(ctx, x):
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad`,
};

function geluOnnx(approximate: string, c: OnnxContext): void {
  const [x] = c.inputs;
  const k = (v: number): string => c.constant([v], []);
  if (approximate === 'tanh') {
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as torch's tanh approximation.
    const x3 = c.op('Mul', [c.op('Mul', [x, x]), x]);
    const inner = c.op('Mul', [c.op('Add', [x, c.op('Mul', [x3, k(0.044715)])]), k(Math.sqrt(2 / Math.PI))]);
    const onePlus = c.op('Add', [c.op('Tanh', [inner]), k(1)]);
    c.op('Mul', [c.op('Mul', [x, k(0.5)]), onePlus], {}, c.output);
    return;
  }
  // Exact GELU: opset 17 has no Gelu, so x * 0.5 * (1 + erf(x / sqrt(2))).
  const onePlus = c.op('Add', [c.op('Erf', [c.op('Mul', [x, k(Math.SQRT1_2)])]), k(1)]);
  c.op('Mul', [c.op('Mul', [x, k(0.5)]), onePlus], {}, c.output);
}

function reduceOnnx(kind: 'Sum' | 'Mean', dim: number | null, c: OnnxContext): void {
  const keep = { keepdims: { i: 0 } };
  if (kind === 'Sum') {
    // ReduceSum takes its axes as an input since opset 13; none means every axis.
    const inputs = dim === null ? c.inputs : [c.inputs[0], c.constant([dim], [1], 'int64')];
    c.op('ReduceSum', inputs, keep, c.output);
  } else {
    // ReduceMean still takes its axes as an attribute in opset 17.
    c.op('ReduceMean', c.inputs, dim === null ? keep : { ...keep, axes: { ints: [dim] } }, c.output);
  }
}

export const DRAFTS: Readonly<Record<string, Spellings<never>>> = {
  Constant: {
    torch: { buffer: (a: { value: NestedNumbers }) => a.value, forward: (_a, c) => `self.${c.name}` },
    onnx: {
      emit: (a: { value: NestedNumbers }, c) => {
        const flat = flattenNested(a.value) ?? { values: [], shape: [0] };
        c.op('Identity', [c.constant(flat.values, flat.shape)], {}, c.output);
      },
    },
  } satisfies Spellings<{ value: NestedNumbers }>,
  Parameter: {
    torch: { forward: (_a, c) => c.params[0] },
    onnx: { emit: (_a, c) => void c.op('Identity', [c.params[0]], {}, c.output) },
  },
  Linear: {
    torch: {
      module: (a: { in: number; out: number; bias: boolean }) => `nn.Linear(${a.in}, ${a.out}, bias=${a.bias ? 'True' : 'False'})`,
      forward: (_a, c) => `self.${c.name}(${c.inputs[0]})`,
    },
    onnx: {
      emit: (a: { bias: boolean }, c) => {
        const [x] = c.inputs;
        const [w, b] = c.params;
        if (c.inShapes[0].length === 2) {
          c.op('Gemm', a.bias ? [x, w, b] : [x, w], { transB: { i: 1 } }, c.output);
          return;
        }
        const xw = c.op('MatMul', [x, c.op('Transpose', [w], { perm: { ints: [1, 0] } })]);
        if (a.bias) c.op('Add', [xw, b], {}, c.output);
        else c.op('Identity', [xw], {}, c.output);
      },
    },
  } satisfies Spellings<{ in: number; out: number; bias: boolean }>,
  MatMul: binary('@', 'MatMul'),
  Add: binary('+', 'Add'),
  Sub: binary('-', 'Sub'),
  Mul: binary('*', 'Mul'),
  Concat: {
    torch: { forward: (_a, { inputs: [a, b] }) => `torch.cat([${a}, ${b}], dim=-1)` },
    onnx: { emit: (_a, c) => void c.op('Concat', c.inputs, { axis: { i: -1 } }, c.output) },
  },
  ReLU: unary((x) => `F.relu(${x})`, 'Relu'),
  LeakyReLU: {
    torch: { forward: (a: { negativeSlope: number }, { inputs: [x] }) => `F.leaky_relu(${x}, negative_slope=${a.negativeSlope})` },
    onnx: { emit: (a: { negativeSlope: number }, c) => void c.op('LeakyRelu', c.inputs, { alpha: { f: a.negativeSlope } }, c.output) },
  } satisfies Spellings<{ negativeSlope: number }>,
  Sigmoid: unary((x) => `torch.sigmoid(${x})`, 'Sigmoid'),
  Tanh: unary((x) => `torch.tanh(${x})`, 'Tanh'),
  GELU: {
    torch: {
      forward: (a: { approximate: string }, { inputs: [x] }) =>
        a.approximate === 'tanh' ? `F.gelu(${x}, approximate="tanh")` : `F.gelu(${x})`,
    },
    onnx: { emit: (a: { approximate: string }, c) => geluOnnx(a.approximate, c) },
  } satisfies Spellings<{ approximate: string }>,
  Step: {
    torch: {
      forward: (a: { surrogate: string }, { inputs: [x] }) => `${a.surrogate === 'identity' ? 'StepSTE' : 'Step'}.apply(${x})`,
      helpers: (a: { surrogate: string }): Record<string, string> =>
        a.surrogate === 'identity' ? { StepSTE: STEP_HELPERS.StepSTE } : { Step: STEP_HELPERS.Step },
    },
    onnx: {
      emit: (_a, c) => {
        const positive = c.op('Greater', [c.inputs[0], c.constant([0], [])]);
        c.op('Cast', [positive], { to: { i: 1 } }, c.output);
      },
    },
  } satisfies Spellings<{ surrogate: string }>,
  Softmax: {
    torch: { forward: (_a, { inputs: [x] }) => `F.softmax(${x}, dim=-1)` },
    onnx: { emit: (_a, c) => void c.op('Softmax', c.inputs, { axis: { i: -1 } }, c.output) },
  },
  LogSoftmax: {
    torch: { forward: (_a, { inputs: [x] }) => `F.log_softmax(${x}, dim=-1)` },
    onnx: { emit: (_a, c) => void c.op('LogSoftmax', c.inputs, { axis: { i: -1 } }, c.output) },
  },
  Sum: {
    torch: { forward: (a: { dim: number | null }, { inputs: [x] }) => (a.dim === null ? `torch.sum(${x})` : `torch.sum(${x}, dim=${a.dim})`) },
    onnx: { emit: (a: { dim: number | null }, c) => reduceOnnx('Sum', a.dim, c) },
  } satisfies Spellings<{ dim: number | null }>,
  Mean: {
    torch: { forward: (a: { dim: number | null }, { inputs: [x] }) => (a.dim === null ? `torch.mean(${x})` : `torch.mean(${x}, dim=${a.dim})`) },
    onnx: { emit: (a: { dim: number | null }, c) => reduceOnnx('Mean', a.dim, c) },
  } satisfies Spellings<{ dim: number | null }>,
  MSELoss: loss('F.mse_loss'),
  BCELoss: loss('F.binary_cross_entropy'),
  BCEWithLogitsLoss: loss('F.binary_cross_entropy_with_logits'),
  CrossEntropyLoss: loss('F.cross_entropy'),
  NLLLoss: loss('F.nll_loss'),
};
