// Storage for a plan at some row capacity, plus its programs (one per row count actually run).
// Training uses one machine sized for plan.batch; evaluate()/predict() over more rows get their own, sharing the params.
import { bufferSizes } from '../compile/sizes';
import type { Plan } from '../compile/plan';
import type { FloatArray, FloatArrayCtor } from '../tensor';
import { buildProgram, type Program } from './program';

export interface Machine {
  capacity: number;
  bufs: FloatArray[];
  /** Indexed by row count; holey on purpose (an array index, not a Map lookup, in the step loop). */
  programs: (Program | undefined)[];
}

/** `shared` maps buffer ids (the params' values) to storage owned elsewhere. */
export function createMachine(plan: Plan, Ctor: FloatArrayCtor, capacity: number, shared?: ReadonlyMap<number, FloatArray>): Machine {
  const sizes = bufferSizes(plan, capacity);
  const bufs = sizes.map((n, id) => shared?.get(id) ?? new Ctor(n));
  if (plan.seed !== null) bufs[plan.seed][0] = 1;
  return { capacity, bufs, programs: [] };
}

export function programFor(plan: Plan, m: Machine, rows: number): Program {
  const p = m.programs[rows];
  if (p) return p;
  const built = buildProgram(plan, m.bufs, rows);
  m.programs[rows] = built;
  return built;
}

export function runForward(p: Program, upto = p.forward.length): void {
  const f = p.forward;
  for (let i = 0; i < upto; i++) f[i]();
}

export function runBackward(p: Program): void {
  const b = p.backward;
  for (let i = 0; i < b.length; i++) b[i]();
}

export function objective(plan: Plan, bufs: readonly FloatArray[]): number {
  let s = 0;
  for (const l of plan.losses) s += bufs[l.out][0];
  return s;
}
