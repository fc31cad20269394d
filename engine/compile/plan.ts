// The compiled plan: a flat list of steps over numbered buffers. Executors (cpu/, webgpu/) replay it;
// they never see the document. Produced by compile() (engine/compile/compile.ts), a pure function.
import type { Shape } from '../tensor';

export type BufferId = number;
export type BufferRole = 'value' | 'grad' | 'param' | 'paramGrad' | 'seed';

export interface BufferDecl {
  id: BufferId;
  role: BufferRole;
  /** May contain 'B'. */
  shape: Shape;
  /** Elements at the plan's batch size (the most it ever holds). */
  size: number;
}

export interface ForwardStep {
  kind: 'forward';
  node: string;
  op: string;
  /** Parsed and defaulted by the op's attrs schema. */
  attrs: unknown;
  inputs: BufferId[];
  inShapes: Shape[];
  params: BufferId[];
  out: BufferId;
  outShape: Shape;
}

export interface BackwardStep {
  kind: 'backward';
  node: string;
  op: string;
  attrs: unknown;
  inputs: BufferId[];
  inShapes: Shape[];
  params: BufferId[];
  out: BufferId;
  outShape: Shape;
  gradOut: BufferId;
  /** Per input port: the edge's own gradient buffer, or null (no gradient, or nobody needs it). */
  gradInputs: (BufferId | null)[];
  gradParams: (BufferId | null)[];
}

/** A node's output gradient = the sum of its outgoing edges' gradients (fan-out; the multivariable chain rule). */
export interface SumStep {
  kind: 'sum';
  node: string;
  out: BufferId;
  terms: BufferId[];
  shape: Shape;
}

export type PlanStep = ForwardStep | BackwardStep | SumStep;

export interface PlanNode {
  id: string;
  op: string;
  attrs: unknown;
  outShape: Shape;
  out: BufferId;
  /** d(objective)/d(out), or null when no gradient reaches this node. */
  grad: BufferId | null;
}

export interface PlanEdge {
  id: string;
  source: string;
  target: string;
  targetPort: string;
  shape: Shape;
  /** value(e): the source node's output buffer. */
  value: BufferId;
  /**
   * grad(e): this edge's own gradient contribution; null into a loss's target port, in a graph with no loss, and
   * (keep 'params') where nobody needs it. With keep 'all', an edge the objective does not depend on gets a buffer
   * no step writes: it stays zero, as the spec shows it.
   */
  grad: BufferId | null;
  /** True for such an edge (its `grad` is a zero buffer no backward step or fan-out sum touches). */
  unreached?: boolean;
}

export interface PlanParam {
  /** `${node}.${name}`, as the command line prints it. */
  key: string;
  node: string;
  name: string;
  shape: number[];
  value: BufferId;
  /** null when no gradient reaches it (keep 'params' or no loss); see `unreached`. */
  grad: BufferId | null;
  /**
   * True when the objective does not depend on this param but (keep 'all') it still has a zero `grad` buffer for
   * probes. Optimisers must skip it (no weight decay, no momentum), as torch.optim skips a param whose .grad is None.
   */
  unreached?: boolean;
  /** Initial value: from the file's `params`, else the op's default init from the training seed. Row-major. */
  initial: Float64Array;
}

export interface PlanSource {
  node: string;
  kind: 'x' | 'y';
  out: BufferId;
  /** For x: the data columns this Input reads, in order (-1 where the file names the column: see columnNames). */
  columns: number[];
  /** For x, when the file names columns: the name per position (null where it gave an index); the executor resolves them against DataRows.columns. */
  columnNames?: (string | null)[];
  /** For y: 'class' means [B] class indices, 'float' means [B, F]. */
  yKind?: 'class' | 'float';
}

export interface PlanLoss {
  node: string;
  op: string;
  out: BufferId;
  /** The loss's `input` port buffer and shape (what accuracy reads). */
  input: BufferId;
  inputShape: Shape;
  /** The loss's `target` port buffer. */
  target: BufferId;
}

export interface Plan {
  /** The batch size buffers are sized for; a step may run with fewer rows (the last minibatch of an epoch). */
  batch: number;
  /** 'all': every edge's value and gradient is readable after a step. 'params': buffers are reused; only params, their grads, sources and losses are. */
  keep: 'all' | 'params';
  buffers: BufferDecl[];
  /** Topological order. */
  nodes: PlanNode[];
  edges: PlanEdge[];
  params: PlanParam[];
  sources: PlanSource[];
  losses: PlanLoss[];
  /** The scalar 1 that seeds d(objective)/d(loss). */
  seed: BufferId | null;
  forward: ForwardStep[];
  /** Reverse order; includes the fan-out sums. Empty when there is no loss. */
  backward: PlanStep[];
}
