import { exactField } from '../../finite-width/field.js';
import { haninNicaReport } from '../../finite-width/haninNica.js';
import { Fraction } from '../../util/exact.js';
import type { Table } from '../model.js';
import { rationalCell } from './cells.js';

/** Depths d (weight layers) and equal hidden widths n of the table, each pair a row. */
export const HN_GRID = [
  { d: 2, n: 8 },
  { d: 4, n: 8 },
  { d: 8, n: 8 },
  { d: 4, n: 32 },
  { d: 8, n: 32 },
  { d: 16, n: 32 },
];

/**
 * Hanin & Nica 2019 in their convention: exact E[K] and E[K^2] of a ReLU net (Gaussian weights, x = (1, 1))
 * beside the paper's printed mean (Thm. 1) and the Thm. 1 bracket exp(5 beta), beta = sum of 1/n over the
 * hidden layers.
 */
export function haninNicaTable(grid: readonly { d: number; n: number }[] = HN_GRID): Table {
  const x = [new Fraction(1), new Fraction(1)];
  return {
    name: 'hanin-nica',
    title: 'Hanin-Nica: exact NTK moments of ReLU nets against the printed mean and the Theorem 1 bracket',
    latexTitle:
      'Exact NTK moments of ReLU nets (widths $2, n, \\dots, n, 1$, $x = (1,1)$) against the printed mean $d(1/2 + ' +
      '|x|^2/n_0)$ and the Theorem~1 bracket $B \\propto e^{5\\beta}$, $\\beta = (d-1)/n$',
    columns: [
      { key: 'd', name: 'd', latex: '$d$' },
      { key: 'n', name: 'n', latex: '$n$' },
      { key: 'beta', name: 'beta', latex: '$\\beta$', formats: ['text', 'markdown', 'csv', 'json'] },
      { key: 'EK', name: 'E[K]', latex: '$\\mathrm{E}[K]$', digits: 8 },
      { key: 'EK_printed', name: 'E[K] printed', latex: 'printed' },
      { key: 'EK2', name: 'E[K^2]', latex: '$\\mathrm{E}[K^2]$', digits: 8 },
      { key: 'ratio', name: 'E[K^2]/E[K]^2', latex: '$\\mathrm{E}[K^2]/\\mathrm{E}[K]^2$', digits: 8 },
      { key: 'exp5beta', name: 'exp(5 beta)', latex: '$e^{5\\beta}$', digits: 8 },
      { key: 'over_bracket', name: 'E[K^2]/bracket', latex: '$\\mathrm{E}[K^2]/B$', digits: 6 },
    ],
    rows: grid.map(({ d, n }) => {
      const widths = [2, ...Array.from({ length: d - 1 }, () => n), 1];
      const rep = haninNicaReport(exactField, widths, x, new Fraction(3), { deadLayers: 'canonical' });
      const b = rep.brackets.thm1;
      const EK = rep.moments.EK;
      const EK2 = rep.moments.EK2;
      return {
        cells: [
          d,
          n,
          rationalCell({ exact: new Fraction(d - 1, n).toFraction(), value: (d - 1) / n }),
          rationalCell(EK),
          rationalCell(rep.printed.EK),
          rationalCell(EK2),
          EK2.value / (EK.value * EK.value),
          Math.exp(5 * b.betaHidden),
          b.ratioToHidden,
        ],
      };
    }),
    provenance: {
      formulas: [
        'hanin-nica/mean',
        'hanin-nica/mean-printed',
        'hanin-nica/second-moment',
        'hanin-nica/thm1-bracket-hidden',
      ],
      convention:
        "hanin-nica: widths 2, n, ..., n, 1 (d weight layers), x = (1, 1), Gaussian weights, ReLU'(0) = 1/2 (the " +
        'canonical convention)',
    },
    notes: [
      'The printed mean d(1/2 + |x|^2/n_0) misses the output bias and the inactive-layer events; the bracket holds ' +
        'only up to constants.',
    ],
  };
}
