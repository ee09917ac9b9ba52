import type { NetworkSpec } from '../spec/network.js';
import { checkDataset } from './inputs.js';
import { layerCoefficients } from './layers.js';
import { crossSequence, diagonalSequence, unitDistances, vectorNorm } from './recursion.js';

export interface Triple {
  readonly xx: number;
  readonly xy: number;
  readonly yy: number;
}

export interface PairLayer {
  /** Weight layer l = 1..L. */
  readonly layer: number;
  readonly nngp: Triple;
  readonly ntk: Triple;
  /** Derivative kernel Sdot^(l) = sigma_w,l^2 E[phi'(u)phi'(v)] under Sigma^(l-1); null at layer 1. */
  readonly sdot: Triple | null;
  /** Cosine of the angle between x and y in Sigma^(l); 0 by convention when a variance is 0. */
  readonly cosine: number;
  /** (1 - cosine)/2, kept separately because it carries the digits near cosine = 1. */
  readonly cosineDistance: number;
}

/**
 * The cosine of Sigma^(l) (docs/conventions.md "Infinite-width recursion"): 1 - 2z from the cosine
 * distance z, which carries the digits near +-1 and does not depend on the scale sigma_w^2; where
 * the layer adds a bias and |cosine| < 1/2, Sigma(x,y) / sqrt(Sigma(x,x) Sigma(y,y)), which keeps
 * the bias's digits near 0 (1 - 2z has an absolute accuracy of 1e-16 only: a layer-1 cosine of
 * 1e-300 / 0.995 printed as -2.2e-16).
 */
function cosineOf(xy: number, xx: number, yy: number, z: number, bias: boolean): number {
  const c = 1 - 2 * z;
  if (!bias || Math.abs(c) >= 0.5 || xx === 0 || yy === 0) return c;
  return xy / Math.sqrt(xx) / Math.sqrt(yy);
}

/**
 * Infinite-width NNGP Sigma^(l) and NTK Theta^(l) of the pair (x, y) for l = 1..L
 * (docs/conventions.md "Infinite-width recursion"; canonical convention, NTK or standard param.).
 */
export function pairKernels(spec: NetworkSpec, x: readonly number[], y: readonly number[]): PairLayer[] {
  const n0 = checkDataset([x, y], 'inputs x, y');
  const c = layerCoefficients(spec, n0);
  const nx = vectorNorm(x);
  const ny = vectorNorm(y);
  const dx = diagonalSequence(c, nx * nx, nx === 0);
  const dy = diagonalSequence(c, ny * ny, ny === 0);
  const { z0, y0 } = unitDistances(x, nx, 0, y, ny, 0, n0);
  const cross = crossSequence(c, dx, dy, z0, undefined, y0);
  const out: PairLayer[] = [];
  for (let l = 0; l < c.depth; l++) {
    out.push({
      layer: l + 1,
      nngp: { xx: dx.nngp[l], xy: cross.nngp[l], yy: dy.nngp[l] },
      ntk: { xx: dx.ntk[l], xy: cross.ntk[l], yy: dy.ntk[l] },
      sdot: l === 0 ? null : { xx: dx.sdot[l], xy: cross.sdot[l], yy: dy.sdot[l] },
      cosine: cosineOf(cross.nngp[l], dx.nngp[l], dy.nngp[l], cross.z[l], c.v[l] > 0),
      cosineDistance: cross.z[l],
    });
  }
  return out;
}

export interface DiagonalLayer {
  readonly layer: number;
  readonly nngp: number;
  readonly ntk: number;
  readonly sdot: number | null;
}

/** Diagonal Sigma^(l)(x,x), Sdot^(l)(x,x), Theta^(l)(x,x) only: O(L), no angles. */
export function diagonalKernels(spec: NetworkSpec, x: readonly number[]): DiagonalLayer[] {
  const n0 = checkDataset([x], 'input x');
  const nx = vectorNorm(x);
  const d = diagonalSequence(layerCoefficients(spec, n0), nx * nx, nx === 0);
  return Array.from(d.nngp, (q, l) => ({ layer: l + 1, nngp: q, ntk: d.ntk[l], sdot: l === 0 ? null : d.sdot[l] }));
}
