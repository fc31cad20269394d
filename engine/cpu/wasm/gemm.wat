;; The CPU executor's WebAssembly SIMD (f32x4) kernels: the matrix product, same contract as gemm() in ../gemm.ts:
;;   C[m, n] = bias[n] + Σ_k A(m, k)·B(n, k),   A(m, k) = a[m·am + k·ak],   B(n, k) = b[n·bn + k·bk]
;; with C row-major [M, N]. Pointers are byte offsets into the imported memory; strides are in elements.
;; Built by `npm run build:wasm` (scripts/build-wasm.ts) into gemm-wasm.ts; tests/cpu/wasm-build.test.ts checks
;; that the committed bytes are this file's.
;;
;; B is packed a block of KC×NC at a time into panels of 8 columns ([k][8], contiguous, zeros past N); a 4×8
;; register tile then walks each B panel (kept in L1) down the rows of A, read in place through its strides (as
;; XNNPACK does: packing A would cost a pass over it for every product, which small products cannot pay back).
;; Per k: two vector loads of B, four splat loads of A, eight multiplies and eight adds into eight accumulators.
;; No fused multiply-add: relaxed SIMD is not in every browser (nor Node 20). Past the last row the tile re-reads
;; the last row (never memory outside A) and the store drops those rows; B's zero padding needs no branch at all.
;; Sums are float32, as float32 BLAS (PyTorch, XNNPACK) keeps them.
;;
;; Scratch (`scratch` bytes, 16-aligned, $scratch_bytes long): the packed B block, then one 4×8 edge tile.
(module
  (memory (import "env" "memory") 1)

  ;; Block sizes: a B panel (KC·8·4 = 8 KiB) and four rows of A (4 KiB) per tile walk fit L1; the B block (512 KiB) L2.
  (global $KC i32 (i32.const 256))
  (global $NC i32 (i32.const 512))
  ;; KC·NC + 4·8 floats.
  (global $scratch_bytes (export "scratch_bytes") i32 (i32.const 524416))

  ;; Packs B(j0 + n, p0 + k) for n < nc, k < kc into panels of 8 columns: dst[panel][k][8], zeros past nc.
  (func $packB (param $b i32) (param $bn4 i32) (param $bk4 i32) (param $nc i32) (param $kc i32) (param $dst i32)
    (local $n0 i32) (local $w i32) (local $src i32) (local $k i32) (local $j i32) (local $bn8 i32) (local $q i32)
    (loop $panels
      (local.set $w (select (i32.const 8) (i32.sub (local.get $nc) (local.get $n0))
                            (i32.ge_s (i32.sub (local.get $nc) (local.get $n0)) (i32.const 8))))
      (local.set $src (i32.add (local.get $b) (i32.mul (local.get $n0) (local.get $bn4))))
      (local.set $k (i32.const 0))
      (if (i32.and (i32.eq (local.get $bn4) (i32.const 4)) (i32.eq (local.get $w) (i32.const 8)))
        (then
          ;; Eight contiguous columns per k (B read down its columns, as dx = g·W does): two vector copies.
          (loop $copy
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
            (local.set $src (i32.add (local.get $src) (local.get $bk4)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (br_if $copy (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc)))))
        (else
          (if (i32.eq (local.get $w) (i32.const 8))
            (then
              ;; Eight strided columns (B's rows, as in x·Wᵀ): gathered into two vectors per k.
              (local.set $bn8 (i32.shl (local.get $bn4) (i32.const 2)))
              (loop $gather8
                (local.set $q (i32.add (local.get $src) (local.get $bn8)))
                (v128.store (local.get $dst)
                  (f32x4.replace_lane 3
                    (f32x4.replace_lane 2
                      (f32x4.replace_lane 1
                        (v128.load32_zero (local.get $src))
                        (f32.load (i32.add (local.get $src) (local.get $bn4))))
                      (f32.load (i32.add (local.get $src) (i32.shl (local.get $bn4) (i32.const 1)))))
                    (f32.load (i32.sub (local.get $q) (local.get $bn4)))))
                (v128.store offset=16 (local.get $dst)
                  (f32x4.replace_lane 3
                    (f32x4.replace_lane 2
                      (f32x4.replace_lane 1
                        (v128.load32_zero (local.get $q))
                        (f32.load (i32.add (local.get $q) (local.get $bn4))))
                      (f32.load (i32.add (local.get $q) (i32.shl (local.get $bn4) (i32.const 1)))))
                    (f32.load (i32.sub (i32.add (local.get $q) (local.get $bn8)) (local.get $bn4)))))
                (local.set $src (i32.add (local.get $src) (local.get $bk4)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (br_if $gather8 (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc)))))
            (else
              ;; The last, partial panel: w < 8 columns, then zeros.
              (loop $gather
                (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
                (v128.store offset=16 (local.get $dst) (v128.const i32x4 0 0 0 0))
                (local.set $j (i32.const 0))
                (loop $col
                  (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2)))
                    (f32.load (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $bn4)))))
                  (br_if $col (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $w))))
                (local.set $src (i32.add (local.get $src) (local.get $bk4)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (br_if $gather (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc))))))))
      (br_if $panels (i32.lt_s (local.tee $n0 (i32.add (local.get $n0) (i32.const 8))) (local.get $nc)))))

  ;; M, N, K ≥ 1. bias: byte offset of N floats, or -1 for none.
  (func (export "gemm")
    (param $a i32) (param $am i32) (param $ak i32)
    (param $b i32) (param $bn i32) (param $bk i32)
    (param $c i32) (param $M i32) (param $N i32) (param $K i32)
    (param $bias i32) (param $scratch i32)
    (local $am4 i32) (local $ak4 i32) (local $bn4 i32) (local $bk4 i32) (local $ldc i32)
    (local $Bp i32) (local $tile i32)
    (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32)
    (local $jr i32) (local $ir i32) (local $first i32) (local $rows i32) (local $cols i32)
    (local $pa i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $pb i32) (local $pend i32)
    (local $out i32) (local $i i32) (local $j i32) (local $q i32)
    (local $x v128) (local $y0 v128) (local $y1 v128) (local $z0 v128) (local $z1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $am4 (i32.shl (local.get $am) (i32.const 2)))
    (local.set $ak4 (i32.shl (local.get $ak) (i32.const 2)))
    (local.set $bn4 (i32.shl (local.get $bn) (i32.const 2)))
    (local.set $bk4 (i32.shl (local.get $bk) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $N) (i32.const 2)))
    (local.set $Bp (local.get $scratch))
    (local.set $tile (i32.add (local.get $Bp) (i32.shl (i32.mul (global.get $KC) (global.get $NC)) (i32.const 2))))
    (loop $jcLoop
      (local.set $nc (select (global.get $NC) (i32.sub (local.get $N) (local.get $jc))
                             (i32.ge_s (i32.sub (local.get $N) (local.get $jc)) (global.get $NC))))
      (local.set $pc (i32.const 0))
      (loop $pcLoop
        (local.set $kc (select (global.get $KC) (i32.sub (local.get $K) (local.get $pc))
                               (i32.ge_s (i32.sub (local.get $K) (local.get $pc)) (global.get $KC))))
        ;; The first K block writes bias + Σ; later ones add their Σ to C.
        (local.set $first (i32.eqz (local.get $pc)))
        (call $packB
          (i32.add (i32.add (local.get $b) (i32.mul (local.get $jc) (local.get $bn4))) (i32.mul (local.get $pc) (local.get $bk4)))
          (local.get $bn4) (local.get $bk4) (local.get $nc) (local.get $kc) (local.get $Bp))
        (local.set $jr (i32.const 0))
        (loop $jrLoop
          (local.set $cols (select (i32.const 8) (i32.sub (local.get $nc) (local.get $jr))
                                   (i32.ge_s (i32.sub (local.get $nc) (local.get $jr)) (i32.const 8))))
          ;; The bias columns of this B panel, added to every row of the first K block's tiles.
          (local.set $z0 (v128.const i32x4 0 0 0 0))
          (local.set $z1 (v128.const i32x4 0 0 0 0))
          (if (i32.and (local.get $first) (i32.ge_s (local.get $bias) (i32.const 0)))
            (then
              (local.set $q (i32.add (local.get $bias) (i32.shl (i32.add (local.get $jc) (local.get $jr)) (i32.const 2))))
              (if (i32.eq (local.get $cols) (i32.const 8))
                (then
                  (local.set $z0 (v128.load (local.get $q)))
                  (local.set $z1 (v128.load offset=16 (local.get $q))))
                (else
                  ;; Fewer than 8 columns left: read only those (the bias may end the memory).
                  (v128.store (local.get $tile) (v128.const i32x4 0 0 0 0))
                  (v128.store offset=16 (local.get $tile) (v128.const i32x4 0 0 0 0))
                  (local.set $j (i32.const 0))
                  (loop $zb
                    (f32.store (i32.add (local.get $tile) (i32.shl (local.get $j) (i32.const 2)))
                      (f32.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 2)))))
                    (br_if $zb (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $cols))))
                  (local.set $z0 (v128.load (local.get $tile)))
                  (local.set $z1 (v128.load offset=16 (local.get $tile)))))))
          (local.set $ir (i32.const 0))
          (loop $irLoop
            (local.set $rows (select (i32.const 4) (i32.sub (local.get $M) (local.get $ir))
                                     (i32.ge_s (i32.sub (local.get $M) (local.get $ir)) (i32.const 4))))
            ;; Rows ir … ir+3 of A at pa, pa+o1, pa+o2, pa+o3; past M the last row again.
            (local.set $pa (i32.add (i32.add (local.get $a) (i32.mul (local.get $ir) (local.get $am4)))
                                    (i32.mul (local.get $pc) (local.get $ak4))))
            (local.set $o1 (select (local.get $am4) (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 1))))
            (local.set $o2 (i32.mul (local.get $am4) (select (i32.const 2) (i32.sub (local.get $rows) (i32.const 1))
                                                             (i32.gt_s (local.get $rows) (i32.const 2)))))
            (local.set $o3 (i32.mul (local.get $am4) (i32.sub (local.get $rows) (i32.const 1))))
            (local.set $pb (i32.add (local.get $Bp) (i32.mul (local.get $jr) (i32.shl (local.get $kc) (i32.const 2)))))
            (local.set $pend (i32.add (local.get $pb) (i32.shl (local.get $kc) (i32.const 5))))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            ;; The 4×8 tile: Σ_k A(ir…ir+3, k) ⊗ Bpanel[k][0…7].
            (loop $kLoop
              (local.set $y0 (v128.load (local.get $pb)))
              (local.set $y1 (v128.load offset=16 (local.get $pb)))
              (local.set $x (v128.load32_splat (local.get $pa)))
              (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $y0))))
              (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $y1))))
              (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $o1))))
              (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $y0))))
              (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $y1))))
              (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $o2))))
              (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $y0))))
              (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $y1))))
              (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $o3))))
              (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $y0))))
              (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $y1))))
              (local.set $pa (i32.add (local.get $pa) (local.get $ak4)))
              (br_if $kLoop (i32.lt_u (local.tee $pb (i32.add (local.get $pb) (i32.const 32))) (local.get $pend))))
            (local.set $out (i32.add (local.get $c)
              (i32.add (i32.mul (local.get $ir) (local.get $ldc))
                       (i32.shl (i32.add (local.get $jc) (local.get $jr)) (i32.const 2)))))
            (if (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 8)))
              (then
                (if (local.get $first)
                  (then
                    (v128.store (local.get $out) (f32x4.add (local.get $c00) (local.get $z0)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (local.get $c01) (local.get $z1)))
                    (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                    (v128.store (local.get $out) (f32x4.add (local.get $c10) (local.get $z0)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (local.get $c11) (local.get $z1)))
                    (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                    (v128.store (local.get $out) (f32x4.add (local.get $c20) (local.get $z0)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (local.get $c21) (local.get $z1)))
                    (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                    (v128.store (local.get $out) (f32x4.add (local.get $c30) (local.get $z0)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (local.get $c31) (local.get $z1))))
                  (else
                    (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $c00)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (v128.load offset=16 (local.get $out)) (local.get $c01)))
                    (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                    (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $c10)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (v128.load offset=16 (local.get $out)) (local.get $c11)))
                    (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                    (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $c20)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (v128.load offset=16 (local.get $out)) (local.get $c21)))
                    (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                    (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $c30)))
                    (v128.store offset=16 (local.get $out) (f32x4.add (v128.load offset=16 (local.get $out)) (local.get $c31))))))
              (else
                ;; An edge tile: through the scratch tile, writing only the rows × cols inside C.
                ;; z0, z1 are zero past the first K block, whose C values are then added instead.
                (v128.store (local.get $tile) (f32x4.add (local.get $c00) (local.get $z0)))
                (v128.store offset=16 (local.get $tile) (f32x4.add (local.get $c01) (local.get $z1)))
                (v128.store offset=32 (local.get $tile) (f32x4.add (local.get $c10) (local.get $z0)))
                (v128.store offset=48 (local.get $tile) (f32x4.add (local.get $c11) (local.get $z1)))
                (v128.store offset=64 (local.get $tile) (f32x4.add (local.get $c20) (local.get $z0)))
                (v128.store offset=80 (local.get $tile) (f32x4.add (local.get $c21) (local.get $z1)))
                (v128.store offset=96 (local.get $tile) (f32x4.add (local.get $c30) (local.get $z0)))
                (v128.store offset=112 (local.get $tile) (f32x4.add (local.get $c31) (local.get $z1)))
                (local.set $i (i32.const 0))
                (loop $er
                  (local.set $j (i32.const 0))
                  (loop $ec
                    (local.set $q (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
                    (f32.store (local.get $q)
                      (f32.add
                        (f32.load (i32.add (local.get $tile) (i32.add (i32.shl (local.get $i) (i32.const 5)) (i32.shl (local.get $j) (i32.const 2)))))
                        (if (result f32) (local.get $first) (then (f32.const 0)) (else (f32.load (local.get $q))))))
                    (br_if $ec (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $cols))))
                  (local.set $out (i32.add (local.get $out) (local.get $ldc)))
                  (br_if $er (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $rows))))))
            (br_if $irLoop (i32.lt_s (local.tee $ir (i32.add (local.get $ir) (i32.const 4))) (local.get $M))))
          (br_if $jrLoop (i32.lt_s (local.tee $jr (i32.add (local.get $jr) (i32.const 8))) (local.get $nc))))
        (br_if $pcLoop (i32.lt_s (local.tee $pc (i32.add (local.get $pc) (global.get $KC))) (local.get $K))))
      (br_if $jcLoop (i32.lt_s (local.tee $jc (i32.add (local.get $jc) (global.get $NC))) (local.get $N)))))

  ;; 1 when the n floats at p hold no NaN or ±Infinity, else 0: Σ x·0 stays 0 exactly when every x is finite
  ;; (the executor's check of every gradient and updated weight each step; four sums so the adds overlap).
  (func (export "all_finite") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $end16 i32) (local $z0 v128) (local $z1 v128) (local $z2 v128) (local $z3 v128)
    (local $zero v128) (local $s f32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end16 (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (if (i32.lt_u (local.get $p) (local.get $end16))
      (then
        (loop $by16
          (local.set $z0 (f32x4.add (local.get $z0) (f32x4.mul (v128.load (local.get $p)) (local.get $zero))))
          (local.set $z1 (f32x4.add (local.get $z1) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $zero))))
          (local.set $z2 (f32x4.add (local.get $z2) (f32x4.mul (v128.load offset=32 (local.get $p)) (local.get $zero))))
          (local.set $z3 (f32x4.add (local.get $z3) (f32x4.mul (v128.load offset=48 (local.get $p)) (local.get $zero))))
          (br_if $by16 (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 64))) (local.get $end16))))))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (loop $by1
          (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $p)) (f32.const 0))))
          (br_if $by1 (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 4))) (local.get $end))))))
    (local.set $z0 (f32x4.add (f32x4.add (local.get $z0) (local.get $z1)) (f32x4.add (local.get $z2) (local.get $z3))))
    (local.set $z0 (f32x4.add (local.get $z0) (f32x4.splat (local.get $s))))
    (i32x4.all_true (f32x4.eq (local.get $z0) (local.get $zero))))

  ;; o[i] = x[i] > 0 ? g[i] : +0, branch-free (ReLU forward with g = x, backward with g = ∂out): a compare mask ANDed
  ;; with g gives bit for bit what the JS select gives (NaN and -0 in x give +0), without a branch that random signs
  ;; mispredict (the JS loop was ~40% of a 2-16-16-1 step).
  (func (export "relu_mask") (param $x i32) (param $g i32) (param $o i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $zero v128)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (if (i32.lt_u (local.get $o) (local.get $end4))
      (then
        (loop $by4
          (v128.store (local.get $o)
            (v128.and (v128.load (local.get $g)) (f32x4.gt (v128.load (local.get $x)) (local.get $zero))))
          (local.set $x (i32.add (local.get $x) (i32.const 16)))
          (local.set $g (i32.add (local.get $g) (i32.const 16)))
          (br_if $by4 (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $end4))))))
    (if (i32.lt_u (local.get $o) (local.get $end))
      (then
        (loop $by1
          (f32.store (local.get $o)
            (select (f32.load (local.get $g)) (f32.const 0) (f32.gt (f32.load (local.get $x)) (f32.const 0))))
          (local.set $x (i32.add (local.get $x) (i32.const 4)))
          (local.set $g (i32.add (local.get $g) (i32.const 4)))
          (br_if $by1 (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 4))) (local.get $end)))))))
)
