import { describe, expect, it } from 'vitest';
import { eocAsymptoticsObstacle, pairAsymptotics } from '../../src/kernels/asymptotics.js';
import { terjekNtkSequence } from '../../src/kernels/eoc.js';
import { pairKernels } from '../../src/kernels/pair.js';
import { relErr, spec } from '../helpers/specs.js';

/** docs/theory.md T6.4: deep limit and the inverse-cosine-distance (ICD) approximation. */
const TABLE_6_4: [string, number, number, number, number, number, number][] = [
  // activation, Delta, l, rho_l, w_l, u_l, Approx
  ['relu', 0.5, 3, 0.4937310902, 1.987579, 0.6857086, 2.216561],
  ['relu', 0.5, 10, 0.8548092375, 3.711466, 3.1559474, 4.247468],
  ['relu', 0.5, 100, 0.9963571511, 23.431194, 27.266759, 27.479225],
  ['relu', 0.5, 1000, 0.999956785, 215.128424, 253.29342, 253.317203],
  ['abs', 1, 10, 0.9525014739, 6.488958, 3.3613134, 3.697311],
  ['abs', 1, 1000, 0.9999891517, 429.371889, 252.78973, 252.79592],
  ['leaky:0.1', 81 / 202, 1000, 0.999932989, 172.759445, 253.61936, 253.656112],
];

describe('docs/theory.md T6.4: depth asymptotics, orthogonal unit inputs', () => {
  for (const [act, Delta, l, rho, w, u, approx] of TABLE_6_4) {
    it(`${act}, l = ${l}`, () => {
      const s = spec(act, l);
      const layers = pairKernels(s, [1, 0], [0, 1]);
      const a = pairAsymptotics(s, layers, 1, 2)[l - 1];
      const seq = terjekNtkSequence(0.5, Delta, l);
      expect(relErr(1 - a.oneMinusCosine, rho)).toBeLessThan(1e-9);
      expect(relErr(1 / Math.sqrt(seq.z[l - 1]), w)).toBeLessThan(1e-6);
      expect(relErr(seq.u[l - 1], u)).toBeLessThan(1e-7);
      // Canonical: Theta = sigma^2 u / n_0; the ICD approximation is an upper bound.
      const sigma2 = s.layers[0].sigmaW2.valueOf();
      expect(relErr((a.ntkIcdApproximation! * 2) / sigma2, approx)).toBeLessThan(1e-6);
      expect(a.ntkIcdApproximation!).toBeGreaterThanOrEqual(layers[l - 1].ntk.xy);
    });
  }

  it('(1 - rho_l) l^2 approaches 9 pi^2/(8 Delta^2) slowly (43.2 vs 44.4 for ReLU at l = 1000)', () => {
    const s = spec('relu', 1000);
    const a = pairAsymptotics(s, pairKernels(s, [1, 0], [0, 1]), 1, 2)[999];
    expect(a.oneMinusCosineAsymptotic * 1000 * 1000).toBeCloseTo(44.41322, 4);
    expect(a.oneMinusCosine * 1000 * 1000).toBeGreaterThan(43);
    expect(a.oneMinusCosine * 1000 * 1000).toBeLessThan(43.5);
  });

  it('refuses outside the EOC, with biases, and for the linear activation', () => {
    expect(eocAsymptoticsObstacle(spec('relu', 5, { sw2: '1.5' }))).toMatch(/edge of chaos/);
    expect(eocAsymptoticsObstacle(spec('relu', 5, { sw2: '2', sb2: '0.1' }))).toMatch(/without biases/);
    expect(eocAsymptoticsObstacle(spec('linear', 5))).toMatch(/Delta_phi = 0/);
    expect(() => pairAsymptotics(spec('linear', 5), [], 1, 2)).toThrow(/not available/);
  });
});
