import { coefficientValues, kappaValue } from '../activation/constants.js';
import { type Activation, numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import { eocSpectrum } from '../kernels/spectrum.js';
import { type PerNetworkSpec, type RunOptions, runJobs } from '../montecarlo/run.js';
import { type Summary, summarize } from '../montecarlo/statistics.js';
import { checkEigenSize } from '../util/limits.js';
import { checkConcentrationSetting, concentrationBound } from './concentration.js';
import { type LogLogSlope, logLogSlope } from './fit.js';
import { checkCellSamples, patternWidths, terjekJob, terjekNetwork, type WidthPattern } from './terjekSampler.js';
import {
  type ConcentrationRowArgs,
  operatorNorm,
  operatorNormOfDifference,
  type TerjekReading,
} from './terjekStatistics.js';

export { operatorNorm, operatorNormOfDifference } from './terjekStatistics.js';

/** Worker threads, forcing and progress of an experiment's runs (montecarlo/run.ts). */
export type ExperimentOptions = Omit<RunOptions, 'shard'>;

/**
 * The concentration theorem of Terjek & Gonzalez-Sanchez (arXiv 2501.14724, docs/theory.md T3.1)
 * measured: ||K(theta) - K_inf|| (operator norm) of finite EOC networks drawn by the sampler, for
 * width patterns m_k = m, k m, k^2 m, against base width m and depth l. Convention 'terjek':
 * K(theta) = [(1/n) K_theta(x_i, x_j)] is the paper's n m_l x n m_l NTK matrix, with the 1/n of
 * its Def. "NTK matrix"; with m_l = 1 (the default) it is the whole matrix of the theorem, not a
 * restriction. K_inf = ((1/n) D_tau U D_tau) kron I_{m_l} (docs/theory.md T2.3).
 */

/** K_inf of the dataset (docs/theory.md T2.3), M x M with M = n m_l and index (a, k) -> a m_l + k. */
export function limitingNtkMatrix(
  Delta: number,
  depth: number,
  inputs: readonly (readonly number[])[],
  outDim = 1,
): number[][] {
  const base = eocSpectrum(Delta, depth, inputs).matrix;
  const M = inputs.length * outDim;
  return Array.from({ length: M }, (_, i) =>
    Array.from({ length: M }, (_, j) =>
      i % outDim === j % outDim ? base[Math.floor(i / outDim)][Math.floor(j / outDim)] : 0,
    ),
  );
}

export interface ConcentrationCellSpec {
  readonly pattern: WidthPattern;
  readonly baseWidth: number;
  readonly depth: number;
}

export interface ConcentrationExperimentConfig {
  readonly activation: Activation;
  readonly inputs: readonly (readonly number[])[];
  readonly outDim?: number;
  /** Networks per cell. */
  readonly samples: number;
  readonly seed: number;
  readonly cells: readonly ConcentrationCellSpec[];
}

export interface MeanSe {
  readonly mean: number;
  readonly se: number;
}

export interface ConcentrationCell extends ConcentrationCellSpec {
  readonly widths: number[];
  /** Networks index * samples .. (index + 1) * samples - 1 of the seed: cells are independent. */
  readonly firstNetwork: number;
  /** ||K(theta) - K_inf|| over networks (std is the spread of one network). */
  readonly error: MeanSe & { readonly std: number };
  /** ||K(theta) - K_inf|| / ||K_inf||. */
  readonly relativeError: MeanSe;
  /** ||mean over networks of K(theta) - K_inf||: the O(l/m) bias plus noise of order error/sqrt(S). */
  readonly meanDeviation: number;
  readonly limitNorm: number;
  /**
   * The theorem's expression at C = 1 and optimal p (terjek/concentration-bound); null where it does not apply (pattern
   * not k^2 m, or m < 3).
   */
  readonly boundShape: number | null;
  /** Mean and standard error of each entry of K(theta), M x M. */
  readonly meanMatrix: number[][];
  readonly seMatrix: number[][];
  readonly limitMatrix: number[][];
}

export interface ConcentrationSlope {
  readonly pattern: WidthPattern;
  /** 'm': error against base width at fixed depth; 'l': against depth at fixed base width. */
  readonly against: 'm' | 'l';
  /** The depth (against m) or base width (against l) held fixed. */
  readonly fixed: number;
  readonly error: LogLogSlope;
  readonly relativeError: LogLogSlope;
  readonly boundShape: LogLogSlope | null;
}

export interface ConcentrationExperiment {
  readonly Delta: number;
  readonly kappa: number;
  readonly n: number;
  readonly outDim: number;
  readonly tauMax: number;
  readonly samples: number;
  readonly seed: number;
  readonly cells: ConcentrationCell[];
  readonly slopes: ConcentrationSlope[];
}

const matrixOf = (v: Float64Array, from: number, M: number) =>
  Array.from({ length: M }, (_, i) => Array.from(v.subarray(from + i * M, from + (i + 1) * M)));

/** The per-network callback of a cell's job: its K(theta) against K_inf (terjekStatistics.ts concentrationRow). */
function cellRow(reading: TerjekReading, limit: number[][]): PerNetworkSpec {
  const args: ConcentrationRowArgs = { reading, limit, limitNorm: operatorNorm(limit) };
  return { module: STATISTICS, name: 'concentrationRow', args };
}

const STATISTICS = new URL('./terjekStatistics.js', import.meta.url).href;

/** One cell's summary over its S networks of one (pattern, m, l): each's NTK matrix against K_inf. */
function cellResult(
  cell: ConcentrationCellSpec,
  widths: number[],
  firstNetwork: number,
  s: Summary,
  {
    config: c,
    outDim,
    tauMax,
    limit,
  }: { config: ConcentrationExperimentConfig; outDim: number; tauMax: number; limit: number[][] },
): ConcentrationCell {
  const M = limit.length;
  const boundShape =
    cell.pattern === 'quadratic' && cell.baseWidth >= 3
      ? concentrationBound(c.activation, {
          depth: cell.depth,
          baseWidth: cell.baseWidth,
          outDim,
          points: c.inputs.length,
          tauMax,
          constant: 1,
        }).boundOverC
      : null;
  return {
    ...cell,
    widths,
    firstNetwork,
    error: { mean: s.mean[0], se: s.se[0], std: s.std[0] },
    relativeError: { mean: s.mean[1], se: s.se[1] },
    meanDeviation: operatorNormOfDifference(s.mean.subarray(2), limit),
    limitNorm: operatorNorm(limit),
    boundShape,
    meanMatrix: matrixOf(s.mean, 2, M),
    seMatrix: matrixOf(s.se, 2, M),
    limitMatrix: limit,
  };
}

/**
 * Log-log slopes of the error against m (each pattern and depth) and against l (each pattern and m), where two or more
 * values vary.
 */
export function concentrationSlopes(cells: readonly ConcentrationCell[]): ConcentrationSlope[] {
  const out: ConcentrationSlope[] = [];
  const groups = new Map<
    string,
    { pattern: WidthPattern; against: 'm' | 'l'; fixed: number; cells: ConcentrationCell[] }
  >();
  for (const c of cells) {
    for (const [against, fixed] of [
      ['m', c.depth],
      ['l', c.baseWidth],
    ] as const) {
      const key = `${c.pattern}/${against}/${fixed}`;
      const g = groups.get(key) ?? { pattern: c.pattern, against, fixed, cells: [] };
      g.cells.push(c);
      groups.set(key, g);
    }
  }
  for (const g of groups.values()) {
    const xs = g.cells.map((c) => (g.against === 'm' ? c.baseWidth : c.depth));
    if (new Set(xs).size < 2) continue;
    const bounds = g.cells.map((c) => c.boundShape);
    out.push({
      pattern: g.pattern,
      against: g.against,
      fixed: g.fixed,
      error: logLogSlope(
        xs,
        g.cells.map((c) => c.error.mean),
        g.cells.map((c) => c.error.se),
      ),
      relativeError: logLogSlope(
        xs,
        g.cells.map((c) => c.relativeError.mean),
        g.cells.map((c) => c.relativeError.se),
      ),
      boundShape: bounds.every((b) => b !== null) ? logLogSlope(xs, bounds as number[]) : null,
    });
  }
  const order = (s: ConcentrationSlope) => [s.pattern, s.against, s.fixed] as const;
  return out.sort((a, b) => {
    const [pa, xa, fa] = order(a);
    const [pb, xb, fb] = order(b);
    return pa.localeCompare(pb) || xa.localeCompare(xb) || fa - fb;
  });
}

/**
 * Runs every cell (pattern, m, l) with S networks each. Cell i uses networks i S .. (i + 1) S - 1
 * of the seed, so the cells are independent and cell 0 is `ntkcalc simulate --seed s`'s networks.
 * All cells share one worker pool; the result is the same for any number of workers.
 */
export async function concentrationExperiment(
  c: ConcentrationExperimentConfig,
  options: ExperimentOptions = {},
): Promise<ConcentrationExperiment> {
  const { Delta } = numbers(c.activation);
  const outDim = c.outDim ?? 1;
  checkCellSamples(c.samples, 'cell');
  if (!Number.isInteger(outDim) || outDim < 1)
    throw new InputError(`--out-dim must be a positive integer, got ${outDim}`);
  if (c.cells.length === 0) throw new InputError('no cells to simulate: give at least one depth, width and pattern');
  // Each network's ||K(theta) - K_inf|| is the largest eigenvalue of an (n m_l) x (n m_l) matrix.
  checkEigenSize(
    'the NTK matrix of the data',
    c.inputs.length * outDim,
    'use fewer points (--n, --inputs) or a smaller --out-dim',
  );
  for (const cell of c.cells) {
    checkConcentrationSetting(c.activation, cell.depth, c.inputs.length);
    if (!Number.isInteger(cell.baseWidth) || cell.baseWidth < 1)
      throw new InputError(`base width m must be a positive integer, got ${cell.baseWidth}`);
    terjekNetwork(c.activation, cell.depth, patternWidths(cell.pattern, cell.baseWidth, cell.depth), c.inputs, outDim);
  }
  const limits = new Map<number, number[][]>();
  for (const cell of c.cells)
    if (!limits.has(cell.depth)) limits.set(cell.depth, limitingNtkMatrix(Delta, cell.depth, c.inputs, outDim));
  const tauMax = Math.max(...c.inputs.map((x) => Math.hypot(...x)));
  const runs = c.cells.map((cell, i) => {
    const widths = patternWidths(cell.pattern, cell.baseWidth, cell.depth);
    const network = terjekNetwork(c.activation, cell.depth, widths, c.inputs, outDim);
    const limit = limits.get(cell.depth)!;
    const firstNetwork = i * c.samples;
    const job = terjekJob(network, {
      seed: c.seed,
      samples: c.samples,
      firstNetwork,
      perNetwork: cellRow(network.reading, limit),
    });
    return { cell, widths, limit, firstNetwork, job };
  });
  const totals = await runJobs(
    runs.map((r) => r.job),
    options,
  );
  const cells = runs.map((r, i) =>
    cellResult(r.cell, r.widths, r.firstNetwork, summarize(totals[i]), { config: c, outDim, tauMax, limit: r.limit }),
  );
  return {
    Delta,
    kappa: kappaValue(coefficientValues(c.activation)),
    n: c.inputs.length,
    outDim,
    tauMax,
    samples: c.samples,
    seed: c.seed,
    cells,
    slopes: concentrationSlopes(cells),
  };
}
