// What runs for a Plan: the stage lists of a training step, an evaluation and a prediction, over one layout.
// Pure (no GPU): the executor compiles them, and the snapshot tests pin the WGSL they generate.
import type { Plan } from '../compile/plan';
import { sourceSlots } from '../cpu/gather';
import type { DataRows, OptimizerConfig } from '../executor';
import { getOp } from '../ops/registry';
import { resolveShape, sizeOf } from '../tensor';
import { dispatchModule, fuse, singleModule } from './codegen';
import { layoutArena, type Layout } from './layout';
import { StageBuilder, type KernelLookup, type Stage } from './stages';

export const opKernels: KernelLookup = (op) => {
  const def = getOp(op);
  return { def, wgsl: def?.wgsl };
};

/** Data columns each source reads (Input columns given by name resolved against the data), throwing readable errors. */
export function sourceColumns(plan: Plan, data: DataRows): Int32Array[] {
  return sourceSlots(plan, plan.buffers.map(() => new Float32Array(0)), data).map((s) => s.columns);
}

export interface ProgramOptions {
  batch: number;
  data: DataRows;
  optimizer: OptimizerConfig | null;
  chunk: number;
  stepsPerEpoch: number;
}

export interface StageLists {
  layout: Layout;
  builder: StageBuilder;
  /** begin, gathers, forward, objective (+history), backward, check, backup, optimiser, params check, count. */
  train: Stage[];
  /** begin, gathers, forward, objective, backward: one forward and backward, no update. */
  evaluate: Stage[];
  /** begin, gathers, forward up to and including `node`'s step. */
  predict(node: string): Stage[];
}

export function buildStages(plan: Plan, o: ProgramOptions, kernels: KernelLookup = opKernels): StageLists {
  const layout = layoutArena(plan, {
    batch: o.batch, dataRows: o.data.n, xFeatures: o.data.xFeatures, yFeatures: o.data.yFeatures,
    optimizer: o.optimizer, chunk: o.chunk, stepsPerEpoch: o.stepsPerEpoch,
  });
  const b = new StageBuilder(plan, layout, kernels);
  const columns = sourceColumns(plan, o.data);
  const head = (): Stage[] => [b.begin(), ...b.gathers(columns)];
  const forward = plan.forward.map((s) => b.forward(s));
  const backward = plan.backward.flatMap((s) => (s.kind === 'sum' ? [b.sum(s)] : s.kind === 'backward' ? b.backward(s) : [b.forward(s)]));
  const train = o.optimizer && plan.losses.length
    ? [...head(), ...forward, b.objective(true), ...backward, b.check(), ...b.update(o.optimizer), b.end()]
    : [];
  const evaluate = [...head(), ...forward, b.objective(false), ...backward];
  const predict = (node: string): Stage[] => {
    const at = plan.forward.findIndex((s) => s.node === node);
    return [...head(), ...forward.slice(0, at + 1)];
  };
  return { layout, builder: b, train, evaluate, predict };
}

/** Small graphs run a whole step (and many steps) in one single-workgroup kernel; larger ones one dispatch per stage. */
export function chooseMode(stages: readonly Stage[], batch: number): 'single' | 'dispatch' {
  const biggest = Math.max(0, ...stages.map((s) => sizeOf(resolveShape(s.count, batch))));
  return biggest <= 1024 ? 'single' : 'dispatch';
}

/** The WGSL a stage list compiles to (what WIREGRAD_DEBUG_WGSL prints and the snapshot tests pin). */
export function wgslOf(stages: readonly Stage[], mode: 'single' | 'dispatch'): string {
  const all = [...stages.slice(0, 1), ...fuse(stages.slice(1))];
  return mode === 'single' ? singleModule(all, 1) : dispatchModule(all);
}
