import type { TopLevelSpec } from 'vega-lite';
import { preset } from '../../activation/family.js';
import { ntkMean2 } from '../../finite-width/exactMoments.js';
import { floatField } from '../../finite-width/field.js';
import { fromNetworkSpec } from '../../finite-width/network.js';
import { oneOverNCorrections } from '../../finite-width/oneOverN.js';
import { type Quantity, simulate } from '../../montecarlo/simulation.js';
import { EOC_CONVENTION, eocNetwork } from '../presets/network.js';
import type { Datum, Plot } from './model.js';
import { frame, logTicks } from './style.js';

export interface DispersionPlotOptions {
  /** Equal hidden widths n, one curve each; depths L = 2..n, so L/n runs up to 1. */
  readonly widths?: readonly number[];
  /** Simulated points at these L/n (beyond 1/2 the ratio's estimate is too heavy-tailed for a few thousand nets). */
  readonly simulatedRatios?: readonly number[];
  readonly samples?: number;
  readonly seed?: number;
}

export const DISPERSION_DEFAULTS = { widths: [8, 32], simulatedRatios: [1 / 4, 3 / 8, 1 / 2], samples: 2000, seed: 1 };

const X: readonly number[] = [1, 0];

/**
 * NTK dispersion E[K^2]/E[K]^2 of ReLU nets at the edge of chaos against depth over width L/n: the exact
 * Hanin-Nica moments (finite-width/exactMoments.ts), the 1/n expansion 1 + c(r, L)/n and simulated nets
 * (mean +/- se over networks, fixed seed). One input x = (1, 0); canonical network, no biases.
 */
export async function dispersionPlot(o: DispersionPlotOptions = {}): Promise<Plot> {
  const { widths, simulatedRatios, samples, seed } = { ...DISPERSION_DEFAULTS, ...o };
  const relu = preset('relu');
  const data: Datum[] = [];
  const point = (series: string, n: number, L: number, ratio: number, se: number | null) =>
    data.push({ series, n, L, L_over_n: L / n, ratio, se });
  for (const n of widths) {
    for (let L = 2; L <= n; L++) {
      const { net, include } = fromNetworkSpec(floatField, eocNetwork(relu, L, n), X.length, 1);
      // ReLU'(0) = 1/2 on a completely inactive layer, as the sampler's canonical convention has it.
      const { EK, EK2 } = ntkMean2(floatField, net, include, { deadLayers: 'canonical' });
      point('exact', n, L, EK2 / (EK * EK), null);
      point('1/n theory', n, L, 1 + oneOverNCorrections(relu, L).ntkVarianceCoefficient.value / n, null);
    }
    for (const t of simulatedRatios) {
      const L = Math.round(t * n);
      if (L < 2) continue;
      const r = await simulate({ spec: eocNetwork(relu, L, n), inputs: [X], samples, seed });
      const q = r.quantities.ntk as Quantity;
      point('simulated', n, L, q.second_moment_ratio![0][0], q.second_moment_ratio_se![0][0]);
    }
  }
  const title = 'NTK dispersion of ReLU nets at the edge of chaos';
  const x = { field: 'L_over_n', type: 'quantitative', title: 'depth / width  L/n' } as const;
  const top = Math.max(...data.map((p) => p.ratio as number));
  const y = {
    field: 'ratio',
    type: 'quantitative',
    title: 'E[K²] / E[K]²',
    scale: { type: 'log' },
    axis: { values: logTicks(1, top), format: '~g' },
  } as const;
  const color = { field: 'n', type: 'nominal', title: 'width n', scale: { scheme: 'category10' } } as const;
  const spec: TopLevelSpec = {
    ...frame(title, ['lines: exact (solid), 1 + c(r,L)/n (dashed)', `points: ${samples} simulated nets ± se`]),
    data: { values: data },
    layer: [
      {
        transform: [{ filter: "datum.series !== 'simulated'" }],
        mark: { type: 'line' },
        encoding: {
          x,
          y,
          color,
          detail: { field: 'series' },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            scale: {
              domain: ['exact', '1/n theory'],
              range: [
                [1, 0],
                [4, 3],
              ],
            },
            legend: null,
          },
        },
      },
      {
        transform: [
          { filter: "datum.series === 'simulated'" },
          { calculate: 'datum.ratio - datum.se', as: 'low' },
          { calculate: 'datum.ratio + datum.se', as: 'high' },
        ],
        mark: { type: 'rule' },
        encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
      },
      {
        transform: [{ filter: "datum.series === 'simulated'" }],
        mark: { type: 'point' },
        encoding: { x, y, color },
      },
    ],
  };
  return {
    name: 'dispersion',
    title,
    data,
    spec,
    provenance: {
      formulas: ['hanin-nica/second-moment', 'finite-width/ntk-variance'],
      convention:
        `${EOC_CONVENTION}; x = (1, 0), Gaussian weights, ReLU'(0) = 1/2; simulated: seed ${seed}, ` +
        `${samples} networks per point`,
    },
  };
}
