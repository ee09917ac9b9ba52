import { preset } from '../../activation/family.js';
import { oneOverNCorrections } from '../../finite-width/oneOverN.js';
import { exactCell, type Table } from '../model.js';
import { EOC_CONVENTION } from './network.js';

export const ONE_OVER_N_ACTIVATIONS = ['relu', 'abs', 'leaky:0.1', 'linear'];
export const ONE_OVER_N_DEPTHS = [2, 4, 8, 16];

/** The 1/n coefficients at criticality: n Var[Theta]/E[Theta]^2 -> c(r, L) and the four-point vertex. */
export function oneOverNTable(
  names: readonly string[] = ONE_OVER_N_ACTIVATIONS,
  depths: readonly number[] = ONE_OVER_N_DEPTHS,
): Table {
  return {
    name: 'one-over-n',
    title: 'Order-1/n coefficients at criticality: NTK variance n Var[Theta]/E[Theta]^2 and four-point vertex',
    latexTitle:
      'Order-$1/n$ coefficients at criticality: $\\mathrm{Var}[\\Theta]/\\mathrm{E}[\\Theta]^2 = c(r,L)/n + ' +
      'O(1/n^2)$ and the four-point vertex',
    columns: [
      { key: 'activation', name: 'activation' },
      { key: 'r', name: 'r', latex: '$r$' },
      { key: 'depth', name: 'L', latex: '$L$' },
      { key: 'ntk_variance', name: 'c(r, L)', latex: '$c(r, L)$' },
      { key: 'vertex', name: 'vertex (3r-1)(L-1)', latex: '$(3r-1)(L-1)$' },
    ],
    rows: names.flatMap((name) =>
      depths.map((L) => {
        const c = oneOverNCorrections(preset(name), L);
        return {
          cells: [name, exactCell(c.r), L, exactCell(c.ntkVarianceCoefficient), exactCell(c.vertexCoefficient)],
        };
      }),
    ),
    provenance: {
      formulas: ['activation/r', 'finite-width/ntk-variance', 'finite-width/vertex'],
      convention: `${EOC_CONVENTION}; equal hidden widths n, one input`,
    },
  };
}
