import { describe, expect, it } from 'vitest';
import { dualKernels } from '../../src/kernels/cosineMap.js';

/**
 * An independent check of the dual kernels: the Gaussian expectation E[f(u) g(v)] computed by
 * numerical integration, using no closed form. With (u, v) = (sqrt(q1) g1, sqrt(q2)(rho g1 +
 * sqrt(1-rho^2) g2)) and (g1, g2) = r (cos t, sin t), positive homogeneity of degree k in r
 * integrates the radius exactly: E = (1/2 pi) int_0^2pi h(t) dt * int_0^inf r^(2k+1) e^(-r^2/2) dr,
 * i.e. 1/pi times the angular integral for phi phi (k = 1) and 1/(2 pi) times it for phi' phi' (k = 0).
 * The angular integrand is smooth between the zeros of u and v, so Gauss-Legendre on each piece
 * converges to machine precision.
 */
function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let t = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = t;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * t * p1 - (k - 1) * p0) / k];
      const dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) {
        x.push(t);
        w.push(2 / ((1 - t * t) * dp * dp));
        break;
      }
    }
  }
  return { x, w };
}

const GL = gaussLegendre(60);

function angularIntegral(h: (t: number) => number, breaks: number[]): number {
  const pts = [...breaks.map((b) => ((b % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)), 0, 2 * Math.PI].sort(
    (p, q) => p - q,
  );
  let total = 0;
  for (let k = 0; k + 1 < pts.length; k++) {
    const [lo, hi] = [pts[k], pts[k + 1]];
    if (hi - lo < 1e-15) continue;
    for (let i = 0; i < GL.x.length; i++) total += ((hi - lo) / 2) * GL.w[i] * h(lo + ((hi - lo) * (GL.x[i] + 1)) / 2);
  }
  return total;
}

function byQuadrature(a: number, b: number, q1: number, q2: number, c: number): { phiPhi: number; dphiDphi: number } {
  const rho = c / Math.sqrt(q1 * q2);
  const s = Math.sqrt(Math.max(0, 1 - rho * rho));
  const phi = (z: number) => a * z + b * Math.abs(z);
  const dphi = (z: number) => a + b * Math.sign(z);
  const u = (t: number) => Math.sqrt(q1) * Math.cos(t);
  const v = (t: number) => Math.sqrt(q2) * (rho * Math.cos(t) + s * Math.sin(t));
  // zeros of u: t = pi/2, 3pi/2; zeros of v: t = atan2(-rho, s) and that + pi.
  const tv = Math.atan2(-rho, s);
  const breaks = [Math.PI / 2, (3 * Math.PI) / 2, tv, tv + Math.PI];
  return {
    phiPhi: angularIntegral((t) => phi(u(t)) * phi(v(t)), breaks) / Math.PI,
    dphiDphi: angularIntegral((t) => dphi(u(t)) * dphi(v(t)), breaks) / (2 * Math.PI),
  };
}

describe('dual kernels against numerical integration of the Gaussian expectation', () => {
  const cases: [number, number, number, number, number][] = [
    [0.5, 0.5, 1, 1, 0],
    [0.5, 0.5, 2, 3, 1.2],
    [0, 1, 1, 4, -1.9],
    [0.55, 0.45, 0.7, 1.3, 0.2],
    [-0.3, 1.7, 2.5, 0.4, -0.9],
    [1, 0, 1, 2, 0.5],
    [0.2, -0.9, 1, 1, 0.999],
  ];
  for (const [a, b, q1, q2, c] of cases) {
    it(`a=${a}, b=${b}, q=(${q1}, ${q2}), c=${c}`, () => {
      const want = byQuadrature(a, b, q1, q2, c);
      const got = dualKernels(a, b, q1, q2, c);
      const scale = (a * a + b * b) * Math.sqrt(q1 * q2);
      expect(Math.abs(got.phiPhi - want.phiPhi)).toBeLessThan(1e-13 * scale);
      expect(Math.abs(got.dphiDphi - want.dphiDphi)).toBeLessThan(1e-13 * (a * a + b * b));
    });
  }

  it('the quadrature itself detects a wrong kernel (sanity of the check)', () => {
    const want = byQuadrature(0.5, 0.5, 1, 1, 0.3);
    const wrong = dualKernels(0.5, 0.5, 1, 1, 0.31);
    expect(Math.abs(wrong.phiPhi - want.phiPhi)).toBeGreaterThan(1e-3);
  });
});
