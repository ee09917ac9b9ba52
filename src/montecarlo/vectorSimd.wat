;; The samplers' vector kernels (kernels.ts) on f64x2 vectors. Every element sees the operations of
;; the JavaScript kernels (linalg.ts, kernels.ts jsKernels) in the same order, and WebAssembly has
;; no fused multiply-add, so the results are bit-identical to them. dot keeps JavaScript's four
;; partial sums as two f64x2 accumulators: lanes (s0, s1) and (s2, s3). Vectors are byte addresses
;; into the exported memory; n is a count of doubles. Built into vectorSimdWasm.ts by
;; scripts/build-wasm.ts.
(module
  (memory (export "memory") 1)

  ;; sum x_i y_i: s0 + s1 + (s2 + s3) over i mod 4, the tail added to s0 (linalg.ts dot).
  (func (export "dot") (param $x i32) (param $y i32) (param $n i32) (result f64)
    (local $a v128) (local $b v128) (local $end i32) (local $s0 f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $b (f64x2.add (local.get $b)
          (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (br $quad)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $a)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $tail)))
    (f64.add
      (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a)))
      (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))

  ;; y += alpha x
  (func (export "axpy") (param $alpha f64) (param $x i32) (param $y i32) (param $n i32)
    (local $al v128) (local $end i32)
    (local.set $al (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y)
          (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $al) (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y)
        (f64.add (f64.load (local.get $y)) (f64.mul (local.get $alpha) (f64.load (local.get $x))))))))

  ;; y = x s
  (func (export "scaleTo") (param $s f64) (param $x i32) (param $y i32) (param $n i32)
    (local $sv v128) (local $end i32)
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y) (f64x2.mul (v128.load (local.get $x)) (local.get $sv)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y) (f64.mul (f64.load (local.get $x)) (local.get $s))))))

  ;; y = 0 + c0 x0 + c1 x1 + c2 x2 + c3 x3, added left to right; terms past $count (1 to 4) are left
  ;; out (linalg.ts combine). One loop per count, so that no branch runs per element.
  (func (export "combine") (param $y i32) (param $n i32) (param $count i32)
    (param $c0 f64) (param $x0 i32) (param $c1 f64) (param $x1 i32)
    (param $c2 f64) (param $x2 i32) (param $c3 f64) (param $x3 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $end i32)
    (local.set $v0 (f64x2.splat (local.get $c0)))
    (local.set $v1 (f64x2.splat (local.get $c1)))
    (local.set $v2 (f64x2.splat (local.get $c2)))
    (local.set $v3 (f64x2.splat (local.get $c3)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (if (i32.eq (local.get $count) (i32.const 1))
      (then
      (block $done1
        (loop $pair1
          (br_if $done1 (i32.ge_u (local.get $y) (local.get $end)))
          (v128.store (local.get $y) (f64x2.add (f64x2.splat (f64.const 0))
            (f64x2.mul (local.get $v0) (v128.load (local.get $x0)))))
          (local.set $y (i32.add (local.get $y) (i32.const 16)))
          (local.set $x0 (i32.add (local.get $x0) (i32.const 16)))
          (br $pair1)))
      (if (i32.and (local.get $n) (i32.const 1))
        (then (f64.store (local.get $y) (f64.add (f64.const 0)
            (f64.mul (local.get $c0) (f64.load (local.get $x0)))))))
      (return)))
    (if (i32.eq (local.get $count) (i32.const 2))
      (then
      (block $done2
        (loop $pair2
          (br_if $done2 (i32.ge_u (local.get $y) (local.get $end)))
          (v128.store (local.get $y) (f64x2.add (f64x2.add (f64x2.splat (f64.const 0))
            (f64x2.mul (local.get $v0) (v128.load (local.get $x0))))
            (f64x2.mul (local.get $v1) (v128.load (local.get $x1)))))
          (local.set $y (i32.add (local.get $y) (i32.const 16)))
          (local.set $x0 (i32.add (local.get $x0) (i32.const 16)))
          (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
          (br $pair2)))
      (if (i32.and (local.get $n) (i32.const 1))
        (then (f64.store (local.get $y) (f64.add (f64.add (f64.const 0)
            (f64.mul (local.get $c0) (f64.load (local.get $x0))))
            (f64.mul (local.get $c1) (f64.load (local.get $x1)))))))
      (return)))
    (if (i32.eq (local.get $count) (i32.const 3))
      (then
      (block $done3
        (loop $pair3
          (br_if $done3 (i32.ge_u (local.get $y) (local.get $end)))
          (v128.store (local.get $y) (f64x2.add (f64x2.add (f64x2.add (f64x2.splat (f64.const 0))
            (f64x2.mul (local.get $v0) (v128.load (local.get $x0))))
            (f64x2.mul (local.get $v1) (v128.load (local.get $x1))))
            (f64x2.mul (local.get $v2) (v128.load (local.get $x2)))))
          (local.set $y (i32.add (local.get $y) (i32.const 16)))
          (local.set $x0 (i32.add (local.get $x0) (i32.const 16)))
          (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
          (local.set $x2 (i32.add (local.get $x2) (i32.const 16)))
          (br $pair3)))
      (if (i32.and (local.get $n) (i32.const 1))
        (then (f64.store (local.get $y) (f64.add (f64.add (f64.add (f64.const 0)
            (f64.mul (local.get $c0) (f64.load (local.get $x0))))
            (f64.mul (local.get $c1) (f64.load (local.get $x1))))
            (f64.mul (local.get $c2) (f64.load (local.get $x2)))))))
      (return)))
    (block $done4
      (loop $pair4
        (br_if $done4 (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.splat (f64.const 0))
          (f64x2.mul (local.get $v0) (v128.load (local.get $x0))))
          (f64x2.mul (local.get $v1) (v128.load (local.get $x1))))
          (f64x2.mul (local.get $v2) (v128.load (local.get $x2))))
          (f64x2.mul (local.get $v3) (v128.load (local.get $x3)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 16)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 16)))
        (local.set $x3 (i32.add (local.get $x3) (i32.const 16)))
        (br $pair4)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y) (f64.add (f64.add (f64.add (f64.add (f64.const 0)
          (f64.mul (local.get $c0) (f64.load (local.get $x0))))
          (f64.mul (local.get $c1) (f64.load (local.get $x1))))
          (f64.mul (local.get $c2) (f64.load (local.get $x2))))
          (f64.mul (local.get $c3) (f64.load (local.get $x3)))))))
    (return))

  ;; z = s z + c bias (a layer's bias added to one input's pre-activations)
  (func (export "affine") (param $s f64) (param $z i32) (param $c f64) (param $bias i32) (param $n i32)
    (local $sv v128) (local $cv v128) (local $end i32)
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $end (i32.add (local.get $z) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
        (v128.store (local.get $z) (f64x2.add (f64x2.mul (local.get $sv) (v128.load (local.get $z)))
          (f64x2.mul (local.get $cv) (v128.load (local.get $bias)))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $bias (i32.add (local.get $bias) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $z) (f64.add (f64.mul (local.get $s) (f64.load (local.get $z)))
        (f64.mul (local.get $c) (f64.load (local.get $bias))))))))

  ;; h = a z + b |z|
  (func (export "activate") (param $a f64) (param $b f64) (param $z i32) (param $h i32) (param $n i32)
    (local $av v128) (local $bv v128) (local $v v128) (local $end i32) (local $x f64)
    (local.set $av (f64x2.splat (local.get $a)))
    (local.set $bv (f64x2.splat (local.get $b)))
    (local.set $end (i32.add (local.get $h) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $h) (local.get $end)))
        (local.set $v (v128.load (local.get $z)))
        (v128.store (local.get $h)
          (f64x2.add (f64x2.mul (local.get $av) (local.get $v)) (f64x2.mul (local.get $bv) (f64x2.abs (local.get $v)))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x (f64.load (local.get $z)))
        (f64.store (local.get $h)
          (f64.add (f64.mul (local.get $a) (local.get $x)) (f64.mul (local.get $b) (f64.abs (local.get $x))))))))

  ;; d = (as + bs sign z) back, with sign 0 at 0, at +-infinity and at NaN (kernels.ts sign).
  (func (export "backprop") (param $as f64) (param $bs f64) (param $z i32) (param $back i32) (param $d i32) (param $n i32)
    (local $av v128) (local $bv v128) (local $v v128) (local $sg v128) (local $end i32) (local $x f64) (local $s f64)
    (local.set $av (f64x2.splat (local.get $as)))
    (local.set $bv (f64x2.splat (local.get $bs)))
    (local.set $end (i32.add (local.get $d) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $v (v128.load (local.get $z)))
        (local.set $sg (v128.or
          (v128.and (f64x2.splat (f64.const 1))
            (v128.and (f64x2.gt (local.get $v) (f64x2.splat (f64.const 0))) (f64x2.lt (local.get $v) (f64x2.splat (f64.const inf)))))
          (v128.and (f64x2.splat (f64.const -1))
            (v128.and (f64x2.lt (local.get $v) (f64x2.splat (f64.const 0))) (f64x2.gt (local.get $v) (f64x2.splat (f64.const -inf)))))))
        (v128.store (local.get $d)
          (f64x2.mul (f64x2.add (local.get $av) (f64x2.mul (local.get $bv) (local.get $sg))) (v128.load (local.get $back))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $back (i32.add (local.get $back) (i32.const 16)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x (f64.load (local.get $z)))
        (local.set $s (select (f64.const 1)
          (select (f64.const -1) (f64.const 0) (i32.and (f64.lt (local.get $x) (f64.const 0)) (f64.gt (local.get $x) (f64.const -inf))))
          (i32.and (f64.gt (local.get $x) (f64.const 0)) (f64.lt (local.get $x) (f64.const inf)))))
        (f64.store (local.get $d)
          (f64.mul (f64.add (local.get $as) (f64.mul (local.get $bs) (local.get $s))) (f64.load (local.get $back)))))))
)
