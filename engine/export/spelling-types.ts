// The export half of an op definition: how the PyTorch script and the ONNX graph spell the op.
// Owned by the exporter (engine/export/); each op file fills in its `torch` and `onnx` fields.
import type { NestedNumbers } from '../graph/types';
import type { Shape } from '../tensor';

/** What the PyTorch exporter knows about one node when it writes the node's line of `forward`. */
export interface TorchContext {
  /** Python expressions of the node's inputs, in port order (`hidden`, `self.w`, `x`). */
  inputs: readonly string[];
  /** Python expressions of the node's params, in `params()` order (`self.fc1.weight`, `self.w`). */
  params: readonly string[];
  /** The node's Python name: its submodule is `self.<name>`, its output the local `<name>`. */
  name: string;
  inShapes: readonly Shape[];
  outShape: Shape;
}

export interface TorchSpelling<A> {
  /**
   * A submodule the model owns, created in `__init__` (`nn.Linear(2, 4, bias=True)`): its params are then
   * `self.<name>.<param>`. Without it, each param becomes an `nn.Parameter` on the model (`self.<name>`).
   */
  module?(attrs: A): string;
  /** A constant tensor the model holds as a buffer (`self.<name>`), e.g. Constant's value. */
  buffer?(attrs: A): NestedNumbers;
  /** The Python expression of the node's output (`F.relu(hidden)`, `self.fc1(x)`, `a + b`). */
  forward(attrs: A, ctx: TorchContext): string;
  /** Python definitions the expression needs, written once at the top of the script, by name (`StepSTE`). */
  helpers?(attrs: A): Readonly<Record<string, string>>;
}

/** A node attribute in ONNX: tagged, since ONNX tells ints from floats. */
export type OnnxAttr =
  | { f: number }
  | { i: number }
  | { s: string }
  | { ints: readonly number[] }
  | { floats: readonly number[] };

/** What the ONNX exporter offers one node while it emits the node's ONNX operators. */
export interface OnnxContext {
  /** Value names of the node's inputs, in port order. */
  inputs: readonly string[];
  /** Initializer names of the node's params, in `params()` order. */
  params: readonly string[];
  /** The value name the node's output must be written to. */
  output: string;
  inShapes: readonly Shape[];
  outShape: Shape;
  /** Appends an operator (opset 17, default domain); returns its output value (`output` when given, else a fresh name). */
  op(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>, output?: string): string;
  /** A constant initializer; returns its name. */
  constant(values: readonly number[], shape: readonly number[], type?: 'float' | 'int64'): string;
}

export interface OnnxSpelling<A> {
  /** Emits the operators computing the node's output into `ctx.output`. */
  emit(attrs: A, ctx: OnnxContext): void;
}
