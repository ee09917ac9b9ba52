/**
 * The EOC-normalised cosine map of phi = a s + b|s| and its derivative, evaluated in the
 * squared-cosine-distance variable z = (1 - rho)/2 so that deep recursions keep their digits
 * (docs/theory.md T2.2-2.4; docs/numerics.md). Only Delta_phi enters.
 *
 * With theta = arccos(rho) = 2 asin(sqrt z):
 *   zeta(z)       = (1 - varrho(rho))/2 = z - (Delta/pi) (sin theta - theta cos theta)
 *   varrho'(rho)  = 1 - (2 Delta/pi) theta
 */

/**
 * Coefficients of S(t)/t^3 = sum_{k>=1} (-1)^(k+1) 2k t^(2k-2)/(2k+1)! in u = t^2; ten terms leave
 * a truncation below 1e-21 relative for t < 1.
 */
const [S1, S2, S3, S4, S5, S6, S7, S8, S9, S10] = Array.from({ length: 10 }, (_, i) => {
  const k = i + 1;
  let factorial = 1;
  for (let j = 2; j <= 2 * k + 1; j++) factorial *= j;
  return ((k % 2 === 1 ? 1 : -1) * 2 * k) / factorial;
});

/** S(t) = sin t - t cos t for 0 <= t < 1 by its Taylor series (Horner in t^2), where the difference cancels. */
export function seriesS(t: number): number {
  const u = t * t;
  return (S1 + u * (S2 + u * (S3 + u * (S4 + u * (S5 + u * (S6 + u * (S7 + u * (S8 + u * (S9 + u * S10))))))))) * u * t;
}

/** S(t) = sin t - t cos t for t in [0, pi/2]; below t = 1 (S ~ t^3/3) by its series. */
export function sinMinusTCos(t: number): number {
  return t >= 1 ? Math.sin(t) - t * Math.cos(t) : seriesS(t);
}

/** Below this sqrt(z) the angle t = 2 asin(sqrt z) is below 1 (sin(1/2) = 0.4794...): the series branch. */
export const SERIES_ROOT = 0.479;

// fdlibm's rational approximation of asin on [0, 1/2) (e_asin.c, pS0..pS5, qS1..qS4, here as the shortest
// decimals of the same doubles), the one V8's Math.asin evaluates there.
const P0 = 0.16666666666666666;
const P1 = -0.3255658186224009;
const P2 = 0.20121253213486293;
const P3 = -0.04005553450067941;
const P4 = 0.0007915349942898145;
const P5 = 3.479331075960212e-5;
const Q1 = -2.403394911734414;
const Q2 = 2.0209457602335057;
const Q3 = -0.6882839716054533;
const Q4 = 0.07703815055590194;
/** Below this asin(x) rounds to x (fdlibm returns x there). */
const ASIN_TINY = 2 ** -27;

/**
 * The constants of asinBelowHalf and seriesS and the branch points, in the order the WebAssembly
 * Gram kernel (gramSimd.wat) reads them, so that it evaluates the very same doubles.
 */
export const KERNEL_CONSTANTS = Float64Array.from([
  ...[P0, P1, P2, P3, P4, P5, Q1, Q2, Q3, Q4],
  ...[S1, S2, S3, S4, S5, S6, S7, S8, S9, S10],
  SERIES_ROOT,
  ASIN_TINY,
]);

/**
 * asin(x) for 0 <= x < 1/2, bit-identical to Math.asin there (test/kernels/cosine-map.test.ts), but
 * compiled inline into the Gram kernel's loop instead of a call into V8's C library.
 */
export function asinBelowHalf(x: number): number {
  if (x < ASIN_TINY) return x;
  const t = x * x;
  const p = t * (P0 + t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5)))));
  const q = 1 + t * (Q1 + t * (Q2 + t * (Q3 + t * Q4)));
  return x + x * (p / q);
}

/**
 * zeta(z) and varrho'(1 - 2z) together, sharing the one arcsine they need; written into
 * out[0] = zeta(z) (docs/theory.md T2.4, Props. 11-12) and out[1] = varrho'(rho) = 1 - (2 Delta/pi) theta
 * (docs/theory.md T2.2). For z > 1/2 the reflected angle phi = pi - theta is used,
 * zeta = (1-Delta)(1-y) + Delta y - (Delta/pi) S(phi) with y = 1 - z, so nearly antipodal pairs
 * keep their digits too; the caller may pass y = 1 - z computed without cancellation.
 */
export function cosineMaps(z: number, Delta: number, out: Float64Array, complement = 1 - z): void {
  if (z <= 0.5) {
    const half = Math.asin(Math.sqrt(z));
    out[0] = Math.max(0, z - (Delta / Math.PI) * sinMinusTCos(2 * half));
    out[1] = 1 - ((4 * Delta) / Math.PI) * half;
    return;
  }
  const y = complement;
  const half = Math.asin(Math.sqrt(y));
  out[0] = Math.min(1, Math.max(0, (1 - Delta) * (1 - y) + Delta * y - (Delta / Math.PI) * sinMinusTCos(2 * half)));
  out[1] = 1 - 2 * Delta + ((4 * Delta) / Math.PI) * half;
}

const scratch = new Float64Array(2);

/** zeta(z) = (1 - varrho(1 - 2z))/2 (docs/theory.md T2.4). */
export function zeta(z: number, Delta: number): number {
  cosineMaps(z, Delta, scratch);
  return scratch[0];
}

/** varrho'(rho) at rho = 1 - 2z: 1 - (2 Delta/pi) theta (docs/theory.md T2.2). */
export function varrhoPrimeAtZ(z: number, Delta: number): number {
  cosineMaps(z, Delta, scratch);
  return scratch[1];
}

/** varrho(rho) = rho + Delta (2/pi)(sqrt(1-rho^2) - rho arccos rho), via zeta (docs/theory.md T2.2). */
export function varrho(rho: number, Delta: number): number {
  return 1 - 2 * zeta((1 - clampCos(rho)) / 2, Delta);
}

/** varrho'(rho) = 1 - Delta (2/pi) arccos rho (docs/theory.md T2.2). */
export function varrhoPrime(rho: number, Delta: number): number {
  return varrhoPrimeAtZ((1 - clampCos(rho)) / 2, Delta);
}

function clampCos(rho: number): number {
  return Math.min(1, Math.max(-1, rho));
}

/** z = (1 - cos theta)/2 = sin^2(theta/2) for an angle theta in [0, pi]. */
export function zFromAngle(theta: number): number {
  const s = Math.sin(theta / 2);
  return s * s;
}

/**
 * Angle between two Gaussian coordinates with variances q1, q2 and covariance c, by atan2 (never
 * acos of a rounded ratio); pi/2 when either variance is 0 (docs/conventions.md).
 */
export function angleOf(q1: number, q2: number, c: number): number {
  if (q1 === 0 || q2 === 0) return Math.PI / 2;
  return Math.atan2(Math.sqrt(Math.max(q1 * q2 - c * c, 0)), c);
}

/**
 * Dual kernels of phi = a s + b|s| for (u, v) ~ N(0, [[q1, c], [c, q2]]) (docs/conventions.md):
 *   E[phi(u) phi(v)]   = a^2 c + b^2 (2/pi) sqrt(q1 q2) [sin theta + (pi/2 - theta) cos theta]
 *                      = A_2 sqrt(q1 q2) (1 - 2 zeta(z))
 *   E[phi'(u) phi'(v)] = a^2 + b^2 (1 - 2 theta/pi) = A_2 varrho'(rho)
 * The diagonal E[phi(u)^2] = A_2 q uses its own closed form, as docs/conventions.md asks.
 */
export function dualKernels(
  a: number,
  b: number,
  q1: number,
  q2: number,
  c: number,
): { phiPhi: number; dphiDphi: number } {
  const A2 = a * a + b * b;
  const Delta = (b * b) / A2;
  const diagonal = q1 === q2 && c === q1 && q1 > 0;
  const z = diagonal ? 0 : zFromAngle(angleOf(q1, q2, c));
  const phiPhi = diagonal ? A2 * q1 : A2 * Math.sqrt(q1 * q2) * (1 - 2 * zeta(z, Delta));
  return { phiPhi, dphiDphi: A2 * varrhoPrimeAtZ(z, Delta) };
}
