import { describe, expect, it } from 'vitest';
import * as ntkcalc from '../src/index.js';

describe('public API', () => {
  it('reaches constants, kernels, phases and the registry from one import', () => {
    const relu = ntkcalc.preset('relu');
    expect(ntkcalc.activationConstants(relu).Delta.exact).toBe('1/2');
    expect(ntkcalc.terjekNtk(0, 0.5, 2)).toBeCloseTo(1 / Math.PI, 15);
    expect(ntkcalc.phaseOf(relu, new ntkcalc.Fraction(2), new ntkcalc.Fraction(0)).phase).toBe('eoc');
    expect(ntkcalc.formula('activation/kappa').kind).toBe('exact');
    expect(ntkcalc.VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reaches the finite-width theory and the sampler from the same import', async () => {
    const relu = ntkcalc.preset('relu');
    expect(ntkcalc.oneOverNCorrections(relu, 4).ntkVarianceCoefficient.exact).toBe('10');
    // TV4 of docs/theory.md part H: widths 2,4,4,1, x = (1,1), E[K] = 159/32.
    const net = ntkcalc.haninNicaNet(ntkcalc.exactField, [2, 4, 4, 1], new ntkcalc.Fraction(2));
    expect(ntkcalc.ntkMoments(ntkcalc.exactField, net).EK.toFraction()).toBe('159/32');
    const run = await ntkcalc.simulate({
      spec: ntkcalc.fromHaninNica([2, 4, 4, 1]).spec,
      inputs: [[1, 1]],
      seed: 1,
      samples: 64,
      update: false,
    });
    expect(run.networks).toBe(64);
  });
});
