import { skDispersion, skLimit, skPhase } from '../../finite-width/dispersion.js';
import { floatField } from '../../finite-width/field.js';
import { Fraction } from '../../util/exact.js';
import type { Table } from '../model.js';

export const SK_SW2 = ['3/2', '2', '5/2'];
export const SK_DEPTHS = [5, 20, 50];
const M = 100;

/**
 * Seleznova & Kutyniok 2022 setup (their code's grid: width M = n0 = 100, |x| = 1): the NTK dispersion
 * D = E[K^2]/E[K]^2 across the ordered phase, the edge of chaos and the chaotic phase, with the limit
 * each phase approaches.
 */
export function dispersionTable(sw2s: readonly string[] = SK_SW2, depths: readonly number[] = SK_DEPTHS): Table {
  return {
    name: 'dispersion-phases',
    title: 'Seleznova-Kutyniok: NTK dispersion D = E[K^2]/E[K]^2 of ReLU nets in the three phases (M = n0 = 100)',
    latexTitle:
      'NTK dispersion $D = \\mathrm{E}[K^2]/\\mathrm{E}[K]^2$ of ReLU nets in the three phases ($M = n_0 = 100$, ' +
      '$|x| = 1$)',
    columns: [
      { key: 'phase', name: 'phase' },
      { key: 'sw2', name: 'sigma_w^2', latex: '$\\sigma_w^2$' },
      { key: 'depth', name: 'L', latex: '$L$' },
      { key: 'D', name: 'D', latex: '$D$', digits: 8 },
      { key: 'limit', name: 'limit of D', latex: 'limit of $D$', digits: 8 },
    ],
    rows: sw2s.flatMap((s) => {
      const sw2 = new Fraction(s);
      const phase = skPhase(sw2);
      return depths.map((L) => {
        const r = skDispersion(floatField, sw2.valueOf(), L, M, M, 1, 'both', { deadLayers: 'canonical' });
        const lim = skLimit(floatField, phase, 'both', sw2.valueOf(), L, M, M, 1);
        return {
          cells: [
            phase === 'eoc' ? 'edge of chaos' : phase,
            { kind: 'exact', exact: sw2.toFraction(), latex: sw2.toLatex(), value: sw2.valueOf() },
            L,
            r.D,
            lim.D === null ? 'unbounded' : lim.D.value,
          ],
          provenance: { formulas: ['seleznova-kutyniok/dispersion', ...(lim.formula ? [lim.formula] : [])] },
        };
      });
    }),
    provenance: {
      formulas: ['seleznova-kutyniok/dispersion'],
      convention:
        'seleznova-kutyniok: L hidden layers of width M, standard parameterisation, biases initialised at 0 and ' +
        "trainable, ReLU'(0) = 1/2",
    },
    notes: [
      'Limits: ordered phase at fixed M as L grows; edge of chaos and chaotic phase as L, M grow with L/M fixed.',
    ],
  };
}
