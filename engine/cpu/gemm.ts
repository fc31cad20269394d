// The CPU matrix product every matmul-like kernel (Linear, MatMul, forward and backward) runs on:
// C[m, n] = bias[n] + Σ_k A(m, k)·B(n, k), with A and B read through strides so a transpose is never copied.
// Float32 machines keep their buffers in a WebAssembly memory (wasm/simd-gemm.ts), where the product runs on the
// SIMD kernel of wasm/gemm.wat (packed panels, a 4×8 f32x4 register tile, float32 sums as float32 BLAS keeps them).
// Everything else (Float64 machines for gradient checks, arrays outside an arena, engines without WebAssembly SIMD)
// runs gemmJs below: register-tiled 4×4 (2×4 and 1×4 at the edges), each k loads 4 values of A and 4 of B for
// 16 multiply-adds kept in locals, summed in doubles (V8 does not vectorise).
import type { FloatArray } from '../tensor';
import { wasmGemm } from './wasm/simd-gemm';

/**
 * C (row-major [M, N], overwritten) = bias (length N, or null) + A·Bᵀ where A(m, k) = a[m·am + k·ak] and
 * B(n, k) = b[n·bn + k·bk].
 */
export function gemm(
  a: FloatArray, am: number, ak: number, b: FloatArray, bn: number, bk: number,
  c: FloatArray, M: number, N: number, K: number, bias: FloatArray | null,
): void {
  if (M > 0 && N > 0 && K > 0 && wasmGemm(a, am, ak, b, bn, bk, c, M, N, K, bias)) return;
  gemmJs(a, am, ak, b, bn, bk, c, M, N, K, bias);
}

/** gemm() in plain JS, whatever the arrays. */
export function gemmJs(
  a: FloatArray, am: number, ak: number, b: FloatArray, bn: number, bk: number,
  c: FloatArray, M: number, N: number, K: number, bias: FloatArray | null,
): void {
  const M4 = M - (M % 4), M2 = M - (M % 2), N4 = N - (N % 4);
  for (let m = 0; m < M4; m += 4) block4(a, am, ak, b, bn, bk, c, m, N, N4, K, bias);
  for (let m = M4; m < M2; m += 2) {
    const a0 = m * am, a1 = a0 + am, c0 = m * N, c1 = c0 + N;
    for (let n = 0; n < N4; n += 4) {
      const b0 = n * bn, b1 = b0 + bn, b2 = b1 + bn, b3 = b2 + bn;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0, pa = 0, pb = 0; k < K; k++, pa += ak, pb += bk) {
        const x0 = a[a0 + pa], x1 = a[a1 + pa];
        const y0 = b[b0 + pb], y1 = b[b1 + pb], y2 = b[b2 + pb], y3 = b[b3 + pb];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      if (bias !== null) {
        const z0 = bias[n], z1 = bias[n + 1], z2 = bias[n + 2], z3 = bias[n + 3];
        s00 += z0; s01 += z1; s02 += z2; s03 += z3;
        s10 += z0; s11 += z1; s12 += z2; s13 += z3;
      }
      c[c0 + n] = s00; c[c0 + n + 1] = s01; c[c0 + n + 2] = s02; c[c0 + n + 3] = s03;
      c[c1 + n] = s10; c[c1 + n + 1] = s11; c[c1 + n + 2] = s12; c[c1 + n + 3] = s13;
    }
    for (let n = N4; n < N; n++) {
      const b0 = n * bn;
      let s0 = 0, s1 = 0;
      for (let k = 0, pa = 0, pb = 0; k < K; k++, pa += ak, pb += bk) {
        const y = b[b0 + pb];
        s0 += a[a0 + pa] * y;
        s1 += a[a1 + pa] * y;
      }
      const z = bias !== null ? bias[n] : 0;
      c[c0 + n] = s0 + z;
      c[c1 + n] = s1 + z;
    }
  }
  if (M2 === M) return;
  // The odd last row of A.
  const a0 = M2 * am, c0 = M2 * N;
  for (let n = 0; n < N4; n += 4) {
    const b0 = n * bn, b1 = b0 + bn, b2 = b1 + bn, b3 = b2 + bn;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0, pa = 0, pb = 0; k < K; k++, pa += ak, pb += bk) {
      const x = a[a0 + pa];
      s0 += x * b[b0 + pb]; s1 += x * b[b1 + pb]; s2 += x * b[b2 + pb]; s3 += x * b[b3 + pb];
    }
    if (bias !== null) {
      s0 += bias[n]; s1 += bias[n + 1]; s2 += bias[n + 2]; s3 += bias[n + 3];
    }
    c[c0 + n] = s0; c[c0 + n + 1] = s1; c[c0 + n + 2] = s2; c[c0 + n + 3] = s3;
  }
  for (let n = N4; n < N; n++) {
    const b0 = n * bn;
    let s = bias !== null ? bias[n] : 0;
    for (let k = 0, pa = 0, pb = 0; k < K; k++, pa += ak, pb += bk) s += a[a0 + pa] * b[b0 + pb];
    c[c0 + n] = s;
  }
}

/** Rows m … m+3 of C: 4×4 tiles, then the columns past N4 one at a time. */
function block4(
  a: FloatArray, am: number, ak: number, b: FloatArray, bn: number, bk: number,
  c: FloatArray, m: number, N: number, N4: number, K: number, bias: FloatArray | null,
): void {
  const a0 = m * am, a1 = a0 + am, a2 = a1 + am, a3 = a2 + am, c0 = m * N;
  for (let n = 0; n < N4; n += 4) {
    const b0 = n * bn, b1 = b0 + bn, b2 = b1 + bn, b3 = b2 + bn;
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (let k = 0, pa = 0, pb = 0; k < K; k++, pa += ak, pb += bk) {
      const y0 = b[b0 + pb], y1 = b[b1 + pb], y2 = b[b2 + pb], y3 = b[b3 + pb];
      let x = a[a0 + pa];
      s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
      x = a[a1 + pa];
      s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
      x = a[a2 + pa];
      s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
      x = a[a3 + pa];
      s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
    }
    const z0 = bias !== null ? bias[n] : 0, z1 = bias !== null ? bias[n + 1] : 0;
    const z2 = bias !== null ? bias[n + 2] : 0, z3 = bias !== null ? bias[n + 3] : 0;
    let o = c0 + n;
    c[o] = s00 + z0; c[o + 1] = s01 + z1; c[o + 2] = s02 + z2; c[o + 3] = s03 + z3;
    o += N;
    c[o] = s10 + z0; c[o + 1] = s11 + z1; c[o + 2] = s12 + z2; c[o + 3] = s13 + z3;
    o += N;
    c[o] = s20 + z0; c[o + 1] = s21 + z1; c[o + 2] = s22 + z2; c[o + 3] = s23 + z3;
    o += N;
    c[o] = s30 + z0; c[o + 1] = s31 + z1; c[o + 2] = s32 + z2; c[o + 3] = s33 + z3;
  }
  for (let n = N4; n < N; n++) {
    const b0 = n * bn;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0, pa = 0, pb = 0; k < K; k++, pa += ak, pb += bk) {
      const y = b[b0 + pb];
      s0 += a[a0 + pa] * y; s1 += a[a1 + pa] * y; s2 += a[a2 + pa] * y; s3 += a[a3 + pa] * y;
    }
    const z = bias !== null ? bias[n] : 0;
    c[c0 + n] = s0 + z; c[c0 + N + n] = s1 + z; c[c0 + 2 * N + n] = s2 + z; c[c0 + 3 * N + n] = s3 + z;
  }
}
