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
    // (reflector j vanishes above row j).
    for (let c = 0; c < k; c++) {
      const qc = c * n;
      q.fill(0, qc, qc + n);
      q[qc + c] = 1;
      for (let j = c; j >= 0; j--) {
        const vj = j * n;
        const s = dot(v, vj + j, q, qc + j, n - j);
        if (s !== 0) axpy(-2 * s, v, vj + j, q, qc + j, n - j);
      }
    }
  }
  return k;
}
