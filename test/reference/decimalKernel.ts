import { Decimal } from 'decimal.js';

/**
 * High-precision reference of the canonical NNGP/NTK recursion (docs/conventions.md "Infinite-width
 * recursion"), written in the textbook cosine form with the closed forms of docs/conventions.md:
 * a different algorithm from src/kernels/recursion.ts (which iterates cosine distances), run at
 * 40 significant digits by default (NTKCALC_REFERENCE_DIGITS sets another precision; the stored
 * fixtures were generated at 80) so that its own rounding is far below the Float64 error being measured.
 */
export const D = Decimal.clone({
  precision: Number(process.env.NTKCALC_REFERENCE_DIGITS ?? 40),
  rounding: Decimal.ROUND_HALF_EVEN,
});
type Dec = InstanceType<typeof D>;

export interface ReferenceLayer {
  readonly nngpXY: string;
  readonly ntkXY: string;
  readonly ntkXX: string;
}

export interface ReferenceNetwork {
  /** Exact decimal strings of a and b. */
  readonly a: string;
  readonly b: string;
  readonly sigmaW2: string;
  readonly sigmaB2: string;
  readonly depth: number;
}

const PI = D.acos(-1);

/** Theta^(L)(x,y), Theta^(L)(x,x), Sigma^(L)(x,y) at the requested layers (1-based), bias 'present', NTK param. */
export function referenceKernel(
  net: ReferenceNetwork,
  x: readonly number[],
  y: readonly number[],
  report: readonly number[],
): Map<number, ReferenceLayer> {
  const a = new D(net.a);
  const b = new D(net.b);
  const w = new D(net.sigmaW2);
  const v = new D(net.sigmaB2);
  const a2 = a.mul(a);
  const b2 = b.mul(b);
  const n0 = new D(x.length);
  const dot = (u: readonly number[], t: readonly number[]) =>
    u.reduce((s, ui, i) => s.add(new D(ui).mul(new D(t[i]))), new D(0));
  // Sigma^(1)
  let q1: Dec = w.mul(dot(x, x)).div(n0).add(v);
  let q2: Dec = w.mul(dot(y, y)).div(n0).add(v);
  let c: Dec = w.mul(dot(x, y)).div(n0).add(v);
  let t1: Dec = q1;
  let t12: Dec = c;
  const wanted = new Set(report);
  const out = new Map<number, ReferenceLayer>();
  for (let l = 1; l <= net.depth; l++) {
    if (wanted.has(l)) out.set(l, { nngpXY: c.toString(), ntkXY: t12.toString(), ntkXX: t1.toString() });
    if (l === net.depth) break;
    const s = q1.mul(q2).sqrt();
    let cos = c.div(s);
    if (cos.gt(1)) cos = new D(1);
    if (cos.lt(-1)) cos = new D(-1);
    const theta = D.acos(cos);
    const sinT = D.max(new D(1).sub(cos.mul(cos)), 0).sqrt();
    // E[phi phi] = a^2 c + b^2 (2/pi) sqrt(q1 q2) [sin th + (pi/2 - th) cos th];  E[phi' phi'] = a^2 + b^2 (1 - 2 th/pi)
    const phiPhi = a2.mul(c).add(
      b2
        .mul(2)
        .div(PI)
        .mul(s)
        .mul(sinT.add(PI.div(2).sub(theta).mul(cos))),
    );
    const dphi = a2.add(b2.mul(new D(1).sub(theta.mul(2).div(PI))));
    const A2 = a2.add(b2);
    const nq1 = w.mul(A2).mul(q1).add(v);
    const nq2 = w.mul(A2).mul(q2).add(v);
    const nc = w.mul(phiPhi).add(v);
    t12 = nc.add(w.mul(dphi).mul(t12));
    t1 = nq1.add(w.mul(A2).mul(t1));
    q1 = nq1;
    q2 = nq2;
    c = nc;
  }
  return out;
}
