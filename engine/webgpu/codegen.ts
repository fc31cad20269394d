// Stages → one WGSL module. Two shapes of the same code: one entry point per stage (one dispatch each, many
// workgroups: for larger graphs), or one entry point running every stage of many steps in a single workgroup,
// separated by barriers (for small graphs, where dispatch overhead dominates the math).
import { resolveShape, sizeOf } from '../tensor';
import { tiledEntry, tiledGroups } from './gemm';
import { U } from './layout';
import { sameShape, sizeExpr, type Stage } from './stages';

export const DISPATCH_WG = 64;
export const SINGLE_WG = 4;

/** Merge each fusable stage into the one before it: elementwise chains and bias + activation become one kernel. */
export function fuse(stages: readonly Stage[]): Stage[] {
  const out: Stage[] = [];
  for (const s of stages) {
    const p = out[out.length - 1];
    if (p && canMerge(p, s)) out[out.length - 1] = merge(p, s);
    else out.push(s);
  }
  return out;
}

function canMerge(p: Stage, s: Stage): boolean {
  if (!s.fusable || !sameShape(p.count, s.count) || p.writes.length === 0) return false;
  // s reads what p wrote only at its own element; p must not read anywhere what s overwrites.
  if (s.wideReads.some((b) => p.writes.includes(b))) return false;
  if (s.writes.some((b) => p.wideReads.includes(b))) return false;
  return true;
}

function merge(p: Stage, s: Stage): Stage {
  const tiled = p.tiled ? { ...p.tiled, epilogue: `${p.tiled.epilogue}\n{\n${s.body}\n}` } : undefined;
  return {
    tiled,
    name: `${p.name} + ${s.name}`,
    count: p.count,
    body: `{\n${p.body}\n}\n{\n${s.body}\n}`,
    helpers: [...p.helpers, ...s.helpers],
    writes: [...p.writes, ...s.writes],
    pointReads: [...p.pointReads, ...s.pointReads],
    wideReads: [...p.wideReads, ...s.wideReads],
    fusable: p.fusable,
  };
}

function header(stages: readonly Stage[]): string {
  const helpers = [...new Set(stages.flatMap((s) => s.helpers))];
  const fns = stages.map(
    (s, k) => `// s${k}: ${s.name.replace(/\n/g, ' ')}\nfn s${k}(i: u32, rows: u32) {\n${indent(s.body)}\n}`,
  );
  return [
    '@group(0) @binding(0) var<storage, read_write> A: array<f32>;',
    '@group(0) @binding(1) var<storage, read_write> U: array<u32>;',
    ...helpers.map((h) => h.trim()),
    ...fns,
  ].join('\n\n');
}

/** One entry point `e<k>` per stage; invocation i handles elements i, i + stride, ... */
export function dispatchModule(stages: readonly Stage[]): string {
  const entries = stages.map((s, k) =>
    s.tiled
      ? tiledEntry(k, s.tiled)
      : `@compute @workgroup_size(${DISPATCH_WG})
fn e${k}(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[${U.rows}u];
  let n = ${sizeExpr(s.count)};
  for (var i = gid.x; i < n; i += nwg.x * ${DISPATCH_WG}u) { s${k}(i, rows); }
}`,
  );
  return `${header(stages)}\n\n${entries.join('\n\n')}\n`;
}

/** Workgroups to dispatch for a stage at `batch` rows (x, y). */
export function workgroupsFor(s: Stage, batch: number): [number, number] {
  if (s.tiled) return tiledGroups(s.tiled, batch);
  const n = sizeOf(resolveShape(s.count, batch));
  return [Math.max(1, Math.min(65535, Math.ceil(n / DISPATCH_WG))), 1];
}

/**
 * One entry point `main` running U[nsteps] steps of every stage in one workgroup. `first` stages (the step's
 * begin) run before the step's rows are read.
 */
export function singleModule(stages: readonly Stage[], first: number): string {
  // Stages before `first` run before the step's rows are known (their counts never depend on rows).
  const run = (s: Stage, k: number, rows: string) =>
    `    for (var i = lid; i < ${sizeExpr(s.count).replace(/\brows\b/g, rows)}; i += ${SINGLE_WG}u) { s${k}(i, ${rows}); }\n    storageBarrier();`;
  const pre = stages.slice(0, first).map((s, k) => run(s, k, '0u'));
  const rest = stages.slice(first).map((s, k) => run(s, k + first, 'rows'));
  return `${header(stages)}

var<workgroup> shared_u: u32;

@compute @workgroup_size(${SINGLE_WG})
fn main(@builtin(local_invocation_index) lid: u32) {
  if (lid == 0u) { shared_u = U[${U.nsteps}u]; }
  let nsteps = workgroupUniformLoad(&shared_u);
  for (var step = 0u; step < nsteps; step++) {
${pre.join('\n')}
    if (lid == 0u) { shared_u = U[${U.rows}u]; }
    let rows = workgroupUniformLoad(&shared_u);
${rest.join('\n')}
  }
}
`;
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
