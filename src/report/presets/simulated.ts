import { preset } from '../../activation/family.js';
import { oneOverNCorrections } from '../../finite-width/oneOverN.js';
import { type Quantity, simulate } from '../../montecarlo/simulation.js';
import { estimateCell, type Table } from '../model.js';
import { EOC_CONVENTION, eocNetwork } from './network.js';

export interface SimulatedOptions {
  readonly depth?: number;
  readonly widths?: readonly number[];
  readonly samples?: number;
  readonly seed?: number;
}

export const SIMULATED_DEFAULTS = { depth: 4, widths: [8, 16, 32, 64, 128], samples: 2000, seed: 1 };

/** One simulated width: E[Theta(x,x)] and E[Theta^2]/E[Theta]^2 with standard errors. */
export interface SimulatedPoint {
  readonly width: number;
  readonly mean: { mean: number; se: number };
  readonly ratio: { mean: number; se: number };
}

/** Samples ReLU networks of each width (reduced sampler, fixed seed) and returns the NTK's two moments. */
export async function simulateNtkMoments(o: SimulatedOptions = {}): Promise<SimulatedPoint[]> {
  const { depth, widths, samples, seed } = { ...SIMULATED_DEFAULTS, ...o };
  const out: SimulatedPoint[] = [];
  for (const width of widths) {
    const r = await simulate({ spec: eocNetwork(preset('relu'), depth, width), inputs: [[1, 0]], samples, seed });
    const q = r.quantities.ntk as Quantity;
    out.push({
      width,
      mean: { mean: q.mean[0][0], se: q.se[0][0] },
      ratio: { mean: q.second_moment_ratio![0][0], se: q.second_moment_ratio_se![0][0] },
    });
  }
  return out;
}

/**
 * Simulated E[Theta] and E[Theta^2]/E[Theta]^2 (mean +/- standard error over networks) beside the theory:
 * the infinite-width Theta = L |x|^2 (exact mean at criticality) and 1 + c(r, L)/n.
 */
export function simulatedTable(points: readonly SimulatedPoint[], o: SimulatedOptions = {}): Table {
  const { depth, samples, seed } = { ...SIMULATED_DEFAULTS, ...o };
  const c = oneOverNCorrections(preset('relu'), depth).ntkVarianceCoefficient.value;
  return {
    name: 'simulated',
    title: `Simulated NTK of ReLU nets of depth ${depth} (${samples} networks per width, seed ${seed}) beside theory`,
    latexTitle:
      `Simulated NTK of ReLU nets of depth ${depth} (${samples} networks per width, seed ${seed}; mean ` +
      `$\\pm$ standard error) beside theory`,
    columns: [
      { key: 'width', name: 'n', latex: '$n$' },
      { key: 'ntk_mean', name: 'E[Theta] simulated', latex: '$\\mathrm{E}[\\Theta]$' },
      { key: 'ntk_mean_theory', name: 'E[Theta] theory', latex: 'theory' },
      {
        key: 'ratio',
        name: 'E[Theta^2]/E[Theta]^2 simulated',
        latex: '$\\mathrm{E}[\\Theta^2]/\\mathrm{E}[\\Theta]^2$',
      },
      { key: 'ratio_theory', name: '1 + c/n', latex: '$1 + c(r,L)/n$', digits: 6 },
    ],
    rows: points.map((p) => ({
      cells: [
        p.width,
        estimateCell(p.mean.mean, p.mean.se),
        depth,
        estimateCell(p.ratio.mean, p.ratio.se),
        1 + c / p.width,
      ],
    })),
    provenance: {
      formulas: ['finite-width/ntk-mean-correction', 'finite-width/ntk-variance'],
      convention: `${EOC_CONVENTION}; x = (1, 0), Gaussian weights, mean +/- standard error over networks`,
    },
    notes: ['1 + c/n drops the O(1/n^2) terms, so it falls below the simulation at small n.'],
  };
}
