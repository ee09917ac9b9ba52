import { type Activation, numbers } from '../activation/family.js';
import { DomainError, InputError } from '../errors.js';
import { terjekNtkSequence } from '../kernels/eoc.js';
import { runJobs } from '../montecarlo/run.js';
import { summarize } from '../montecarlo/statistics.js';
import { checkDepth } from '../spec/numbers.js';
import type { ExperimentOptions } from './concentrationExperiment.js';
import { type LogLogSlope, logLogSlope } from './fit.js';
import { checkCellSamples, patternWidths, terjekJob, terjekNetwork, type WidthPattern } from './terjekSampler.js';
import type { IcdRowArgs } from './terjekStatistics.js';

/**
 * Fig. 2 of Terjek & Gonzalez-Sanchez (arXiv 2501.14724, docs/theory.md T5.2): the finite-width
 * inverse-cosine-distance (ICD) error |w_k - w_k^inf| at layer k, w_k = ((1 - rho_k)/2)^(-1/2),
 * rho_k the cosine of the scaled activations x_k (docs/theory.md T1.2) of a pair, w_k^inf =
 * ((1 - varrho^(k-1)(rho_1))/2)^(-1/2) (docs/theory.md T2.4). Convention 'terjek'.
 *
 * rho_k depends on layers 1..k-1 alone, so layer k of a deep network has the law of the last
 * hidden layer of a depth-k network with the same first k-1 widths. Each k is measured on its own
 * networks (not read off the per-layer NNGPs of one deep network), so that the points are
 * independent, as the log-log slope's standard error assumes. Means and spreads per k are those of
 * the paper's figure.
 */

export interface IcdSeries {
  readonly pattern: WidthPattern;
  readonly baseWidth: number;
}

export interface IcdConfig {
  readonly activation: Activation;
  /** Cosine rho_1 of the input pair, in (-1, 1). */
  readonly rho1: number;
  readonly series: readonly IcdSeries[];
  /** Layers k >= 2. */
  readonly layers: readonly number[];
  readonly samples: number;
  readonly seed: number;
}

export interface IcdPoint extends IcdSeries {
  readonly layer: number;
  /** Networks of this point: firstNetwork .. firstNetwork + samples - 1 of the seed. */
  readonly firstNetwork: number;
  readonly limit: number;
  readonly icd: { readonly mean: number; readonly se: number };
  /** |w_k - w_k^inf|: mean, its standard error, and the spread over networks (the paper plots mean +/- std). */
  readonly error: { readonly mean: number; readonly se: number; readonly std: number };
}

export interface IcdExperiment {
  readonly Delta: number;
  readonly rho1: number;
  readonly samples: number;
  readonly seed: number;
  readonly points: IcdPoint[];
  /** Slope of log mean error against log k per series (the paper: about 2 for m, 1 for k m, near 0 for k^2 m). */
  readonly slopes: (IcdSeries & { readonly slope: LogLogSlope })[];
}

/** Unit pair in R^2 with cosine rho: (1, 0) and (rho, sqrt(1 - rho^2)). */
function pair(rho: number): number[][] {
  return [
    [1, 0],
    [rho, Math.sqrt((1 - rho) * (1 + rho))],
  ];
}

/**
 * Every (series, k) point on its own networks (point i: networks i S .. (i + 1) S - 1 of the
 * seed), sampled forward-only (the Gram matrix needs no backward pass) on one worker pool.
 */
export async function icdExperiment(c: IcdConfig, options: ExperimentOptions = {}): Promise<IcdExperiment> {
  const { Delta } = numbers(c.activation);
  if (!(c.rho1 > -1 && c.rho1 < 1))
    throw new DomainError(
      `the input cosine rho_1 = ${c.rho1} must lie in (-1, 1): the theorems exclude parallel pairs`,
    );
  checkCellSamples(c.samples, 'point');
  for (const k of c.layers) {
    if (!Number.isInteger(k) || k < 2)
      throw new InputError(`layers k must be integers >= 2 (the ICD at k = 1 is the input's, with no error), got ${k}`);
    checkDepth(k, 'a layer k =');
  }
  const inputs = pair(c.rho1);
  for (const s of c.series) {
    if (!Number.isInteger(s.baseWidth) || s.baseWidth < 1)
      throw new InputError(`base width m must be a positive integer, got ${s.baseWidth}`);
    for (const k of c.layers) terjekNetwork(c.activation, k, patternWidths(s.pattern, s.baseWidth, k), inputs);
  }
  const z1 = (1 - c.rho1) / 2;
  const module = new URL('./terjekStatistics.js', import.meta.url).href;
  const runs = c.series.flatMap((series) =>
    c.layers.map((k) => ({ series, k, limit: 1 / Math.sqrt(terjekNtkSequence(z1, Delta, k).z[k - 1]) })),
  );
  const totals = await runJobs(
    runs.map(({ series, k, limit }, i) => {
      const network = terjekNetwork(c.activation, k, patternWidths(series.pattern, series.baseWidth, k), inputs);
      const args: IcdRowArgs = { reading: network.reading, limit };
      return terjekJob(network, {
        seed: c.seed,
        samples: c.samples,
        firstNetwork: i * c.samples,
        forwardOnly: true,
        perNetwork: { module, name: 'icdRow', args },
      });
    }),
    options,
  );
  const points: IcdPoint[] = runs.map(({ series, k, limit }, i) => {
    const r = summarize(totals[i]);
    return {
      ...series,
      layer: k,
      firstNetwork: i * c.samples,
      limit,
      icd: { mean: r.mean[0], se: r.se[0] },
      error: { mean: r.mean[1], se: r.se[1], std: r.std[1] },
    };
  });
  const slopes =
    c.layers.length < 2
      ? []
      : c.series.map((s) => {
          const ps = points.filter((p) => p.pattern === s.pattern && p.baseWidth === s.baseWidth);
          return {
            ...s,
            slope: logLogSlope(
              ps.map((p) => p.layer),
              ps.map((p) => p.error.mean),
              ps.map((p) => p.error.se),
            ),
          };
        });
  return { Delta, rho1: c.rho1, samples: c.samples, seed: c.seed, points, slopes };
}
