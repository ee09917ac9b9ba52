/**
 * Small Float64 kernels for the samplers, in plain JavaScript: the reference path, which
 * vectorSimd.wat (kernels.ts) follows bit for bit. Vectors are contiguous runs of a Float64Array:
 * a "column-major" n x k matrix is k vectors of length n one after another.
 */

/**
 * Four interleaved partial sums, so that consecutive additions do not wait on each other's latency
 * (dot products are most of the samplers' flops; the reduced sampler got about 6% faster, measured).
 */
export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
  }
  for (; i < n; i++) s0 += x[xo + i] * y[yo + i];
  return s0 + s1 + (s2 + s3);
}

/** y[yo..] += alpha x[xo..] */
export function axpy(alpha: number, x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
}

/**
 * y[yo, yo + n) = 0 + coef[0] x_0 + coef[1] x_1 + ... + coef[count - 1] x_{count-1}, added left to
 * right, x_t = src[t][off[t] ..]: bit for bit what filling y with 0 and calling axpy once per term
 * gives (each element sees the same operations in the same order), in one pass over y instead of
 * count + 1. Up to four terms are unrolled (the reduced sampler's steps add 1 to 4 scaled columns
 * at N = 2); more terms take the plain fill-and-axpy path, which test/montecarlo/linalg.test.ts
 * also uses as the reference for the unrolled ones.
 */
export function combine(
  y: Float64Array,
  yo: number,
  n: number,
  count: number,
  coef: Float64Array,
  src: readonly Float64Array[],
  off: Int32Array,
): void {
  if (count === 1) {
    const [x0, c0, o0] = [src[0], coef[0], off[0]];
    for (let i = 0; i < n; i++) y[yo + i] = 0 + c0 * x0[o0 + i];
  } else if (count === 2) {
    const [x0, x1, c0, c1, o0, o1] = [src[0], src[1], coef[0], coef[1], off[0], off[1]];
    for (let i = 0; i < n; i++) y[yo + i] = 0 + c0 * x0[o0 + i] + c1 * x1[o1 + i];
  } else if (count === 3) {
    const [x0, x1, x2, c0, c1, c2] = [src[0], src[1], src[2], coef[0], coef[1], coef[2]];
    const [o0, o1, o2] = [off[0], off[1], off[2]];
    for (let i = 0; i < n; i++) y[yo + i] = 0 + c0 * x0[o0 + i] + c1 * x1[o1 + i] + c2 * x2[o2 + i];
  } else if (count === 4) {
    const [x0, x1, x2, x3, c0, c1, c2, c3] = [src[0], src[1], src[2], src[3], coef[0], coef[1], coef[2], coef[3]];
    const [o0, o1, o2, o3] = [off[0], off[1], off[2], off[3]];
    for (let i = 0; i < n; i++) y[yo + i] = 0 + c0 * x0[o0 + i] + c1 * x1[o1 + i] + c2 * x2[o2 + i] + c3 * x3[o3 + i];
  } else {
    y.fill(0, yo, yo + n);
    for (let t = 0; t < count; t++) axpy(coef[t], src[t], off[t], y, yo, n);
  }
}

/** y[yo..] = x[xo..] s */
export function scaleTo(s: number, x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) y[yo + i] = x[xo + i] * s;
}

/** z[zo..] = s z + c bias: a layer's scale and bias on one input's pre-activations. */
export function affine(s: number, z: Float64Array, zo: number, c: number, bias: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) z[zo + i] = s * z[zo + i] + c * bias[i];
}

/** h = a z + b |z|: the activation a s + b |s| (docs/conventions.md) on the first n entries. */
export function activate(a: number, b: number, z: Float64Array, h: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) h[i] = a * z[i] + b * Math.abs(z[i]);
}

/**
 * sign(v), with phi'(0) = a (docs/conventions.md) through sign(0) = 0 (and 0 at infinities and NaN).
 * Branch-free on the common path: the signs of pre-activations are random, and a branch on them
 * mispredicts half the time (it took 8% of the reduced sampler's time).
 */
export function sign(v: number): number {
  const s = Math.abs(v) / v;
  return Number.isNaN(s) ? 0 : s;
}

/** d[dOff..] = (as + bs sign z) back: phi'(z) times the back-propagated vector, phi' = a + b sign. */
export function backprop(
  as: number,
  bs: number,
  z: Float64Array,
  zo: number,
  back: Float64Array,
  bo: number,
  d: Float64Array,
  dOff: number,
  n: number,
): void {
  for (let j = 0; j < n; j++) d[dOff + j] = (as + bs * sign(z[zo + j])) * back[bo + j];
}

/**
 * The vector operations of householderQr and gram, on vectors of type V; kernels.ts has a
 * WebAssembly set with the same bits, whose vectors must live in its memory (its V is KernelVector).
 */
export interface VectorOps<V extends Float64Array = Float64Array> {
  dot(x: V, xo: number, y: V, yo: number, n: number): number;
  axpy(alpha: number, x: V, xo: number, y: V, yo: number, n: number): void;
  scaleTo(s: number, x: V, xo: number, y: V, yo: number, n: number): void;
  combine(y: V, yo: number, n: number, count: number, coef: Float64Array, src: readonly V[], off: Int32Array): void;
}

export const jsVectorOps: VectorOps = { dot, axpy, scaleTo, combine };

/** The one-term combine() of householderQr's Q (a thread runs one QR at a time). */
const ONE_TERM = new Float64Array(1);
const ONE_OFFSET = new Int32Array(1);

/** out (k x k, row-major) = Gram matrix of k column vectors of length n. */
export function gram<V extends Float64Array>(
  x: V,
  n: number,
  k: number,
  out: Float64Array,
  ops: VectorOps<V> = jsVectorOps,
): void {
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const v = ops.dot(x, a * n, x, b * n, n);
      out[a * k + b] = v;
      out[b * k + a] = v;
    }
  }
}

/**
 * Householder thin QR of a column-major n x m matrix A (Golub and Van Loan, Matrix Computations,
 * 4th ed., Alg. 5.2.1), k = min(n, m): A = Q R with Q n x k orthonormal (column-major, written
 * to q when given) and R k x m upper trapezoidal (row-major, written to r). A is overwritten.
 *
 * Own code rather than a library: the samplers need 2L QRs of n x N blocks per network on
 * reused Float64Array workspaces; ml-matrix's QrDecomposition works on 2-D Matrix objects
 * allocated per call and has no thin-Q-from-reflectors option. Householder (not Gram-Schmidt or
 * Cholesky of A^T A) keeps Q orthonormal when A is rank-deficient (docs/theory.md M2): its
 * span then still contains span(A), which is all the reduced sampler's exactness needs.
 * v holds the k reflectors as workspace (reflector j in v[j n + j .. j n + n)). The O(n) loops go
 * through `ops`, so that the same steps run on either kernel set.
 */
export function householderQr<V extends Float64Array>(
  a: V,
  n: number,
  m: number,
  r: Float64Array,
  v: V,
  q?: V,
  ops: VectorOps<V> = jsVectorOps,
): number {
  const k = Math.min(n, m);
  const src = [v];
  for (let j = 0; j < k; j++) {
    const cj = j * n;
    const norm2 = ops.dot(a, cj + j, a, cj + j, n - j);
    const norm = Math.sqrt(norm2);
    const alpha = a[cj + j] >= 0 ? -norm : norm;
    const vj = j * n;
    // vnorm2 = ||x - alpha e_1||^2 = 2 (norm^2 - alpha x_0)
    const vnorm2 = 2 * (norm2 - alpha * a[cj + j]);
    if (vnorm2 > 0) {
      const inv = 1 / Math.sqrt(vnorm2);
      v[vj + j] = (a[cj + j] - alpha) * inv;
      ops.scaleTo(inv, a, cj + j + 1, v, vj + j + 1, n - j - 1);
      for (let c = j + 1; c < m; c++) {
        const cc = c * n;
        ops.axpy(-2 * ops.dot(v, vj + j, a, cc + j, n - j), v, vj + j, a, cc + j, n - j);
      }
      a[cj + j] = alpha;
    } else {
      v.fill(0, vj + j, vj + n);
    }
    for (let c = 0; c < m; c++) r[j * m + c] = c < j ? 0 : a[c * n + j];
  }
  if (q) {
    // Q e_c = H_0 ... H_{k-1} e_c, applying the reflectors in reverse; H_j e_c = e_c for j > c
    // (reflector j vanishes above row j). The first one applied, H_c, meets e_c itself, whose dot
    // product with reflector c is v_c[c]: written in one pass, the same bits as fill, dot and axpy.
    for (let c = 0; c < k; c++) {
      const qc = c * n;
      const vc = c * n;
      const alpha = -2 * v[vc + c];
      q.fill(0, qc, qc + c);
      q[qc + c] = 1 + alpha * v[vc + c];
      ONE_TERM[0] = alpha;
      ONE_OFFSET[0] = vc + c + 1;
      ops.combine(q, qc + c + 1, n - c - 1, 1, ONE_TERM, src, ONE_OFFSET);
      for (let j = c - 1; j >= 0; j--) {
        const vj = j * n;
        const s = ops.dot(v, vj + j, q, qc + j, n - j);
        if (s !== 0) ops.axpy(-2 * s, v, vj + j, q, qc + j, n - j);
      }
    }
  }
  return k;
}
