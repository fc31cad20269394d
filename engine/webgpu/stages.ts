// Plan → stages: each stage computes element `i` of its outputs for every i < size(count). The op kernels come from
// each op's `wgsl` field; the executor adds what is its own job (gathering minibatches, fan-out sums, the objective,
// the non-finite check, the optimiser, the step counter).
import type { BackwardStep, BufferId, ForwardStep, Plan, SumStep } from '../compile/plan';
import type { OptimizerConfig } from '../executor';
import type { AnyOpDef } from '../ops/types';
import type { Shape } from '../tensor';
import { f32, type WgslKernels, type WgslOutTensor, type WgslProgram, type WgslTensor } from './kernel-types';
import type { Tiled } from './gemm';
import { TABLE_STRIDE, U, type Layout } from './layout';
import { resolveShape, sizeOf } from '../tensor';

export interface Stage {
  /** What it computes, for the generated WGSL's comments and errors. */
  name: string;
  count: Shape;
  body: string;
  helpers: string[];
  /** Buffers written, each only at element i of this stage's invocation i. */
  writes: BufferId[];
  /** Buffers read at element i only. */
  pointReads: BufferId[];
  /** Buffers read anywhere. */
  wideReads: BufferId[];
  /** May be merged into the stage before it (reads what that one wrote only at the same element). */
  fusable: boolean;
  /** A tiled matrix product computing the same elements (used in dispatch mode; `body` stays for the rest). */
  tiled?: Tiled;
}

/** Products at least this big (multiply-adds at the batch capacity) get a tiled kernel. */
export const TILED_MIN_MACS = 1 << 16;

export type KernelLookup = (op: string) => { def: AnyOpDef | undefined; wgsl: WgslKernels<unknown> | undefined };

export function dimsOf(shape: Shape): string[] {
  return shape.map((d) => (d === 'B' ? 'rows' : `${d}u`));
}

export function sizeExpr(shape: Shape): string {
  const d = dimsOf(shape);
  return d.length ? d.map((x) => `(${x})`).join(' * ') : '1u';
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, k) => d === b[k]);
}

export class StageBuilder {
  constructor(
    readonly plan: Plan,
    readonly layout: Layout,
    readonly kernels: KernelLookup,
  ) {}

  tensor(id: BufferId, shape: Shape): WgslOutTensor {
    const off = this.layout.offset[id];
    const at = (idx: string) => `A[${off}u + (${idx})]`;
    return { shape, dims: dimsOf(shape), size: sizeExpr(shape), at, set: (idx, v) => `${at(idx)} = ${v};` };
  }

  private kernelOf(step: ForwardStep | BackwardStep): { def: AnyOpDef; wgsl: WgslKernels<unknown> } {
    const { def, wgsl } = this.kernels(step.op);
    if (!def) throw new Error(`node ${step.node}: op ${step.op} is not in the catalogue`);
    if (!wgsl) throw new Error(`node ${step.node}: op ${step.op} has no WebGPU kernel yet (no \`wgsl\` in its definition)`);
    return { def, wgsl };
  }

  /** Start of a step: this step's rows and where its row indices are (from the per-step table). */
  begin(): Stage {
    const body = `let j = U[${U.step}u] - U[${U.base}u];
U[${U.flagAtBegin}u] = U[${U.flag}u];
U[${U.rows}u] = U[${U.table}u + ${TABLE_STRIDE}u * j];
U[${U.order}u] = U[${U.table}u + ${TABLE_STRIDE}u * j + 1u];`;
    return stage('begin step', [], body, { fusable: false });
  }

  /** Minibatch rows into each Input and Target; `columns[k]`: the data columns source k reads. */
  gathers(columns: readonly Int32Array[]): Stage[] {
    const L = this.layout;
    return this.plan.sources.map((s, k) => {
      const node = this.plan.nodes.find((n) => n.id === s.node);
      const shape = node ? node.outShape : (['B'] as Shape);
      const out = this.tensor(s.out, shape);
      const row = `U[U[${U.order}u] + r]`;
      let body: string;
      if (s.kind === 'x') {
        const cols = [...columns[k]];
        const F = cols.length;
        const contiguous = cols.every((c, j) => c === cols[0] + j);
        const col = contiguous ? `${cols[0] ?? 0}u + c` : 'cols[c]';
        body = `let r = i / ${F}u; let c = i % ${F}u;
${contiguous ? '' : `var cols = array<u32, ${F}>(${cols.map((c) => `${c}u`).join(', ')});\n`}${out.set('i', `A[${L.x}u + ${row} * ${L.xFeatures}u + ${col}]`)}`;
      } else if (s.yKind === 'class') {
        body = `let r = i;\n${out.set('i', `A[${L.y}u + ${row} * ${L.yFeatures}u]`)}`;
      } else {
        const F = shape.length === 2 ? Number(shape[1]) : 1;
        body = `let r = i / ${F}u; let c = i % ${F}u;\n${out.set('i', `A[${L.y}u + ${row} * ${L.yFeatures}u + c]`)}`;
      }
      return stage(`gather ${s.kind} into ${s.node}`, shape, body, { writes: [s.out], fusable: false });
    });
  }

  forward(step: ForwardStep): Stage {
    const { def, wgsl } = this.kernelOf(step);
    const ins = step.inputs.map((b, k) => this.tensor(b, step.inShapes[k]));
    const params = this.paramTensors(def, step);
    const out = this.tensor(step.out, step.outShape);
    const name = `forward ${step.node} (${step.op})`;
    const helpers = wgsl.helpers ? [wgsl.helpers] : [];
    if (wgsl.kind === 'unary') {
      const body = `let x0 = ${ins[0].at('i')};\n${out.set('i', wgsl.forward('x0', step.attrs))}`;
      return stage(name, step.outShape, body, { helpers, writes: [step.out], pointReads: step.inputs, fusable: true });
    }
    if (wgsl.kind === 'binary') {
      const [a, b] = ins;
      const body = `${coords(step.outShape, 'i')}
let a0 = ${a.at(broadcastIndex(a.shape, step.outShape))};
let b0 = ${b.at(broadcastIndex(b.shape, step.outShape))};
${out.set('i', wgsl.forward('a0', 'b0', step.attrs))}`;
      const point = step.inputs.filter((_, k) => sameShape(step.inShapes[k], step.outShape));
      const wide = step.inputs.filter((_, k) => !sameShape(step.inShapes[k], step.outShape));
      return stage(name, step.outShape, body, { helpers, writes: [step.out], pointReads: point, wideReads: wide, fusable: true });
    }
    const prog = wgsl.forward({ attrs: step.attrs, inputs: ins, params, out });
    const st = programStage(name, prog, helpers, [step.out], [...step.inputs, ...step.params]);
    if (wgsl.linear) {
      // out = x·Wᵀ + b
      const [x] = ins, [w, b] = params, K = lastOf(x), lead = leadShape(x.shape);
      st.tiled = this.worthTiling(lead, [step.outShape[step.outShape.length - 1]], K, {
        m: lead, n: [step.outShape[step.outShape.length - 1]], k: `${K}u`,
        a: x.at(`mm * ${K}u + kk`), b: w.at(`nn * ${K}u + kk`), epilogue: out.set('i', b ? `acc + ${b.at('nn')}` : 'acc'),
      });
    }
    return st;
  }

  private worthTiling(m: Shape, n: Shape, k: number | 'B', t: Tiled): Tiled | undefined {
    const B = this.layout.batch, size = (s: Shape) => sizeOf(resolveShape(s, B));
    return size(m) * size(n) * (k === 'B' ? B : k) >= TILED_MIN_MACS ? t : undefined;
  }

  /** Linear's gradients as tiled products: dx = g·W and dW = gᵀ·x (the op says it is x·Wᵀ + b). */
  private linearTiles(step: BackwardStep, ins: WgslTensor[], params: WgslTensor[], gradOut: WgslTensor, k: 'input' | 'weight', t: WgslOutTensor): Tiled | undefined {
    const [x] = ins, [w] = params, IN = lastOf(x), OUT = step.outShape[step.outShape.length - 1] as number, lead = leadShape(x.shape);
    if (k === 'input') {
      return this.worthTiling(lead, [IN], OUT, { m: lead, n: [IN], k: `${OUT}u`, a: gradOut.at(`mm * ${OUT}u + kk`), b: w.at(`kk * ${IN}u + nn`), epilogue: t.set('i', 'acc') });
    }
    const R = lead.length ? lead[0] : 1;
    return this.worthTiling([OUT], [IN], R, {
      m: [OUT], n: [IN], k: R === 'B' ? 'rows' : `${R}u`, a: gradOut.at(`kk * ${OUT}u + mm`), b: x.at(`kk * ${IN}u + nn`), epilogue: t.set('i', 'acc'),
    });
  }

  backward(step: BackwardStep): Stage[] {
    const { def, wgsl } = this.kernelOf(step);
    const ins = step.inputs.map((b, k) => this.tensor(b, step.inShapes[k]));
    const params = this.paramTensors(def, step);
    const out = this.tensor(step.out, step.outShape);
    const gradOut = this.tensor(step.gradOut, step.outShape);
    const helpers = wgsl.helpers ? [wgsl.helpers] : [];
    const stages: Stage[] = [];
    step.gradInputs.forEach((g, k) => {
      if (g === null) return;
      const port = def.inputs[k] ?? String(k);
      const name = `gradient of ${step.node} (${step.op}) into port ${port}`;
      const t = this.tensor(g, step.inShapes[k]);
      if (wgsl.kind === 'unary') {
        const body = `let x0 = ${ins[0].at('i')}; let y0 = ${out.at('i')}; let g0 = ${gradOut.at('i')};
${t.set('i', wgsl.backward('x0', 'y0', 'g0', step.attrs))}`;
        stages.push(stage(name, step.inShapes[k], body, { helpers, writes: [g], pointReads: [step.inputs[0], step.out, step.gradOut], fusable: true }));
        return;
      }
      if (wgsl.kind === 'binary') {
        stages.push(this.binaryGrad(step, wgsl, k, t, ins, gradOut, name, helpers));
        return;
      }
      const make = wgsl.gradInputs[k];
      if (!make) throw new Error(`node ${step.node}: op ${step.op} has no WebGPU gradient for port ${port}`);
      const prog = make({ attrs: step.attrs, inputs: ins, params, out, gradOut }, t);
      const st = programStage(name, prog, helpers, [g], [...step.inputs, ...step.params, step.out, step.gradOut]);
      if (wgsl.linear && k === 0) st.tiled = this.linearTiles(step, ins, params, gradOut, 'input', t);
      stages.push(st);
    });
    const paramStages: Stage[] = [];
    step.gradParams.forEach((g, k) => {
      if (g === null) return;
      if (wgsl.kind !== 'custom' || !wgsl.gradParams?.[k]) throw new Error(`node ${step.node}: op ${step.op} has no WebGPU gradient for its params`);
      const t = this.tensor(g, def.params(step.attrs)[k].shape);
      const prog = wgsl.gradParams[k]({ attrs: step.attrs, inputs: ins, params, out, gradOut }, t);
      const name = `gradient of ${step.node}.${def.params(step.attrs)[k].name}`;
      const st = programStage(name, prog, helpers, [g], [...step.inputs, ...step.params, step.out, step.gradOut]);
      if (wgsl.linear && k === 0) st.tiled = this.linearTiles(step, ins, params, gradOut, 'weight', t);
      paramStages.push(st);
    });
    // Input gradients last, so the next op's elementwise backward can fuse into them.
    return [...paramStages, ...stages];
  }

  /** A broadcast input's gradient: each of its elements sums the output elements it was stretched over. */
  private binaryGrad(
    step: BackwardStep, wgsl: Extract<WgslKernels<unknown>, { kind: 'binary' }>, k: number, t: WgslOutTensor,
    ins: WgslTensor[], gradOut: WgslTensor, name: string, helpers: string[],
  ): Stage {
    const [a, b] = ins;
    const O = step.outShape, I = step.inShapes[k];
    const grad = k === 0 ? wgsl.gradA : wgsl.gradB;
    const g = step.gradInputs[k] as BufferId;
    if (sameShape(I, O) && sameShape(step.inShapes[1 - k], O)) {
      const body = `let a0 = ${a.at('i')}; let b0 = ${b.at('i')}; let g0 = ${gradOut.at('i')};\n${t.set('i', grad('a0', 'b0', 'g0', step.attrs))}`;
      return stage(name, I, body, { helpers, writes: [g], pointReads: [...step.inputs, step.gradOut], fusable: true });
    }
    const [O0, O1] = pad2(O), [I0, I1] = pad2(I);
    const range = (id: string, c: string, o: Shape[number], size: string) => (id === '1' && o !== 1 ? ['0u', size] : [c, `${c} + 1u`]);
    const [lo0, hi0] = range(String(I0), 'c0', O0, dimsOf([O0])[0]);
    const [lo1, hi1] = range(String(I1), 'c1', O1, dimsOf([O1])[0]);
    const body = `let c0 = i / ${dimsOf([I1])[0]}; let c1 = i % ${dimsOf([I1])[0]};
var s = 0.0;
for (var o0 = ${lo0}; o0 < ${hi0}; o0++) {
  for (var o1 = ${lo1}; o1 < ${hi1}; o1++) {
    let a0 = ${a.at(broadcastIndex2(a.shape, O))}; let b0 = ${b.at(broadcastIndex2(b.shape, O))};
    let g0 = ${gradOut.at(`o0 * ${dimsOf([O1])[0]} + o1`)};
    s += ${grad('a0', 'b0', 'g0', step.attrs)};
  }
}
${t.set('i', 's')}`;
    return stage(name, I, body, { helpers, writes: [g], wideReads: [...step.inputs, step.gradOut], fusable: false });
  }

  sum(step: SumStep): Stage {
    const t = this.tensor(step.out, step.shape);
    const body = t.set('i', step.terms.map((b) => this.tensor(b, step.shape).at('i')).join(' + '));
    return stage(`fan-out sum into ${step.node}`, step.shape, body, { writes: [step.out], pointReads: step.terms, fusable: true });
  }

  /** The objective (sum of the losses) into its slot and, when training, the loss history. */
  objective(history: boolean): Stage {
    const L = this.layout;
    const terms = this.plan.losses.map((l) => this.tensor(l.out, []).at('0u'));
    const body = `let s = ${terms.length ? terms.join(' + ') : '0.0'};
A[${L.objective}u] = s;${history ? `\nA[${L.lossHist}u + U[${U.step}u] - U[${U.base}u]] = s;` : ''}`;
    return stage('objective', [], body, { fusable: true, pointReads: this.plan.losses.map((l) => l.out) });
  }

  /** Raise the flag at the first non-finite value or gradient: the optimiser and the counter then stand still. */
  check(): Stage {
    const L = this.layout;
    const body = `let v = A[${L.scanStart}u + i];
if ((bitcast<u32>(v) & 0x7f800000u) == 0x7f800000u && U[${U.flag}u] == 0u) { U[${U.flag}u] = 1u; U[${U.bad}u] = U[${U.step}u]; }`;
    return stage('non-finite check', [L.scanEnd - L.scanStart], body, { fusable: false });
  }

  /** Copy the params aside before the update (only while no step has failed: the backup must stay good). */
  backup(): Stage {
    const L = this.layout;
    return stage('back up the params', [L.paramEnd], `if (U[${U.flag}u] == 0u) {\n${this.backupBody()}\n}`, { fusable: false });
  }

  /** Element i of the params and of each optimiser state mirror into the backup region (params first). */
  private backupBody(): string {
    const L = this.layout;
    const lines = [`A[${L.backup}u + i] = A[i];`];
    for (let s = 0; s * L.paramEnd < L.optStateLen; s++) {
      lines.push(`A[${L.backup + L.paramEnd * (s + 1)}u + i] = A[${L.optState + L.paramEnd * s}u + i];`);
    }
    return lines.join('\n');
  }

  /** After the update: a param that is no longer finite raises flag 2 (the executor restores the backup). */
  checkParams(): Stage {
    const body = `if ((bitcast<u32>(A[i]) & 0x7f800000u) == 0x7f800000u && U[${U.flag}u] == 0u) { U[${U.flag}u] = 2u; U[${U.bad}u] = U[${U.step}u]; }`;
    return stage('non-finite params check', [this.layout.paramEnd], body, { fusable: false });
  }

  /**
   * The update. When the objective reaches every param (the usual case) one kernel over the whole params region backs
   * up, updates and checks each element; otherwise one kernel per updated param between a backup and a check kernel.
   */
  update(o: OptimizerConfig): Stage[] {
    const L = this.layout, plan = this.plan;
    // An unreached param (its gradient buffer stays zero) must not move: torch skips a param whose .grad is None, so
    // weight decay and momentum leave it alone. Such a plan takes the per-param kernels, which skip it.
    const contiguous = plan.params.every((p) => p.grad !== null && !p.unreached && L.offset[p.grad] === L.paramEnd + L.offset[p.value]);
    if (contiguous && plan.params.length) {
      const k0 = 0;
      const body = `if (U[${U.flag}u] == 1u || U[${U.flagAtBegin}u] != 0u) { return; }
${this.backupBody()}
${updateBody(o, 'i', `${L.paramEnd}u + i`, `${L.momentum[k0] - L.offset[plan.params[k0].value]}u + i`, `${L.adamM[k0] - L.offset[plan.params[k0].value]}u + i`, `${L.adamV[k0] - L.offset[plan.params[k0].value]}u + i`)}
if ((bitcast<u32>(A[i]) & 0x7f800000u) == 0x7f800000u) { U[${U.flag}u] = 2u; U[${U.bad}u] = U[${U.step}u]; }`;
      return [stage(`${o.type} update of every param`, [L.paramEnd], body, { fusable: false })];
    }
    const stages: Stage[] = [this.backup()];
    plan.params.forEach((p, k) => {
      if (p.grad === null || p.unreached) return;
      const at = (off: number) => `${off}u + i`;
      const body = `if (U[${U.flag}u] != 0u) { return; }\n${updateBody(o, at(L.offset[p.value]), at(L.offset[p.grad]), at(L.momentum[k]), at(L.adamM[k]), at(L.adamV[k]))}`;
      stages.push(stage(`${o.type} update of ${p.key}`, p.shape, body, { fusable: false }));
    });
    return [...stages, this.checkParams()];
  }

  end(): Stage {
    return stage('count the step', [], `if (U[${U.flag}u] == 0u) { U[${U.step}u] = U[${U.step}u] + 1u; }`, { fusable: false });
  }

  private paramTensors(def: AnyOpDef, step: ForwardStep | BackwardStep): WgslTensor[] {
    const decls = def.params(step.attrs);
    return step.params.map((b, k) => this.tensor(b, decls[k].shape));
  }
}

/** torch.optim.SGD / Adam on one element: param at A[p], gradient A[g], state A[m] (momentum or Adam's m), A[v]. */
function updateBody(o: OptimizerConfig, p: string, g: string, m: string, am: string, av: string): string {
  const P = `A[${p}]`, G = `A[${g}]`;
  const d = o.weightDecay !== 0 ? `${G} + ${f32(o.weightDecay)} * ${P}` : G;
  if (o.type === 'sgd' && o.momentum !== 0) {
    // A zero buffer decayed once equals PyTorch's first-step buf = d.
    return `let d = ${d};\nlet b = ${f32(o.momentum)} * A[${m}] + d;\nA[${m}] = b;\n${P} = ${P} - ${f32(o.lr)} * b;`;
  }
  if (o.type === 'sgd') return `let d = ${d};\n${P} = ${P} - ${f32(o.lr)} * d;`;
  const [b1, b2] = o.betas;
  return `let d = ${d};
let j = ${TABLE_STRIDE}u * (U[${U.step}u] - U[${U.base}u]) + ${U.table}u;
let stepSize = bitcast<f32>(U[j + 2u]); let bc2 = bitcast<f32>(U[j + 3u]);
let m = ${f32(b1)} * A[${am}] + ${f32(1 - b1)} * d;
let v = ${f32(b2)} * A[${av}] + ${f32(1 - b2)} * d * d;
A[${am}] = m;
A[${av}] = v;
${P} = ${P} - (stepSize * m) / (sqrt(v) / bc2 + ${f32(o.eps)});`;
}

function stage(name: string, count: Shape, body: string, o: Partial<Stage>): Stage {
  return { name, count, body, helpers: o.helpers ?? [], writes: o.writes ?? [], pointReads: o.pointReads ?? [], wideReads: o.wideReads ?? [], fusable: o.fusable ?? false };
}

function programStage(name: string, prog: WgslProgram, helpers: string[], writes: BufferId[], reads: BufferId[]): Stage {
  // A custom program reads anywhere; it may still follow a stage that finished everything it reads.
  return stage(name, prog.count, prog.body, { helpers, writes, wideReads: reads, fusable: false });
}

function lastOf(t: WgslTensor): number {
  return t.shape.length ? (t.shape[t.shape.length - 1] as number) : 1;
}

/** The dims before the last (the rows of a Linear's input): [] or ['B'] or [n]. */
function leadShape(s: Shape): Shape {
  return s.length === 2 ? [s[0]] : [];
}

function pad2(s: Shape): [Shape[number], Shape[number]] {
  if (s.length === 2) return [s[0], s[1]];
  if (s.length === 1) return [1, s[0]];
  return [1, 1];
}

/** `let o0, o1` = the 2-d coordinates of output element `i`. */
function coords(out: Shape, i: string): string {
  const O1 = dimsOf([pad2(out)[1]])[0];
  return `let o0 = ${i} / ${O1}; let o1 = ${i} % ${O1};`;
}

/** Index into a broadcast input at output coordinates (o0, o1). */
function broadcastIndex(inShape: Shape, out: Shape): string {
  if (sameShape(inShape, out)) return 'i';
  return broadcastIndex2(inShape, out);
}

function broadcastIndex2(inShape: Shape, out: Shape): string {
  const [I0, I1] = pad2(inShape), [O0, O1] = pad2(out);
  const r = I0 === 1 && O0 !== 1 ? '0u' : 'o0';
  const c = I1 === 1 && O1 !== 1 ? '0u' : 'o1';
  return `${r} * ${dimsOf([I1])[0]} + ${c}`;
}
