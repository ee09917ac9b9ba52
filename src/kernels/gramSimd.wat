;; The Gram kernel's block recursion (recurseBlock in gramCore.ts) on two pairs per f64x2 vector.
;; Every lane performs the operations of recurseBlock in the same order (no fused multiply-add),
;; so the entries are bit-identical to it and to the pair recursion; the constants (fdlibm's
;; arcsine, the series of sin t - t cos t, SERIES_ROOT) come from cosineMap.ts through memory.
;; Lanes off the series branch (sqrt z >= SERIES_ROOT) are finished by the imported `off`
;; (cosineMaps in JavaScript). Built into gramSimdWasm.ts by scripts/build-wasm.ts.
;;
;; Memory (byte offsets passed by gramSimd.ts):
;;   $k      constants: P0..P5, Q1..Q4, S1..S10, SERIES_ROOT, 2^-27 (22 f64)
;;   $coef   fwd[L], grad[L], v[L], m[L] (f64), then slot[L] (i32, -1 or the output index)
;;   $rx     the row input's roots sqrt Sigma^(l)(x, x), l = 0..L
;;   $ry     the column inputs' roots, (L + 1) per input
;;   $st     pair state, 16 slots each: zC, zS, slope, theta (f64), byte offset of the column's roots (i32),
;;           asin sqrt zS or -1 (f64)
;;   $res    per output index k: nngp of the 16 pairs, then ntk of the 16 pairs
(module
  (import "gram" "off" (func $off (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "run")
    (param $n i32) (param $L i32) (param $k i32) (param $coef i32) (param $rx i32) (param $ry i32)
    (param $st i32) (param $res i32) (param $dpi f64) (param $slopeScale f64)
    (local $l i32) (local $q i32) (local $o i32) (local $slot i32) (local $base i32) (local $a0 i32) (local $a1 i32)
    (local $out i32)
    (local $f f64) (local $v f64)
    (local $P0 v128) (local $P1 v128) (local $P2 v128) (local $P3 v128) (local $P4 v128) (local $P5 v128)
    (local $Q1 v128) (local $Q2 v128) (local $Q3 v128) (local $Q4 v128)
    (local $S1 v128) (local $S2 v128) (local $S3 v128) (local $S4 v128) (local $S5 v128)
    (local $S6 v128) (local $S7 v128) (local $S8 v128) (local $S9 v128) (local $S10 v128)
    (local $root v128) (local $tiny v128) (local $one v128) (local $two v128) (local $zero v128)
    (local $F v128) (local $V v128) (local $FV v128) (local $TWOF v128) (local $G v128) (local $ML v128)
    (local $RX v128) (local $RXN v128) (local $DPI v128) (local $SS v128)
    (local $z v128) (local $RY v128) (local $s v128) (local $cxy v128) (local $zs v128) (local $sq v128)
    (local $dr v128) (local $sdot v128) (local $th v128) (local $r v128) (local $mask v128) (local $t v128)
    (local $h v128) (local $u v128) (local $minus v128)
    (local.set $P0 (f64x2.splat (f64.load offset=0 (local.get $k))))
    (local.set $P1 (f64x2.splat (f64.load offset=8 (local.get $k))))
    (local.set $P2 (f64x2.splat (f64.load offset=16 (local.get $k))))
    (local.set $P3 (f64x2.splat (f64.load offset=24 (local.get $k))))
    (local.set $P4 (f64x2.splat (f64.load offset=32 (local.get $k))))
    (local.set $P5 (f64x2.splat (f64.load offset=40 (local.get $k))))
    (local.set $Q1 (f64x2.splat (f64.load offset=48 (local.get $k))))
    (local.set $Q2 (f64x2.splat (f64.load offset=56 (local.get $k))))
    (local.set $Q3 (f64x2.splat (f64.load offset=64 (local.get $k))))
    (local.set $Q4 (f64x2.splat (f64.load offset=72 (local.get $k))))
    (local.set $S1 (f64x2.splat (f64.load offset=80 (local.get $k))))
    (local.set $S2 (f64x2.splat (f64.load offset=88 (local.get $k))))
    (local.set $S3 (f64x2.splat (f64.load offset=96 (local.get $k))))
    (local.set $S4 (f64x2.splat (f64.load offset=104 (local.get $k))))
    (local.set $S5 (f64x2.splat (f64.load offset=112 (local.get $k))))
    (local.set $S6 (f64x2.splat (f64.load offset=120 (local.get $k))))
    (local.set $S7 (f64x2.splat (f64.load offset=128 (local.get $k))))
    (local.set $S8 (f64x2.splat (f64.load offset=136 (local.get $k))))
    (local.set $S9 (f64x2.splat (f64.load offset=144 (local.get $k))))
    (local.set $S10 (f64x2.splat (f64.load offset=152 (local.get $k))))
    (local.set $root (f64x2.splat (f64.load offset=160 (local.get $k))))
    (local.set $tiny (f64x2.splat (f64.load offset=168 (local.get $k))))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $two (f64x2.splat (f64.const 2)))
    (local.set $zero (f64x2.splat (f64.const 0)))
    (local.set $minus (f64x2.splat (f64.const -1)))
    (local.set $DPI (f64x2.splat (local.get $dpi)))
    (local.set $SS (f64x2.splat (local.get $slopeScale)))
    (local.set $l (i32.const 0))
    (block $layers_done
      (loop $layers
        (br_if $layers_done (i32.ge_u (local.get $l) (local.get $L)))
        (local.set $o (i32.add (local.get $coef) (i32.shl (local.get $l) (i32.const 3))))
        (local.set $f (f64.load (local.get $o)))
        (local.set $v (f64.load (i32.add (local.get $o) (i32.shl (local.get $L) (i32.const 4)))))
        (local.set $F (f64x2.splat (local.get $f)))
        (local.set $V (f64x2.splat (local.get $v)))
        (local.set $FV (f64x2.splat (f64.mul (local.get $f) (local.get $v))))
        (local.set $TWOF (f64x2.splat (f64.mul (f64.const 2) (local.get $f))))
        (local.set $G (f64x2.splat (f64.load (i32.add (local.get $o) (i32.shl (local.get $L) (i32.const 3))))))
        (local.set $ML (f64x2.splat (f64.load (i32.add (local.get $o) (i32.mul (local.get $L) (i32.const 24))))))
        (local.set $slot (i32.load (i32.add (i32.add (local.get $coef) (i32.shl (local.get $L) (i32.const 5)))
          (i32.shl (local.get $l) (i32.const 2)))))
        (local.set $RX (f64x2.splat (f64.load (i32.add (local.get $rx) (i32.shl (local.get $l) (i32.const 3))))))
        (local.set $RXN (f64x2.splat
          (f64.load offset=8 (i32.add (local.get $rx) (i32.shl (local.get $l) (i32.const 3))))))
        (local.set $base (i32.add (local.get $ry) (i32.shl (local.get $l) (i32.const 3))))
        ;; three passes over the pairs, each of short independent chains the processor overlaps:
        ;; the affine step and the NTK; the arcsine; the series and the derivative kernel
        (local.set $q (i32.const 0))
        (block $affine_done
          (loop $affine
            (br_if $affine_done (i32.ge_u (local.get $q) (local.get $n)))
            (local.set $o (i32.add (local.get $st) (i32.shl (local.get $q) (i32.const 3))))
            (local.set $z (v128.load offset=0 (local.get $o)))
            ;; the two columns' roots at this layer (state: byte offsets of their roots from $ry)
            (local.set $a0 (i32.add (local.get $base) (i32.load offset=512 (i32.add (local.get $st)
              (i32.shl (local.get $q) (i32.const 2))))))
            (local.set $a1 (i32.add (local.get $base) (i32.load offset=516 (i32.add (local.get $st)
              (i32.shl (local.get $q) (i32.const 2))))))
            (local.set $RY (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $a0))) (f64.load (local.get $a1))))
            ;; cxy = rx ry (1 - 2 z)
            (local.set $s (f64x2.mul (local.get $RX) (local.get $RY)))
            (local.set $cxy (f64x2.mul (local.get $s)
              (f64x2.sub (local.get $one) (f64x2.mul (local.get $two) (local.get $z)))))
            (if (f64.eq (local.get $v) (f64.const 0))
              (then (local.set $zs (local.get $z)))
              (else
                ;; gap = f v (rx - ry)^2 / (sq + f s + v) + 2 f s z;  zS = min(1, max(0, gap / (2 sq)))
                (local.set $sq (f64x2.mul (local.get $RXN)
                  (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8 (local.get $a0)))
                    (f64.load offset=8 (local.get $a1)))))
                (local.set $dr (f64x2.sub (local.get $RX) (local.get $RY)))
                (local.set $zs
                  (f64x2.min (local.get $one) (f64x2.max (local.get $zero)
                    (f64x2.div
                      (f64x2.add
                        (f64x2.div (f64x2.mul (f64x2.mul (local.get $FV) (local.get $dr)) (local.get $dr))
                          (f64x2.add (f64x2.add (local.get $sq) (f64x2.mul (local.get $F) (local.get $s)))
                            (local.get $V)))
                        (f64x2.mul (f64x2.mul (local.get $TWOF) (local.get $s)) (local.get $z)))
                      (f64x2.mul (local.get $two) (local.get $sq))))))))
            ;; theta = g cxy + m + sdot theta, sdot = f slope (0 at the first layer)
            (local.set $sdot (if (result v128) (i32.eqz (local.get $l))
              (then (local.get $zero))
              (else (f64x2.mul (local.get $F) (v128.load offset=256 (local.get $o))))))
            (local.set $th (f64x2.add (f64x2.add (f64x2.mul (local.get $G) (local.get $cxy)) (local.get $ML))
              (f64x2.mul (local.get $sdot) (v128.load offset=384 (local.get $o)))))
            (v128.store offset=384 (local.get $o) (local.get $th))
            (if (i32.ge_s (local.get $slot) (i32.const 0))
              (then
                (local.set $out (i32.add (local.get $res)
                  (i32.shl (i32.add (i32.shl (local.get $slot) (i32.const 5)) (local.get $q)) (i32.const 3))))
                (v128.store offset=0
                  (local.get $out)
                  (f64x2.add (f64x2.mul (local.get $F) (local.get $cxy)) (local.get $V)))
                (v128.store offset=128
                  (local.get $out)
                  (local.get $th))))
            (v128.store offset=128 (local.get $o) (local.get $zs))
            (local.set $q (i32.add (local.get $q) (i32.const 2)))
            (br $affine)))
        (local.set $q (i32.const 0))
        (block $asin_done
          (loop $asin
            (br_if $asin_done (i32.ge_u (local.get $q) (local.get $n)))
            (local.set $o (i32.add (local.get $st) (i32.shl (local.get $q) (i32.const 3))))
            (local.set $zs (v128.load offset=128 (local.get $o)))
            ;; h = asin(sqrt zS) by fdlibm's rational approximation (asinBelowHalf)
            (local.set $r (f64x2.sqrt (local.get $zs)))
            (local.set $mask (f64x2.lt (local.get $r) (local.get $root)))
            (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
            (local.set $h (f64x2.add (local.get $r) (f64x2.mul (local.get $r) (f64x2.div (f64x2.mul (local.get $t)
              (f64x2.add (local.get $P0) (f64x2.mul (local.get $t) (f64x2.add (local.get $P1) (f64x2.mul
              (local.get $t) (f64x2.add (local.get $P2) (f64x2.mul (local.get $t) (f64x2.add (local.get $P3)
              (f64x2.mul (local.get $t) (f64x2.add (local.get $P4) (f64x2.mul (local.get $t)
              (local.get $P5)))))))))))) (f64x2.add (local.get $one) (f64x2.mul (local.get $t) (f64x2.add
              (local.get $Q1) (f64x2.mul (local.get $t) (f64x2.add (local.get $Q2) (f64x2.mul (local.get $t)
              (f64x2.add (local.get $Q3) (f64x2.mul (local.get $t) (local.get $Q4)))))))))))))
            (local.set $h (v128.bitselect (local.get $r) (local.get $h) (f64x2.lt (local.get $r) (local.get $tiny))))
            ;; -1 marks the lanes off the series branch (as recurseBlock does)
            (v128.store offset=576 (local.get $o) (v128.bitselect (local.get $h) (local.get $minus) (local.get $mask)))
            (local.set $q (i32.add (local.get $q) (i32.const 2)))
            (br $asin)))
        (local.set $q (i32.const 0))
        (block $series_done
          (loop $series
            (br_if $series_done (i32.ge_u (local.get $q) (local.get $n)))
            (local.set $o (i32.add (local.get $st) (i32.shl (local.get $q) (i32.const 3))))
            (local.set $zs (v128.load offset=128 (local.get $o)))
            (local.set $h (v128.load offset=576 (local.get $o)))
            (local.set $mask (f64x2.ge (local.get $h) (local.get $zero)))
            ;; zC = max(0, zS - (Delta/pi) S(2h)), S by its series in u = (2h)^2; slope = 1 - (4 Delta/pi) h
            (local.set $t (f64x2.mul (local.get $two) (local.get $h)))
            (local.set $u (f64x2.mul (local.get $t) (local.get $t)))
            (v128.store offset=0 (local.get $o) (f64x2.max (local.get $zero) (f64x2.sub (local.get $zs) (f64x2.mul
              (local.get $DPI) (f64x2.mul (f64x2.mul (f64x2.add (local.get $S1) (f64x2.mul (local.get $u) (f64x2.add
              (local.get $S2) (f64x2.mul (local.get $u) (f64x2.add (local.get $S3) (f64x2.mul (local.get $u)
              (f64x2.add (local.get $S4) (f64x2.mul (local.get $u) (f64x2.add (local.get $S5) (f64x2.mul
              (local.get $u) (f64x2.add (local.get $S6) (f64x2.mul (local.get $u) (f64x2.add (local.get $S7)
              (f64x2.mul (local.get $u) (f64x2.add (local.get $S8) (f64x2.mul (local.get $u) (f64x2.add
              (local.get $S9) (f64x2.mul (local.get $u) (local.get $S10))))))))))))))))))) (local.get $u))
              (local.get $t))))))
            (v128.store offset=256 (local.get $o)
              (f64x2.sub (local.get $one) (f64x2.mul (local.get $SS) (local.get $h))))
            (if (i32.eqz (i64x2.all_true (local.get $mask)))
              (then
                (if (i64.eqz (i64x2.extract_lane 0 (local.get $mask))) (then (call $off (local.get $q) (local.get $l))))
                (if (i64.eqz (i64x2.extract_lane 1 (local.get $mask)))
                  (then (call $off (i32.add (local.get $q) (i32.const 1)) (local.get $l))))))
            (local.set $q (i32.add (local.get $q) (i32.const 2)))
            (br $series)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $layers)))))
