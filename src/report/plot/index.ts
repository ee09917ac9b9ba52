import { correlationPlot } from './correlation.js';
import { dispersionPlot } from './dispersion.js';
import { figure1Plot } from './figure1.js';
import { haninNicaPlot } from './haninNica.js';
import type { PlotEntry } from './model.js';
import { phasePlot } from './phase.js';

export type { Datum, Plot, PlotEntry, PlotOptions } from './model.js';
export { renderSvg, svgToPng, toVega } from './render.js';

/** The plots `ntkcalc plot NAME` draws (and the default report includes), in the order `--list` shows them. */
export const PLOTS: readonly PlotEntry[] = [
  {
    name: 'dispersion',
    description: 'NTK dispersion E[K^2]/E[K]^2 against L/n: exact, 1/n theory and simulated nets (a few seconds)',
    build: () => dispersionPlot(),
  },
  {
    name: 'correlation',
    description: 'correlation and cosine distance against depth at the edge of chaos for several Delta',
    build: () => correlationPlot(),
  },
  {
    name: 'phase',
    description: 'phase diagram in (sigma_w^2, sigma_b^2) with the edge-of-chaos line (--activation, default relu)',
    build: (o) => phasePlot(o.activation),
    perActivation: true,
  },
  {
    name: 'spectrum-figure1',
    description: "condition number of the EOC NTK matrix against depth, eight Deltas (the spectrum paper's Fig. 1)",
    build: () => figure1Plot(),
  },
  {
    name: 'hanin-nica',
    description: 'Hanin-Nica exact E[K^2]/E[K]^2 against beta = sum 1/n_i beside exp(5 beta)',
    build: () => haninNicaPlot(),
  },
];
