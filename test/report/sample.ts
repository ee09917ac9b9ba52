import { estimateCell, exactCell, type Table } from '../../src/report/model.js';

/** One table with every kind of cell, provenance on the table and on a row, a note and a unit. */
export const SAMPLE: Table = {
  name: 'sample',
  title: 'Sample of every cell kind',
  columns: [
    { key: 'quantity', name: 'quantity', latex: 'quantity' },
    { key: 'exact', name: 'exact', latex: '$x$' },
    { key: 'value', name: 'value', latex: '$v$', digits: 6 },
    { key: 'sim', name: 'simulated', latex: '$\\hat v$' },
    { key: 'time', name: 'time', unit: 's', digits: 3 },
    { key: 'tex', name: 'LaTeX', formats: ['text'] },
  ],
  rows: [
    {
      cells: [
        'Delta_phi',
        exactCell({ exact: '81/202', latex: '\\frac{81}{202}', value: 81 / 202 }),
        81 / 202,
        estimateCell(0.40123456, 0.0023),
        1.23456,
        '\\frac{81}{202}',
      ],
      provenance: {
        formulas: ['activation/delta'],
        sources: [{ citation: 'Terjek & Gonzalez-Sanchez 2025', arxiv: '2501.14724', where: 'eq. 3' }],
      },
    },
    {
      cells: [
        'kappa_phi & co',
        exactCell({ exact: 'sqrt(2)', latex: '\\sqrt{2}', value: Math.SQRT2 }),
        -2.5e-7,
        null,
        12345678,
        '\\sqrt{2}',
      ],
    },
  ],
  provenance: {
    formulas: ['activation/kappa'],
    convention: 'activation',
    sources: [{ citation: 'Hanin & Nica 2019', arxiv: '1909.05989', where: 'Thm. 1' }],
  },
  notes: ['Numbers are 50% made up, under_score.'],
};
