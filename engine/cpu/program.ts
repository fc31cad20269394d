// A plan turned into flat arrays of ready-to-call steps over one set of typed arrays, for one row count.
// Every Tensor view and argument record is built here, once, so replaying a step allocates nothing.
import type { Plan, PlanStep, ForwardStep } from '../compile/plan';
import type { AnyOpDef, BackwardArgs, ForwardArgs } from '../ops/types';
import { getOp } from '../ops/registry';
import { resolveShape, sizeOf, type FloatArray, type Shape, type Tensor } from '../tensor';

export type Thunk = () => void;

export interface Program {
  rows: number;
  forward: Thunk[];
  backward: Thunk[];
  /** Index in `forward` just past the step that writes each node's output (sources: 0). */
  forwardEnd: Map<string, number>;
}

function opOf(op: string): AnyOpDef {
  const def = getOp(op);
  if (!def) throw new Error(`the plan uses op "${op}", which this build does not know`);
  return def;
}

export function buildProgram(plan: Plan, bufs: readonly FloatArray[], rows: number): Program {
  const view = (b: number, shape: Shape): Tensor => {
    const s = resolveShape(shape, rows);
    return { data: bufs[b].subarray(0, sizeOf(s)), shape: s };
  };
  const paramShape = new Map(plan.params.map((p) => [p.value, p.shape] as const));
  const paramView = (b: number): Tensor => view(b, paramShape.get(b) ?? []);
  const forwardArgs = (s: ForwardStep | Extract<PlanStep, { kind: 'backward' }>): ForwardArgs<unknown> => ({
    attrs: s.attrs,
    inputs: s.inputs.map((b, i) => view(b, s.inShapes[i])),
    params: s.params.map(paramView),
    out: view(s.out, s.outShape),
  });
  const paramGradShape = new Map(plan.params.map((p) => [p.grad, p.shape] as const));
  const forward: Thunk[] = [];
  const forwardEnd = new Map<string, number>();
  for (const s of plan.sources) forwardEnd.set(s.node, 0);
  for (const s of plan.forward) {
    const def = opOf(s.op);
    const args = forwardArgs(s);
    forward.push(() => def.forward(args));
    forwardEnd.set(s.node, forward.length);
  }
  const backward: Thunk[] = [];
  for (const s of plan.backward) {
    if (s.kind === 'sum') {
      const out = bufs[s.out], terms = s.terms.map((t) => bufs[t]), k = terms.length;
      const n = sizeOf(resolveShape(s.shape, rows));
      const t0 = terms[0];
      backward.push(() => {
        for (let i = 0; i < n; i++) out[i] = t0[i];
        for (let t = 1; t < k; t++) {
          const a = terms[t];
          for (let i = 0; i < n; i++) out[i] += a[i];
        }
      });
      continue;
    }
    if (s.kind !== 'backward') continue;
    const def = opOf(s.op);
    const args: BackwardArgs<unknown> = {
      ...forwardArgs(s),
      gradOut: view(s.gradOut, s.outShape),
      gradInputs: s.gradInputs.map((b, i) => (b === null ? null : view(b, s.inShapes[i]))),
      gradParams: s.gradParams.map((b) => (b === null ? null : view(b, paramGradShape.get(b) ?? []))),
    };
    backward.push(() => def.backward(args));
  }
  return { rows, forward, backward, forwardEnd };
}
