import { Decimal } from 'decimal.js';
import type { Formula } from '../../formulas/index.js';
import { Fraction, parseRational, toNumber } from '../../src/util/exact.js';

export function exactScope(values: Record<string, string>): Record<string, Fraction> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, parseRational(v, k)]));
}

export function floatScope(values: Record<string, Fraction>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toNumber(v)]));
}

/** True when `got` is within one unit in the `digits`-th significant digit of `ref`. */
export function agreesToDigits(got: string, ref: string, digits: number): boolean {
  const r = new Decimal(ref);
  if (r.isZero()) return new Decimal(got).isZero();
  return new Decimal(got)
    .minus(r)
    .abs()
    .lte(r.abs().times(new Decimal(10).pow(1 - digits)));
}

/** Deterministic uniform [0, 1) generator (mulberry32), so that a failing point can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random rational points of a formula's domain, for any entry: points on the segments between two
 * of its test vectors (the domains are intervals and cones, so convex), kept only when every
 * variable passes its domain check and the Float64 value is finite.
 */
export function randomPoints(f: Formula, count: number, seed: number): Record<string, Fraction>[] {
  const vectors = f.testVectors.map((tv) => exactScope(tv.values));
  if (vectors.length < 2 || f.variables.length === 0) return [];
  const next = random(seed);
  const points: Record<string, Fraction>[] = [];
  for (let tries = 0; points.length < count && tries < 20 * count; tries++) {
    const p = vectors[Math.floor(next() * vectors.length)];
    const q = vectors[Math.floor(next() * vectors.length)];
    const t = new Fraction(1 + Math.floor(next() * 95), 97);
    const point = Object.fromEntries(f.variables.map((v) => [v.name, p[v.name].add(t.mul(q[v.name].sub(p[v.name])))]));
    if (f.variables.some((v) => v.check?.(toNumber(point[v.name])) !== undefined)) continue;
    if (!Number.isFinite(f.evaluate(floatScope(point)))) continue;
    points.push(point);
  }
  return points;
}
