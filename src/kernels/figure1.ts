import { DomainError } from '../errors.js';
import { checkDepth } from '../spec/numbers.js';
import { loadMathjs } from '../symbolic/lazy.js';
import { checkEigenSize, checkMemory, maxOf } from '../util/limits.js';
import { spherePoints } from './inputs.js';
import { conditionNumber, eocNtkMatrices } from './spectrum.js';

/**
 * The protocol of Fig. 1 of the spectrum paper (docs/theory.md T5.1; arXiv 2501.13225): the mean over
 * random datasets of the condition number of the EOC NTK matrix (1/n) K_inf (Terjek convention,
 * l counts weight matrices) against depth, one curve per Delta_phi = b^2/(a^2 + b^2). Only Delta
 * enters the normalised kernel (docs/theory.md T2.2), so no (a, b) is chosen.
 */

/** The paper's curves: Delta in {1/8, 2/8, ..., 1}. */
export const FIGURE1_DELTAS: readonly number[] = Array.from({ length: 8 }, (_, k) => (k + 1) / 8);

export interface Figure1Options {
  readonly datasets: number;
  readonly points: number;
  readonly dim: number;
  readonly depths: readonly number[];
  readonly Deltas: readonly number[];
  readonly seed: number;
}

export interface Figure1Cell {
  readonly Delta: number;
  readonly depth: number;
  /**
   * Mean condition number over the datasets, its standard error and the datasets' standard deviation (null for one
   * dataset).
   */
  readonly mean: number;
  readonly se: number | null;
  readonly std: number | null;
}

export interface Figure1Result {
  readonly options: Figure1Options;
  /** One cell per (Delta, depth), Delta-major in the order of options.Deltas and options.depths. */
  readonly cells: Figure1Cell[];
}

/**
 * Dataset d of a run: points d n .. (d + 1) n - 1 of spherePoints(D n, dim, seed), so every
 * dataset has its own draws and a run with more datasets extends, not reshuffles, a smaller one.
 */
export function figure1Datasets(datasets: number, points: number, dim: number, seed: number): number[][][] {
  const all = spherePoints(datasets * points, dim, seed);
  return Array.from({ length: datasets }, (_, d) => all.slice(d * points, (d + 1) * points));
}

function checkOptions(o: Figure1Options): void {
  const positive = (v: number) => Number.isInteger(v) && v > 0;
  if (!positive(o.datasets))
    throw new DomainError(`the number of datasets must be a positive integer, got ${o.datasets}`);
  if (!positive(o.points) || o.points < 2)
    throw new DomainError(`a condition number needs n >= 2 points per dataset, got ${o.points}`);
  if (!positive(o.dim) || o.dim < 2)
    throw new DomainError(
      `points on the unit sphere of R^dim need dim >= 2 (in R^1 all points are parallel), got ${o.dim}`,
    );
  if (o.depths.length === 0 || o.depths.some((l) => !Number.isInteger(l) || l < 2))
    throw new DomainError('every depth must be an integer l >= 2 (l counts weight matrices)');
  if (o.Deltas.length === 0 || o.Deltas.some((D) => !(D > 0 && D <= 1)))
    throw new DomainError('every Delta must lie in (0, 1]');
  checkDepth(maxOf(o.depths));
  checkEigenSize('each dataset', o.points, 'use fewer --points');
  // The points as Float64 draws and as arrays of numbers; the NTK matrices of one dataset, one per depth.
  const points = o.datasets * o.points;
  checkMemory(
    `${o.datasets} datasets of ${o.points} points in R^${o.dim}`,
    24 * points * o.dim + 16 * o.depths.length * o.points ** 2,
    'use fewer --datasets, --points, --dim or --depths',
  );
}

/** Runs the protocol; `onDataset(done, total)` reports progress after each dataset. */
export function figure1(o: Figure1Options, onDataset?: (done: number, total: number) => void): Figure1Result {
  checkOptions(o);
  const kappas = o.Deltas.map(() => o.depths.map(() => new Array<number>(o.datasets)));
  figure1Datasets(o.datasets, o.points, o.dim, o.seed).forEach((inputs, d) => {
    o.Deltas.forEach((Delta, a) => {
      eocNtkMatrices(Delta, o.depths, inputs).forEach((K, l) => {
        kappas[a][l][d] = conditionNumber(K);
      });
    });
    onDataset?.(d + 1, o.datasets);
  });
  const math = loadMathjs();
  const cells = o.Deltas.flatMap((Delta, a) =>
    o.depths.map((depth, l) => {
      const k = kappas[a][l];
      const std = k.length > 1 ? (math.std(...k) as number) : null;
      return {
        Delta,
        depth,
        mean: math.mean(...k) as number,
        se: std === null ? null : std / Math.sqrt(k.length),
        std,
      };
    }),
  );
  return { options: o, cells };
}
