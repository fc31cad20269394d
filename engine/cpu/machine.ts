// Storage for a plan at some row capacity, plus its programs (one per row count actually run).
// Training uses one machine sized for plan.batch; evaluate()/predict() over more rows get their own, sharing the params.
import { bufferSizes } from '../compile/sizes';
import type { Plan } from '../compile/plan';
import type { FloatArray, FloatArrayCtor } from '../tensor';
import { buildProgram, type Program } from './program';
import { createArena } from './wasm/simd-gemm';

export interface Machine {
  capacity: number;
  bufs: FloatArray[];
  /** Indexed by row count; holey on purpose (an array index, not a Map lookup, in the step loop). */
  programs: (Program | undefined)[];
}

/**
 * `shared` maps buffer ids (the params' values) to storage owned elsewhere. Float32 storage is one WebAssembly memory
 * (wasm/simd-gemm.ts) where matrix products run on the SIMD kernel; when that is not to be had, plain arrays.
 */
export function createMachine(plan: Plan, Ctor: FloatArrayCtor, capacity: number, shared?: ReadonlyMap<number, FloatArray>): Machine {
  const sizes = bufferSizes(plan, capacity);
  const arena = Ctor === Float32Array ? createArena(sizes.map((n, id) => (shared?.has(id) ? 0 : n)), stagingFor(shared)) : null;
  const bufs = sizes.map((n, id) => shared?.get(id) ?? arena?.[id] ?? new Ctor(n));
  if (plan.seed !== null) bufs[plan.seed][0] = 1;
  return { capacity, bufs, programs: [] };
}

/** Room to copy in the operands of one product that live in shared storage: at most three (A, B, bias). */
function stagingFor(shared: ReadonlyMap<number, FloatArray> | undefined): number {
  if (!shared) return 0;
  const lengths = [...shared.values()].map((x) => (x.length + 3) & ~3).sort((a, b) => b - a);
  return lengths.slice(0, 3).reduce((s, n) => s + n, 0);
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
