import { preset } from '../../activation/family.js';
import { concentrationBound } from '../../finite-width/concentration.js';
import type { Table } from '../model.js';

export const TERJEK_WIDTHS = [100, 1000, 10_000, 100_000];
export const TERJEK_DEPTHS = [2, 3, 5, 10];

/**
 * The Terjek & Gonzalez-Sanchez concentration bound B/C (hidden constant C = 1) for ReLU, n = 2 unit inputs,
 * scalar output, widths m_k = k^2 m, at the optimal p (probability 1 - 16/m).
 */
export function terjekTable(
  widths: readonly number[] = TERJEK_WIDTHS,
  depths: readonly number[] = TERJEK_DEPTHS,
): Table {
  const relu = preset('relu');
  return {
    name: 'terjek-bound',
    title: 'Terjek-Gonzalez-Sanchez concentration bound on ||K(theta) - K_inf|| for ReLU (constant C = 1)',
    latexTitle:
      'Concentration bound $B/C$ on $\\|K(\\theta) - K_\\infty\\|$ for ReLU, widths $m_k = k^2 m$, probability $1 ' +
      '- 16/m$',
    columns: [
      { key: 'm', name: 'm', latex: '$m$' },
      { key: 'depth', name: 'l', latex: '$l$' },
      { key: 'bound', name: 'B/C', latex: '$B/C$', digits: 6 },
      { key: 'probability', name: 'probability', latex: 'probability', digits: 6 },
    ],
    rows: widths.flatMap((m) =>
      depths.map((l) => {
        const r = concentrationBound(relu, { depth: l, baseWidth: m, outDim: 1, points: 2, tauMax: 1, constant: 1 });
        return { cells: [m, l, r.boundOverC, r.probability] };
      }),
    ),
    provenance: {
      formulas: ['terjek/concentration-bound', 'terjek/concentration-probability'],
      convention: 'terjek: widths m_k = k^2 m, n = 2 points of norm <= 1, scalar output, optimal p = log_m(log m)',
    },
    notes: ['The theorem holds up to an absolute constant C that the paper does not give.'],
  };
}
