// Blocked matrix products for larger Linear layers: C[m, n] = Σ_k A(m, k)·B(k, n), a 4×4 block of C per invocation.
// The per-element kernels (one dot product per invocation, "reduction-style") stay for small products and for the
// single-kernel mode.
import { resolveShape, sizeOf } from '../tensor';
import type { Shape } from '../tensor';
import { U } from './layout';

export const BLOCK = 4;

export interface Tiled {
  /** Rows and columns of C as shapes (for sizing the grid at the batch capacity) and K as a WGSL u32 expression. */
  m: Shape;
  n: Shape;
  k: string;
  /** WGSL f32 expressions reading A(m, k) and B(k, n), with `mm`, `kk`, `nn` in scope. */
  a: string;
  b: string;
  /** Statements run for each element of C, with `i` (flat index m·N + n), `mm`, `nn` and `acc` in scope. */
  epilogue: string;
}

export function tiledGroups(t: Tiled, batch: number): [number, number] {
  const m = sizeOf(resolveShape(t.m, batch)), n = sizeOf(resolveShape(t.n, batch));
  const blocks = Math.ceil(m / BLOCK) * Math.ceil(n / BLOCK);
  return [Math.max(1, Math.min(65535, Math.ceil(blocks / 64))), 1];
}

const dims = (s: Shape) => (s.length ? s.map((d) => (d === 'B' ? 'rows' : `${d}u`)).join(' * ') : '1u');

/**
 * The entry point `e<k>`: each invocation computes a 4×4 block of C in registers, loading 8 values per 16
 * multiply-adds. No workgroup memory and no barriers: on a software rasteriser (SwiftShader) barriers cost more
 * than the loads they save, and on a GPU this still cuts global loads fourfold.
 */
export function tiledEntry(k: number, t: Tiled): string {
  const a = (q: number) => t.a.replace(/\bmm\b/g, `ma${q}`);
  const b = (q: number) => t.b.replace(/\bnn\b/g, `nb${q}`);
  return `@compute @workgroup_size(64)
fn e${k}(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[${U.rows}u];
  let M = ${dims(t.m)};
  let N = ${dims(t.n)};
  let K = ${t.k};
  let bn = (N + 3u) / 4u;
  let blocks = ((M + 3u) / 4u) * bn;
  for (var blk = gid.x; blk < blocks; blk += nwg.x * 64u) {
    let m0 = (blk / bn) * 4u;
    let n0 = (blk % bn) * 4u;
    // Rows and columns past the edge read the last valid one; their results are never written.
    let ma0 = m0; let ma1 = min(m0 + 1u, M - 1u); let ma2 = min(m0 + 2u, M - 1u); let ma3 = min(m0 + 3u, M - 1u);
    let nb0 = n0; let nb1 = min(n0 + 1u, N - 1u); let nb2 = min(n0 + 2u, N - 1u); let nb3 = min(n0 + 3u, N - 1u);
    var c0 = vec4f(0.0); var c1 = vec4f(0.0); var c2 = vec4f(0.0); var c3 = vec4f(0.0);
    for (var kk = 0u; kk < K; kk++) {
      let bv = vec4f(${b(0)}, ${b(1)}, ${b(2)}, ${b(3)});
      c0 += ${a(0)} * bv;
      c1 += ${a(1)} * bv;
      c2 += ${a(2)} * bv;
      c3 += ${a(3)} * bv;
    }
    let cs = array<vec4f, 4>(c0, c1, c2, c3);
    for (var q = 0u; q < 4u; q++) {
      for (var w = 0u; w < 4u; w++) {
        let mm = m0 + q;
        let nn = n0 + w;
        if (mm < M && nn < N) {
          let acc = cs[q][w];
          let i = mm * N + nn;
          ${t.epilogue.split('\n').join('\n          ')}
        }
      }
    }
  }
}`;
}
