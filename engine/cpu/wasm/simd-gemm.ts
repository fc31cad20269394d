// The WebAssembly SIMD kernels of gemm.wat (the matrix product, the per-step finiteness check, the ReLU mask) and the
// memories they run in. A Float32 machine asks for an arena: one WebAssembly.Memory holding all its buffers, sized once and
// never grown (growing would detach every view), plus the kernel's packing scratch and a staging area for operands
// that live elsewhere (params shared with another machine). gemm() in ../gemm.ts hands a product to wasmGemm() when
// its output lies in an arena; everything else (Float64 machines, plain arrays, no SIMD in this engine) stays on the
// JS kernel.
import type { FloatArray } from '../../tensor';
import { GEMM_WASM_BASE64 } from './gemm-wasm';

interface GemmExports {
  gemm(a: number, am: number, ak: number, b: number, bn: number, bk: number, c: number, M: number, N: number, K: number, bias: number, scratch: number): void;
  all_finite(p: number, n: number): number;
  relu_mask(x: number, g: number, o: number, n: number): void;
  scratch_bytes: WebAssembly.Global;
}

interface Arena {
  f32: Float32Array;
  run: GemmExports['gemm'];
  allFinite: GemmExports['all_finite'];
  reluMask: GemmExports['relu_mask'];
  scratch: number;
  /** Byte offset and float count of the staging area. */
  stage: number;
  stageFloats: number;
}

// Arena by its memory's buffer; weak, so a dropped machine takes its memory with it.
const arenas = new WeakMap<ArrayBufferLike, Arena>();
let calls = 0;

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

interface Compiled {
  mod: WebAssembly.Module;
  /** The kernel's packing scratch, at the start of every arena: its size is the module's to say. */
  scratchBytes: number;
}

// undefined: not tried yet; null: this engine has no WebAssembly SIMD (validate() is the feature test).
let compiled: Compiled | null | undefined;
function gemmModule(): Compiled | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = decode(GEMM_WASM_BASE64);
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return null;
    const mod = new WebAssembly.Module(bytes);
    const probe = new WebAssembly.Instance(mod, { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1 }) } });
    compiled = { mod, scratchBytes: Number((probe.exports as unknown as GemmExports).scratch_bytes.value) };
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this engine runs the SIMD kernel at all. */
export function wasmGemmAvailable(): boolean {
  return gemmModule() !== null;
}

/** Products run by the WebAssembly kernel so far (tests check the Float32 executor uses it). */
export function wasmGemmCalls(): number {
  return calls;
}

/** Whether `x` is a view into an arena's memory (where the kernel reads and writes without copies). */
export function inArena(x: FloatArray): boolean {
  return arenas.has(x.buffer);
}

const align4 = (n: number) => (n + 3) & ~3;

/**
 * One memory holding a zeroed Float32Array per size (16-byte aligned), plus room to stage foreign operands of up to
 * `stageFloats` floats in all. null when there is no SIMD or the memory cannot be had (too big, address space).
 */
export function createArena(sizes: readonly number[], stageFloats: number): Float32Array[] | null {
  const k = gemmModule();
  if (!k) return null;
  const stage = align4(stageFloats);
  let floats = stage;
  for (const n of sizes) floats += align4(n);
  const bytes = k.scratchBytes + floats * 4;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 32768) return null; // beyond 2 GiB: the plain arrays are as good as it gets
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  const exports = new WebAssembly.Instance(k.mod, { env: { memory } }).exports as unknown as GemmExports;
  const f32 = new Float32Array(memory.buffer);
  let at = k.scratchBytes / 4;
  const stageAt = at;
  at += stage;
  const views = sizes.map((n) => {
    const v = f32.subarray(at, at + n);
    at += align4(n);
    return v;
  });
  arenas.set(memory.buffer, { f32, run: exports.gemm, allFinite: exports.all_finite, reluMask: exports.relu_mask, scratch: 0, stage: stageAt * 4, stageFloats: stage });
  return views;
}

// Where the operand being placed went (a byte offset), and how much staging the call has used: module state rather
// than a returned pair, so a product allocates nothing.
let staged = 0;

/** x's byte offset in the arena, copying it into the staging area when it lives elsewhere; -1 if it does not fit. */
function place(ar: Arena, x: FloatArray): number {
  if (x.buffer === ar.f32.buffer) return x.byteOffset;
  if (!(x instanceof Float32Array) || x.length > ar.stageFloats - staged) return -1;
  const at = ar.stage / 4 + staged;
  ar.f32.set(x, at);
  staged += align4(x.length);
  return at * 4;
}

/**
 * C = bias + A·Bᵀ as gemm() in ../gemm.ts, on the WebAssembly kernel; false (nothing written) when c is not in an
 * arena or an operand cannot be brought into it. M, N, K ≥ 1.
 */
export function wasmGemm(
  a: FloatArray, am: number, ak: number, b: FloatArray, bn: number, bk: number,
  c: FloatArray, M: number, N: number, K: number, bias: FloatArray | null,
): boolean {
  const ar = arenas.get(c.buffer);
  if (ar === undefined) return false;
  staged = 0;
  const ao = place(ar, a);
  if (ao < 0) return false;
  const bo = place(ar, b);
  if (bo < 0) return false;
  const zo = bias === null ? -1 : place(ar, bias);
  if (bias !== null && zo < 0) return false;
  ar.run(ao, am, ak, bo, bn, bk, c.byteOffset, M, N, K, zo, ar.scratch);
  calls++;
  return true;
}

/** 1 when x[0..n) holds no NaN or ±Infinity, 0 when it does, -1 when x is not in an arena (check it in JS). */
export function wasmAllFinite(x: FloatArray, n: number): number {
  const ar = arenas.get(x.buffer);
  return ar === undefined ? -1 : ar.allFinite(x.byteOffset, n);
}

/**
 * o[i] = x[i] > 0 ? g[i] : 0 for i < n on the kernel (branch-free; bit for bit the JS select): ReLU forward with
 * g = x, backward with g = ∂out. false (nothing written) unless all three live in the same arena.
 */
export function wasmReluMask(x: FloatArray, g: FloatArray, o: FloatArray, n: number): boolean {
  const ar = arenas.get(o.buffer);
  if (ar === undefined || x.buffer !== o.buffer || g.buffer !== o.buffer) return false;
  ar.reluMask(x.byteOffset, g.byteOffset, o.byteOffset, n);
  return true;
}
