import { DomainError } from '../errors.js';
import { cosineMaps } from './cosineMap.js';
import type { LayerCoefficients } from './layers.js';

/**
 * The NNGP/NTK recursion of docs/conventions.md ("Infinite-width recursion", canonical convention),
 * written so that depth 10^5 keeps its digits (docs/numerics.md, docs/theory.md T2.3): norms are
 * propagated on the diagonal, and each pair carries only the squared cosine distance
 * z = (1 - rho)/2 of its covariance, never a rounded cosine. Coefficients: layers.ts.
 */

/** Per-layer diagonal quantities of one input (index l-1 holds layer l). */
export interface DiagonalSequence {
  /** Sigma^(l)(x,x). */
  readonly nngp: Float64Array;
  /** Theta^(l)(x,x). */
  readonly ntk: Float64Array;
  /** Sdot^(l)(x,x) = sigma_w,l^2 E[phi'(u)^2] under Sigma^(l-1); index 0 (layer 1) is unused. */
  readonly sdot: Float64Array;
  /** Whether Sigma^(l)(x,x) is exactly 0 (zero input and no bias so far). */
  readonly zero: Uint8Array;
  /** |x|^2. */
  readonly normSq: number;
}

/** Per-layer cross quantities of one pair. */
export interface CrossSequence {
  readonly nngp: Float64Array;
  readonly ntk: Float64Array;
  /** Sdot^(l)(x,y) = sigma_w,l^2 E[phi'(u)phi'(v)] under Sigma^(l-1); index 0 (layer 1) is unused. */
  readonly sdot: Float64Array;
  /** z^(l) = (1 - cos angle of Sigma^(l))/2; 1/2 by convention when a variance is 0. */
  readonly z: Float64Array;
}

function outOfRange(what: string, layer: number, value: number): DomainError {
  const how = value === 0 ? 'underflows to 0' : 'overflows';
  if (layer === 1)
    return new DomainError(
      `${what} ${how} in Float64 at layer 1: an input's squared norm is outside 1e-308..1e308; rescale the inputs ` +
        `(without biases every kernel scales as |x|^2 and the cosines not at all)`,
    );
  return new DomainError(
    `${what} ${how} in Float64 at layer ${layer}: the variance scales like chi_1^l; use a smaller depth or ` +
      `sigma_w^2 closer to 1/A_2 (see 'ntkcalc phase')`,
  );
}

/**
 * Diagonal recursion for an input with squared norm `normSq` (docs/conventions.md). `zeroInput` says
 * whether the input is the zero vector: a non-zero input whose |x|^2 underflows is not one.
 */
export function diagonalSequence(c: LayerCoefficients, normSq: number, zeroInput = normSq === 0): DiagonalSequence {
  const L = c.depth;
  const nngp = new Float64Array(L);
  const ntk = new Float64Array(L);
  const sdots = new Float64Array(L);
  const zero = new Uint8Array(L);
  let prev = normSq;
  let prevZero = zeroInput;
  let theta = 0;
  for (let l = 0; l < L; l++) {
    const q = c.fwd[l] * prev + c.v[l];
    const isZero = prevZero && c.v[l] === 0;
    // E[phi'(u)^2] = A_2 for u != 0; phi'(0)^2 = a^2 = A_2 (1 - Delta) when the pre-activation is exactly 0.
    const sdot = l === 0 ? 0 : c.fwd[l] * (prevZero ? 1 - c.Delta : 1);
    theta = c.grad[l] * prev + c.m[l] + sdot * theta;
    if (!isZero && !(q >= Number.MIN_VALUE && q < Infinity)) throw outOfRange('the NNGP', l + 1, q);
    if (!Number.isFinite(theta)) throw outOfRange('the NTK', l + 1, theta);
    nngp[l] = q;
    ntk[l] = theta;
    sdots[l] = sdot;
    zero[l] = isZero ? 1 : 0;
    prev = q;
    prevZero = isZero;
  }
  return { nngp, ntk, sdot: sdots, zero, normSq };
}

/**
 * z of Sigma = f C + v from z of C, without cancellation (the affine step of docs/conventions.md,
 * rearranged): sqrt(q1 q2) - Sigma_12 = f v (sqrt p1 - sqrt p2)^2 / D + 2 f sqrt(p1 p2) zC, with
 * D = sqrt(q1 q2) + f sqrt(p1 p2) + v; every term is non-negative.
 */
export function affineZ(p1: number, p2: number, zC: number, f: number, v: number, q1: number, q2: number): number {
  if (v === 0) return zC;
  // Products of roots, not roots of products: q1 q2 under- or overflows long before q1 and q2 do.
  const sq = Math.sqrt(q1) * Math.sqrt(q2);
  const sp = Math.sqrt(p1) * Math.sqrt(p2);
  const dr = Math.sqrt(p1) - Math.sqrt(p2);
  const gap = (f * v * dr * dr) / (sq + f * sp + v) + 2 * f * sp * zC;
  return Math.min(1, Math.max(0, gap / (2 * sq)));
}

/**
 * Cross recursion for a pair with diagonal sequences dx, dy and first-layer squared cosine
 * distance z0 = |x/|x| - y/|y||^2/4 (from the vectors, never from a rounded cosine); y0 =
 * |x/|x| + y/|y||^2/4 = 1 - z0 keeps the digits of nearly antipodal pairs through the first layer.
 * Writes into `out` when given (Gram matrices reuse one buffer).
 */
export function crossSequence(
  c: LayerCoefficients,
  dx: DiagonalSequence,
  dy: DiagonalSequence,
  z0: number,
  out?: CrossSequence,
  y0 = 1 - z0,
): CrossSequence {
  const L = c.depth;
  const res = out ?? {
    nngp: new Float64Array(L),
    ntk: new Float64Array(L),
    sdot: new Float64Array(L),
    z: new Float64Array(L),
  };
  let p1 = dx.normSq;
  let p2 = dy.normSq;
  let zC = p1 === 0 || p2 === 0 ? 0.5 : z0;
  let theta = 0;
  // maps[1] holds varrho' at the previous layer's z; maps[0] the next zC.
  const maps = new Float64Array(2);
  for (let l = 0; l < L; l++) {
    const cxy = Math.sqrt(p1) * Math.sqrt(p2) * (1 - 2 * zC);
    const q1 = dx.nngp[l];
    const q2 = dy.nngp[l];
    const zS = dx.zero[l] || dy.zero[l] ? 0.5 : affineZ(p1, p2, zC, c.fwd[l], c.v[l], q1, q2);
    const sdot = l === 0 ? 0 : c.fwd[l] * maps[1];
    theta = c.grad[l] * cxy + c.m[l] + sdot * theta;
    res.nngp[l] = c.fwd[l] * cxy + c.v[l];
    res.ntk[l] = theta;
    res.sdot[l] = sdot;
    res.z[l] = zS;
    // Without a first-layer bias, Sigma^(1) has the inputs' angle, whose complement y0 is exact.
    cosineMaps(zS, c.Delta, maps, l === 0 && zS === z0 ? y0 : 1 - zS);
    zC = maps[0];
    p1 = q1;
    p2 = q2;
  }
  return res;
}

/**
 * Euclidean norm |x|, from x divided by its largest entry when the plain sum of squares could under-
 * or overflow, so that vectors of norm 1e-200 or 1e200 keep their digits (|x|^2 would be 0 or Infinity).
 */
export function vectorNorm(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  if (m === 0) return 0;
  if (m > 1e-150 && m < 1e150) return Math.sqrt(normSquared(x));
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = x[i] / m;
    s += t * t;
  }
  return m * Math.sqrt(s);
}

export function normSquared(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

/**
 * First-layer squared cosine distance z0 = |x/|x| - y/|y||^2 / 4 and its complement
 * y0 = |x/|x| + y/|y||^2 / 4, both from the vectors (1/2 by convention for a zero vector).
 * Reads row i of `u` and row j of `v` (row-major, `dim` columns) when given flat arrays.
 */
export function unitDistances(
  u: ArrayLike<number>,
  nu: number,
  i: number,
  v: ArrayLike<number>,
  nv: number,
  j: number,
  dim: number,
): { z0: number; y0: number } {
  if (nu === 0 || nv === 0) return { z0: 0.5, y0: 0.5 };
  const a = Float64Array.from({ length: dim }, (_, k) => u[i * dim + k] / nu);
  const b = Float64Array.from({ length: dim }, (_, k) => v[j * dim + k] / nv);
  return unitRowDistances(a, 0, b, 0, dim);
}

/** Each row of `u` (row-major, `dim` columns) divided by its norm; rows of norm 0 stay 0. */
export function unitRows(u: ArrayLike<number>, norms: ArrayLike<number>, dim: number): Float64Array {
  const out = new Float64Array(norms.length * dim);
  for (let i = 0; i < norms.length; i++) {
    if (norms[i] === 0) continue;
    for (let k = 0; k < dim; k++) out[i * dim + k] = u[i * dim + k] / norms[i];
  }
  return out;
}

/**
 * unitDistances of row i of `a` and row j of `b`, rows of unit vectors (unitRows): the Gram
 * matrices normalise each input once instead of once per pair, with the same quotients.
 */
export function unitRowDistances(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  dim: number,
): { z0: number; y0: number } {
  let minus = 0;
  let plus = 0;
  for (let k = 0; k < dim; k++) {
    const p = a[i * dim + k];
    const q = b[j * dim + k];
    minus += (p - q) * (p - q);
    plus += (p + q) * (p + q);
  }
  return { z0: Math.min(1, minus / 4), y0: Math.min(1, plus / 4) };
}
