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
});
