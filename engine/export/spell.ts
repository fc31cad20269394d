// Pieces of op spellings shared by several op files (engine/ops/*): the losses' PyTorch call, the Step autograd
// Functions, GELU's and the reductions' ONNX decompositions. Never imports the registry (op files import this).
import type { NestedNumbers } from '../graph/types';
import { flattenNested } from './literals';
import type { OnnxContext, TorchSpelling } from './spelling-types';

/** `F.mse_loss(input, target, reduction="mean")`: every loss is one torch.nn.functional call. */
export function lossTorch(fn: string): TorchSpelling<{ reduction: 'mean' | 'sum' }> {
  return { forward: (a, { inputs: [x, t] }) => `${fn}(${x}, ${t}, reduction="${a.reduction}")` };
}

const STEP_FORWARD = `
    @staticmethod
    def forward(ctx, x):
        return (x > 0).to(x.dtype)
`;

/** Python autograd Functions for Step: a custom backward so the gradient is exactly what wiregrad's is. */
export const STEP_HELPERS = {
  Step: `class Step(torch.autograd.Function):
    """(x > 0) as a float; its gradient is 0 (wiregrad's Step with no surrogate)."""
${STEP_FORWARD}
    @staticmethod
    def backward(ctx, grad):
        return torch.zeros_like(grad)`,
  StepSTE: `class StepSTE(torch.autograd.Function):
    """(x > 0) as a float; the gradient passes straight through (the perceptron rule's identity surrogate)."""
${STEP_FORWARD}
    @staticmethod
    def backward(ctx, grad):
        return grad`,
} as const;

/** GELU in opset 17, which has no Gelu operator: torch's exact (erf) form, or its tanh approximation. */
export function geluOnnx(approximate: 'none' | 'tanh', c: OnnxContext): void {
  const [x] = c.inputs;
  const k = (v: number): string => c.constant([v], []);
  if (approximate === 'tanh') {
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    const x3 = c.op('Mul', [c.op('Mul', [x, x]), x]);
    const inner = c.op('Mul', [c.op('Add', [x, c.op('Mul', [x3, k(0.044715)])]), k(Math.sqrt(2 / Math.PI))]);
    const onePlus = c.op('Add', [c.op('Tanh', [inner]), k(1)]);
    c.op('Mul', [c.op('Mul', [x, k(0.5)]), onePlus], {}, c.output);
    return;
  }
  // x * 0.5 * (1 + erf(x / sqrt(2)))
  const onePlus = c.op('Add', [c.op('Erf', [c.op('Mul', [x, k(Math.SQRT1_2)])]), k(1)]);
  c.op('Mul', [c.op('Mul', [x, k(0.5)]), onePlus], {}, c.output);
}

/** torch.sum / torch.mean with keepdim false; dim null reduces every axis. */
export function reduceOnnx(kind: 'Sum' | 'Mean', dim: number | null, c: OnnxContext): void {
  const keep = { keepdims: { i: 0 } };
  if (kind === 'Sum') {
    // ReduceSum takes its axes as an input since opset 13; none means every axis.
    const inputs = dim === null ? c.inputs : [c.inputs[0], c.constant([dim], [1], 'int64')];
    c.op('ReduceSum', inputs, keep, c.output);
    return;
  }
  // ReduceMean still takes its axes as an attribute in opset 17.
  c.op('ReduceMean', c.inputs, dim === null ? keep : { ...keep, axes: { ints: [dim] } }, c.output);
}

/** A Constant's value as an ONNX initializer. */
export function constantOnnx(value: NestedNumbers, c: OnnxContext): void {
  const flat = flattenNested(value) ?? { values: [], shape: [0] };
  c.op('Identity', [c.constant(flat.values, flat.shape)], {}, c.output);
}
