/**
 * Small Float64 kernels for the samplers. Vectors are contiguous runs of a Float64Array: a
 * "column-major" n x k matrix is k vectors of length n one after another.
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

/** out (k x k, row-major) = Gram matrix of k column vectors of length n. */
export function gram(x: Float64Array, n: number, k: number, out: Float64Array): void {
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const v = dot(x, a * n, x, b * n, n);
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
 * v holds the k reflectors as workspace (reflector j in v[j n + j .. j n + n)).
 */
export function householderQr(
  a: Float64Array,
  n: number,
  m: number,
  r: Float64Array,
  v: Float64Array,
  q?: Float64Array,
): number {
  const k = Math.min(n, m);
  for (let j = 0; j < k; j++) {
    const cj = j * n;
    const norm2 = dot(a, cj + j, a, cj + j, n - j);
    const norm = Math.sqrt(norm2);
    const alpha = a[cj + j] >= 0 ? -norm : norm;
    const vj = j * n;
    // vnorm2 = ||x - alpha e_1||^2 = 2 (norm^2 - alpha x_0)
    const vnorm2 = 2 * (norm2 - alpha * a[cj + j]);
    if (vnorm2 > 0) {
      const inv = 1 / Math.sqrt(vnorm2);
      v[vj + j] = (a[cj + j] - alpha) * inv;
      for (let i = j + 1; i < n; i++) v[vj + i] = a[cj + i] * inv;
      for (let c = j + 1; c < m; c++) {
        const cc = c * n;
        axpy(-2 * dot(v, vj + j, a, cc + j, n - j), v, vj + j, a, cc + j, n - j);
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
      for (let i = c + 1; i < n; i++) q[qc + i] = 0 + alpha * v[vc + i];
      for (let j = c - 1; j >= 0; j--) {
        const vj = j * n;
        const s = dot(v, vj + j, q, qc + j, n - j);
        if (s !== 0) axpy(-2 * s, v, vj + j, q, qc + j, n - j);
      }
    }
  }
  return k;
}
