import type { ExactQuantity } from '../../activation/constants.js';
import type { Activation } from '../../activation/family.js';
import { exactCell, type Table } from '../model.js';

/** One activation's exact constants (exact radicals come from the registry, which the caller reads). */
export interface ActivationRow {
  readonly name: string;
  readonly activation: Activation;
  readonly constants: Readonly<Record<'Delta' | 'kappa' | 'A2' | 'A4' | 'r', ExactQuantity>>;
  readonly eocSigmaW2: ExactQuantity;
}

/** Exact constants of phi(s) = a s + b|s| and the edge-of-chaos point, one activation a row. */
export function constantsTable(activations: readonly ActivationRow[]): Table {
  return {
    name: 'constants',
    title: 'Activation constants of phi(s) = a s + b|s| and the edge-of-chaos point (sigma_b^2 = 0)',
    latexTitle:
      'Activation constants of $\\phi(s) = as + b|s|$ and the edge-of-chaos point ($\\sigma_w^2 = 1/A_2$, ' +
      '$\\sigma_b^2 = 0$)',
    columns: [
      { key: 'activation', name: 'activation' },
      { key: 'a', name: 'a', latex: '$a$' },
      { key: 'b', name: 'b', latex: '$b$' },
      { key: 'Delta', name: 'Delta_phi', latex: '$\\Delta_\\phi$' },
      { key: 'kappa', name: 'kappa_phi', latex: '$\\kappa_\\phi$' },
      { key: 'A2', name: 'A_2', latex: '$A_2$' },
      { key: 'A4', name: 'A_4', latex: '$A_4$' },
      { key: 'r', name: 'r = A_4/A_2^2', latex: '$r$' },
      { key: 'eoc_sigma_w2', name: 'EOC sigma_w^2', latex: '$\\sigma_w^2$ (EOC)' },
    ],
    rows: activations.map(({ name, activation: act, constants: c, eocSigmaW2 }) => {
      const ab = (f: typeof act.a) => exactCell({ exact: f.toFraction(), latex: f.toLatex(), value: f.valueOf() });
      return {
        cells: [
          name,
          ab(act.a),
          ab(act.b),
          ...[c.Delta, c.kappa, c.A2, c.A4, c.r, eocSigmaW2].map((q) => exactCell(q)),
        ],
      };
    }),
    provenance: {
      formulas: [
        'activation/delta',
        'activation/kappa',
        'activation/a2',
        'activation/a4',
        'activation/r',
        'activation/eoc-sigma-w2',
      ],
      convention: 'activation constants; EOC point of the canonical network (sigma_w^2 = 1/A_2, sigma_b^2 = 0)',
    },
  };
}
