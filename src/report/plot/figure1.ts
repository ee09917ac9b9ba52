import type { TopLevelSpec } from 'vega-lite';
import { FIGURE1_DELTAS, type Figure1Options, figure1 } from '../../kernels/figure1.js';
import type { Datum, Plot } from './model.js';
import { frame, logTicks } from './style.js';

/**
 * A reduced run of the spectrum paper's protocol (10 datasets instead of 100, 11 depths instead of 63):
 * about a second, and curves that already match the full run's table in docs/terjek.md to a few per cent.
 */
export const FIGURE1_PLOT_OPTIONS: Figure1Options = {
  datasets: 10,
  points: 32,
  dim: 16,
  depths: [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64],
  Deltas: FIGURE1_DELTAS,
  seed: 1,
};

/** Fig. 1 of the spectrum paper: mean condition number of the EOC NTK matrix against depth, one curve per Delta. */
export function figure1Plot(options: Figure1Options = FIGURE1_PLOT_OPTIONS): Plot {
  const r = figure1(options);
  const data: Datum[] = r.cells.map((c) => ({
    Delta: c.Delta,
    depth: c.depth,
    condition_mean: c.mean,
    condition_se: c.se,
  }));
  const title = 'Condition number of the EOC NTK matrix';
  const { depths } = options;
  const x = {
    field: 'depth',
    type: 'quantitative',
    title: 'depth ℓ (weight matrices)',
    scale: { type: 'log', domain: [depths[0], depths[depths.length - 1]] as number[] },
    axis: { values: depths.filter((l) => Number.isInteger(Math.log2(l))), format: '~g' },
  } as const;
  const means = data.map((p) => p.condition_mean as number);
  const y = {
    field: 'condition_mean',
    type: 'quantitative',
    title: 'condition number κ',
    scale: { type: 'log' },
    axis: { values: logTicks(Math.min(...means) / 1.2, Math.max(...means) * 1.2, [1, 2, 3, 5]), format: '~g' },
  } as const;
  const color = {
    field: 'Delta',
    type: 'ordinal',
    title: 'Δφ',
    scale: { scheme: 'viridis' },
    legend: { columns: 4 },
  } as const;
  const spec: TopLevelSpec = {
    ...frame(title, [
      `spectrum paper, Fig. 1: mean ± se over ${options.datasets} datasets`,
      `of ${options.points} points uniform on the unit sphere of R^${options.dim}`,
    ]),
    data: { values: data },
    encoding: { x, color },
    layer: [
      { mark: { type: 'line' }, encoding: { y } },
      {
        transform: [
          { calculate: 'datum.condition_mean - datum.condition_se', as: 'low' },
          { calculate: 'datum.condition_mean + datum.condition_se', as: 'high' },
        ],
        mark: { type: 'rule' },
        encoding: { y: { ...y, field: 'low' }, y2: { field: 'high' } },
      },
      { mark: { type: 'point', size: 10 }, encoding: { y } },
    ],
  };
  return {
    name: 'spectrum-figure1',
    title,
    data,
    spec,
    provenance: {
      formulas: ['terjek/ntk-eoc', 'terjek/spectrum-condition'],
      convention: `terjek: (1/n) K_inf at the edge of chaos, l counts weight matrices; seed ${options.seed}`,
    },
  };
}
