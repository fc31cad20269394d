// What an op is: everything about it in one place (ports, attrs, shape rule, CPU kernels, GPU kernels, PyTorch spelling).
// Adding an op = one file in engine/ops/ + one line in engine/ops/registry.ts.
import type { z } from 'zod';
import type { Rng } from '../rng';
import type { FloatArray, Shape, Tensor } from '../tensor';
import type { WgslKernels } from '../webgpu/kernel-types';
import type { OnnxSpelling, TorchSpelling } from '../export/spelling-types';

export type OpCategory = 'data' | 'layers' | 'activations' | 'math' | 'losses';

export interface ParamDecl {
  /** 'weight', 'bias', 'value'. */
  name: string;
  /** Concrete: parameters never carry the batch dimension. */
  shape: readonly number[];
  /** PyTorch's default initialisation, drawn from `rng` (seeded per node and param). */
  init(rng: Rng, out: FloatArray): void;
}

/** A shape rule's refusal. `port` names the input port at fault, when there is one. */
export interface ShapeError {
  error: string;
  port?: string;
}
export type ShapeResult = { shape: Shape } | ShapeError;

export interface ForwardArgs<A> {
  attrs: A;
  /** One per input port, in `inputs` order, batch dimension resolved. */
  inputs: readonly Tensor[];
  /** One per declared param, in `params()` order. */
  params: readonly Tensor[];
  out: Tensor;
}

export interface BackwardArgs<A> extends ForwardArgs<A> {
  /** d(objective)/d(out). For a loss node: the scalar 1. */
  gradOut: Tensor;
  /**
   * One per input port: overwrite with d(objective)/d(that input), already summed back to the input's shape
   * when it was broadcast. `null` where nobody needs it (skip the work).
   */
  gradInputs: readonly (Tensor | null)[];
  /** One per param: overwrite with d(objective)/d(param). `null` where nobody needs it. */
  gradParams: readonly (Tensor | null)[];
}

/** Where a source op's value comes from when no kernel computes it. */
export type SourceKind = 'x' | 'y';

export interface OpDef<A = Record<string, unknown>> {
  op: string;
  category: OpCategory;
  /** One line for the palette and the inspector. */
  summary: string;
  /** Input port names, in order. Source ops have none. */
  inputs: readonly string[];
  /** Validates and defaults the node's `attrs` (strict: unknown attrs are refused). */
  attrs: z.ZodType<A>;
  /** Learnable tensors. */
  params(attrs: A): ParamDecl[];
  /** Shape rule. Input shapes are in port order. */
  shape(inputs: readonly Shape[], attrs: A): ShapeResult;
  /** A loss: its scalar output is added to the objective. */
  isLoss?: boolean;
  /** Input ports whose edges carry no gradient (a loss's `target`). */
  noGradPorts?: readonly string[];
  /** Input and Target: the executor writes the minibatch's x or y into `out`; `forward` is not called. */
  source?: SourceKind;
  forward(args: ForwardArgs<A>): void;
  backward(args: BackwardArgs<A>): void;
  /** WGSL kernels (engine/webgpu/kernel-types.ts). */
  wgsl?: WgslKernels<A>;
  /** How the PyTorch exporter writes this op (engine/export/spelling-types.ts). */
  torch?: TorchSpelling<A>;
  /** How the ONNX exporter writes this op (engine/export/spelling-types.ts). */
  onnx?: OnnxSpelling<A>;
}

/** An OpDef with its attrs type erased, as the registry holds it (attrs are parsed by `attrs` before any call). */
export type AnyOpDef = OpDef<unknown>;
