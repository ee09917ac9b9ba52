/**
 * Small Float64 kernels for the samplers. Vectors are contiguous runs of a Float64Array: a
 * "column-major" n x k matrix is k vectors of length n one after another.
 */

export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
  return s;
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
 * Cholesky of A^T A) keeps Q orthonormal when A is rank-deficient (monte-carlo.md section 2): its
 * span then still contains span(A), which is all the reduced sampler's exactness needs.
 * v holds the k reflectors as workspace (reflector j in v[j n + j .. j n + n)).
 */
export function householderQr(a: Float64Array, n: number, m: number, r: Float64Array, v: Float64Array, q?: Float64Array): number {
  const k = Math.min(n, m);
  for (let j = 0; j < k; j++) {
    const cj = j * n;
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += a[cj + i] * a[cj + i];
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
        let s = 0;
        for (let i = j; i < n; i++) s += v[vj + i] * a[cc + i];
        s *= 2;
        for (let i = j; i < n; i++) a[cc + i] -= s * v[vj + i];
      }
      a[cj + j] = alpha;
    } else {
      v.fill(0, vj + j, vj + n);
    }
    for (let c = 0; c < m; c++) r[j * m + c] = c < j ? 0 : a[c * n + j];
  }
  if (q) {
    // Q e_c = H_0 ... H_{k-1} e_c, applying the reflectors in reverse.
    for (let c = 0; c < k; c++) {
      const qc = c * n;
      q.fill(0, qc, qc + n);
      q[qc + c] = 1;
      for (let j = k - 1; j >= 0; j--) {
        const vj = j * n;
        let s = 0;
        for (let i = j; i < n; i++) s += v[vj + i] * q[qc + i];
        if (s === 0) continue;
        s *= 2;
        for (let i = j; i < n; i++) q[qc + i] -= s * v[vj + i];
      }
    }
  }
  return k;
}
