/**
 * The EOC-normalised cosine map of phi = a s + b|s| and its derivative, evaluated in the
 * squared-cosine-distance variable z = (1 - rho)/2 so that deep recursions keep their digits
 * (terjek.md 2.2-2.4; design.md "Numbers"). Only Delta_phi enters.
 *
 * With theta = arccos(rho) = 2 asin(sqrt z):
 *   zeta(z)       = (1 - varrho(rho))/2 = z - (Delta/pi) (sin theta - theta cos theta)
 *   varrho'(rho)  = 1 - (2 Delta/pi) theta
 */

/**
 * Coefficients of S(t)/t^3 = sum_{k>=1} (-1)^(k+1) 2k t^(2k-2)/(2k+1)! in u = t^2; ten terms leave
 * a truncation below 1e-21 relative for t < 1.
 */
const SERIES = Array.from({ length: 10 }, (_, i) => {
  const k = i + 1;
  let factorial = 1;
  for (let j = 2; j <= 2 * k + 1; j++) factorial *= j;
  return ((k % 2 === 1 ? 1 : -1) * 2 * k) / factorial;
});

/**
 * S(t) = sin t - t cos t for t in [0, pi/2]. Below t = 1 the difference cancels (S ~ t^3/3), so
 * its Taylor series is summed instead (Horner in t^2).
 */
export function sinMinusTCos(t: number): number {
  if (t >= 1) return Math.sin(t) - t * Math.cos(t);
  const u = t * t;
  let acc = SERIES[9];
  for (let i = 8; i >= 0; i--) acc = acc * u + SERIES[i];
  return acc * u * t;
}

/**
 * zeta(z) and varrho'(1 - 2z) together, sharing the one arcsine they need; written into
 * out[0] = zeta(z) (terjek.md 2.4, Props. 11-12) and out[1] = varrho'(rho) = 1 - (2 Delta/pi) theta
 * (terjek.md 2.2). For z > 1/2 the reflected angle phi = pi - theta is used,
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

/** zeta(z) = (1 - varrho(1 - 2z))/2 (terjek.md 2.4). */
export function zeta(z: number, Delta: number): number {
  cosineMaps(z, Delta, scratch);
  return scratch[0];
}

/** varrho'(rho) at rho = 1 - 2z: 1 - (2 Delta/pi) theta (terjek.md 2.2). */
export function varrhoPrimeAtZ(z: number, Delta: number): number {
  cosineMaps(z, Delta, scratch);
  return scratch[1];
}

/** varrho(rho) = rho + Delta (2/pi)(sqrt(1-rho^2) - rho arccos rho), via zeta (terjek.md 2.2). */
export function varrho(rho: number, Delta: number): number {
  return 1 - 2 * zeta((1 - clampCos(rho)) / 2, Delta);
}

/** varrho'(rho) = 1 - Delta (2/pi) arccos rho (terjek.md 2.2). */
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
 * acos of a rounded ratio); pi/2 when either variance is 0 (conventions.md).
 */
export function angleOf(q1: number, q2: number, c: number): number {
  if (q1 === 0 || q2 === 0) return Math.PI / 2;
  return Math.atan2(Math.sqrt(Math.max(q1 * q2 - c * c, 0)), c);
}

/**
 * Dual kernels of phi = a s + b|s| for (u, v) ~ N(0, [[q1, c], [c, q2]]) (conventions.md):
 *   E[phi(u) phi(v)]   = a^2 c + b^2 (2/pi) sqrt(q1 q2) [sin theta + (pi/2 - theta) cos theta]
 *                      = A_2 sqrt(q1 q2) (1 - 2 zeta(z))
 *   E[phi'(u) phi'(v)] = a^2 + b^2 (1 - 2 theta/pi) = A_2 varrho'(rho)
 * The diagonal E[phi(u)^2] = A_2 q uses its own closed form, as conventions.md asks.
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
