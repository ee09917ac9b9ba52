import { DomainError } from '../errors.js';
import { checkDepth } from '../spec/numbers.js';
import { checkEigenSize } from '../util/limits.js';
import { symmetricEigenvalues } from '../util/symmetricEigenvalues.js';
import { icdApproximation } from './asymptotics.js';
import { zeta } from './cosineMap.js';
import { terjekCoefficients } from './eoc.js';
import { checkDataset } from './inputs.js';
import { type CrossSequence, crossSequence, diagonalSequence, unitDistances, vectorNorm } from './recursion.js';

/**
 * The spectrum of the EOC NTK matrix K_inf = (1/n) D_tau U D_tau (Terjek convention, m_l = 1;
 * docs/theory.md T2.3) beside the leading terms of the spectral theorem (Thm. 18, docs/theory.md T4.3) and the
 * inverse-cosine-distance approximation of its entries (Prop. 14, docs/theory.md T4.1).
 */
export interface SpectrumResult {
  readonly n: number;
  readonly depth: number;
  readonly Delta: number;
  readonly tauMax: number;
  readonly tauMin: number;
  /** The NTK matrix (1/n) K_inf(x_i, x_j), row-major. */
  readonly matrix: number[][];
  /** Its eigenvalues, ascending (exact up to rounding: the matrix's own eigenvalues). */
  readonly eigenvalues: number[];
  readonly conditionNumber: number;
  /** Perron root of the depth-l ICD matrix, and the W that reproduces it (see terjek/spectrum-xi). */
  readonly icdPerronRoot: number;
  readonly W: number;
  readonly WNote: string;
  readonly xi: number;
  /** Leading terms of Thm. 18 (unknown constants in the error terms). */
  readonly theorem: {
    readonly top: { readonly lower: number; readonly upper: number };
    readonly bulk: { readonly lower: number; readonly upper: number };
    readonly condition: { readonly lower: number; readonly upper: number };
    readonly conditionLimit: number;
  };
  /** max over pairs of (ICD approximation - exact entry) of K_inf; >= 0 (one-sided). */
  readonly icdMaxGap: number;
  readonly icdMinGap: number;
}

/** omega^(k)(w): k steps of the inverse cosine distance map, through zeta (docs/theory.md T2.4). */
export function omegaIterate(w: number, k: number, Delta: number): number {
  let z = 1 / (w * w);
  for (let i = 0; i < k; i++) z = zeta(z, Delta);
  return 1 / Math.sqrt(z);
}

/** w_* = ((1 - cos(min(pi/(2 Delta), pi)))/2)^(-1/2): omega is increasing above it (docs/theory.md T2.4). */
export function omegaIncreasingFrom(Delta: number): number {
  return 1 / Math.sqrt((1 - Math.cos(Math.min(Math.PI / (2 * Delta), Math.PI))) / 2);
}

/** Solves omega^(k)(W) = target for W on the increasing branch, by bisection. */
function solveW(target: number, k: number, Delta: number): { W: number; note: string } {
  const lo0 = omegaIncreasingFrom(Delta);
  const method =
    `W solves omega^(l-1)(W) = lambda_1(W_inf_l)/(n-1), the definition in the proof of Prop. 17 ` +
    `(bisection on W >= w_* = ${lo0.toPrecision(6)})`;
  if (omegaIterate(lo0, k, Delta) >= target)
    return { W: Math.max(lo0, 1 + 1e-12), note: `${method}; the target lies below the increasing branch, so W = w_*` };
  let lo = lo0;
  let hi = 2 * lo0;
  while (omegaIterate(hi, k, Delta) < target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (omegaIterate(mid, k, Delta) < target) lo = mid;
    else hi = mid;
  }
  return { W: (lo + hi) / 2, note: method };
}

function perronRoot(m: number[][]): number {
  return symmetricEigenvalues(m).at(-1)!;
}

/**
 * The checks every spectral result of docs/theory.md part T shares (n >= 2, Delta > 0, non-zero, non-parallel
 * inputs), then the EOC cross sequence of every pair i < j up to `maxDepth` (docs/theory.md T2.3, Terjek
 * convention), handed to `visit`. Returns the input norms.
 */
function eachEocPair(
  Delta: number,
  maxDepth: number,
  inputs: readonly (readonly number[])[],
  visit: (i: number, j: number, seq: CrossSequence, norms: readonly number[]) => void,
): number[] {
  const dim = checkDataset(inputs, 'inputs');
  const n = inputs.length;
  if (n < 2) throw new DomainError('the spectral theorem needs n >= 2 data points');
  if (!(Delta > 0))
    throw new DomainError(
      'Delta_phi = 0 (linear activation): the spectral theorem divides by Delta_phi and does not apply',
    );
  const norms = inputs.map((x) => vectorNorm(x));
  norms.forEach((t, i) => {
    if (t === 0)
      throw new DomainError(`input ${i} is the zero vector: the theorem needs non-zero, non-parallel inputs`);
    // Entries of the matrix are |x|^2 l / n times O(1): they must stay well inside Float64.
    if (!(t >= 1e-150 && t * t * maxDepth <= 1e300))
      throw new DomainError(
        `input ${i} has norm ${t.toExponential(3)}: the NTK matrix entries |x|^2 l/n leave the Float64 range ` +
          `(norms 1e-150..1e150/sqrt(l) are accepted); rescale the inputs (cosines, ICD and condition numbers do ` +
          `not depend on the scale)`,
      );
  });
  const c = terjekCoefficients(Delta, maxDepth);
  const unit = diagonalSequence(c, 1);
  const flat = inputs.flat();
  let seq: CrossSequence | undefined;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const { z0, y0 } = unitDistances(flat, norms[i], i, flat, norms[j], j, dim);
      if (z0 === 0 || y0 === 0)
        throw new DomainError(
          `inputs ${i} and ${j} are parallel (cosine ${z0 === 0 ? '1' : '-1'}): the theorems exclude parallel ` +
            `pairs; append a constant coordinate to every input (the paper's fix, equivalent to a first-layer bias)`,
        );
      seq = crossSequence(c, unit, unit, z0, seq, y0);
      visit(i, j, seq, norms);
    }
  }
  return norms;
}

/*
 * The leading terms of the spectral theorem, Terjek convention (arXiv 2501.13225 Thm. 18;
 * registry entries terjek/spectrum-*), with the unknown constants of the error terms
 * left out.
 */

/** The shift xi = (3/8) (pi W / (2 Delta) + log(3 pi W / (4 Delta) + l - 1) - 1). */
export function spectrumXi(W: number, Delta: number, l: number): number {
  return (3 / 8) * ((Math.PI / (2 * Delta)) * W + Math.log(((3 * Math.PI) / (4 * Delta)) * W + l - 1) - 1);
}

/** Top eigenvalue at unit norms: (1 + 3/n) l/4 + (1 - 1/n) xi. */
export function spectrumTop(n: number, l: number, xi: number): number {
  return (1 + 3 / n) * (l / 4) + (1 - 1 / n) * xi;
}

/** Bulk eigenvalues at unit norms: (3l/4 - xi)/n. */
export function spectrumBulk(n: number, l: number, xi: number): number {
  return ((3 / 4) * l - xi) / n;
}

/** Condition number at equal norms: 1 + n/3 + (16/9) n xi / (l - 4 xi/3). */
export function spectrumCondition(n: number, l: number, xi: number): number {
  return 1 + n / 3 + ((16 / 9) * n * xi) / (l - (4 / 3) * xi);
}

export function eocSpectrum(Delta: number, depth: number, inputs: readonly (readonly number[])[]): SpectrumResult {
  if (depth < 2) throw new DomainError('the spectral theorem needs depth l >= 2 (l counts weight matrices)');
  checkDepth(depth);
  const n = inputs.length;
  checkEigenSize('the dataset', n, 'use a subset of the inputs');
  const K = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const icd = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const pairs: [number, number, number, number][] = [];
  const norms = eachEocPair(Delta, depth, inputs, (i, j, seq) =>
    pairs.push([i, j, seq.ntk[depth - 1], 1 / Math.sqrt(seq.z[depth - 1])]),
  );
  let maxGap = -Infinity;
  let minGap = Infinity;
  for (let i = 0; i < n; i++) K[i][i] = (depth * norms[i] * norms[i]) / n;
  for (const [i, j, u, w] of pairs) {
    K[i][j] = K[j][i] = (norms[i] * norms[j] * u) / n;
    icd[i][j] = icd[j][i] = w;
    const gap = norms[i] * norms[j] * (icdApproximation(w, Delta) - u);
    maxGap = Math.max(maxGap, gap);
    minGap = Math.min(minGap, gap);
  }
  const eigenvalues = symmetricEigenvalues(K);
  const lambda1 = perronRoot(icd);
  const { W, note } = solveW(lambda1 / (n - 1), depth - 1, Delta);
  const xi = spectrumXi(W, Delta, depth);
  const tauMax = Math.max(...norms);
  const tauMin = Math.min(...norms);
  const top = spectrumTop(n, depth, xi);
  const bulk = spectrumBulk(n, depth, xi);
  const cond = spectrumCondition(n, depth, xi);
  const ratio = (tauMax * tauMax) / (tauMin * tauMin);
  return {
    n,
    depth,
    Delta,
    tauMax,
    tauMin,
    matrix: K,
    eigenvalues,
    conditionNumber: eigenvalues[n - 1] / eigenvalues[0],
    icdPerronRoot: lambda1,
    W,
    WNote: note,
    xi,
    theorem: {
      top: { lower: tauMin * tauMin * top, upper: tauMax * tauMax * top },
      bulk: { lower: tauMin * tauMin * bulk, upper: tauMax * tauMax * bulk },
      condition: { lower: cond / ratio, upper: cond * ratio },
      conditionLimit: 1 + n / 3,
    },
    icdMaxGap: maxGap,
    icdMinGap: minGap,
  };
}

/**
 * The EOC NTK matrices (1/n) D_tau U_l D_tau of one dataset (docs/theory.md T2.3, Terjek convention,
 * m_l = 1, l counts weight matrices) at every depth in `depths`, from one recursion per pair run
 * to the largest depth: layer l of the recursion never reads a later layer, so u_l is entry l - 1
 * of the deepest sequence, the same number a depth-l recursion gives.
 */
export function eocNtkMatrices(
  Delta: number,
  depths: readonly number[],
  inputs: readonly (readonly number[])[],
): number[][][] {
  if (depths.length === 0 || depths.some((l) => !Number.isInteger(l) || l < 2))
    throw new DomainError('every depth must be an integer l >= 2 (l counts weight matrices)');
  const n = inputs.length;
  const Ks = depths.map(() => Array.from({ length: n }, () => new Array<number>(n).fill(0)));
  const norms = eachEocPair(Delta, Math.max(...depths), inputs, (i, j, seq, tau) => {
    depths.forEach((l, d) => {
      Ks[d][i][j] = Ks[d][j][i] = (tau[i] * tau[j] * seq.ntk[l - 1]) / n;
    });
  });
  depths.forEach((l, d) => norms.forEach((t, i) => (Ks[d][i][i] = (l * t * t) / n)));
  return Ks;
}

/** kappa = lambda_max / lambda_min of a symmetric positive definite matrix. */
export function conditionNumber(matrix: number[][]): number {
  const values = symmetricEigenvalues(matrix);
  return values[values.length - 1] / values[0];
}
