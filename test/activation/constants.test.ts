import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formula } from '../../formulas/index.js';
import { eocSigmaW2, exactA2, exactA4, exactDelta, slopeKurtosis, slopes } from '../../src/activation/constants.js';
import { fromCoefficients } from '../../src/activation/family.js';
import { Fraction } from '../../src/util/exact.js';

/**
 * The library's exact constants (src/activation/constants.ts, plain rationals) against the registry's
 * symbolic evaluation of the same entries (nerdamer, formulas/activation.ts): two independent routes.
 */
describe('exact activation constants agree with the registry', () => {
  it('A_2, A_4, Delta, r, slopes and the EOC sigma_w^2 at random rationals', () => {
    const rational = fc
      .tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 1, max: 40 }))
      .map(([n, d]) => new Fraction(n, d));
    fc.assert(
      fc.property(rational, rational, (a, b) => {
        fc.pre(!a.equals(0) || !b.equals(0));
        const act = fromCoefficients(a, b);
        const registry = (id: string) => formula(id).exact!({ a, b }).exact;
        expect(exactA2(act).toFraction()).toBe(registry('activation/a2'));
        expect(exactA4(act).toFraction()).toBe(registry('activation/a4'));
        expect(exactDelta(act).toFraction()).toBe(registry('activation/delta'));
        expect(slopeKurtosis(act).toFraction()).toBe(registry('activation/r'));
        expect(slopes(act).positive.toFraction()).toBe(registry('activation/slope-positive'));
        expect(slopes(act).negative.toFraction()).toBe(registry('activation/slope-negative'));
        expect(eocSigmaW2(act).toFraction()).toBe(registry('activation/eoc-sigma-w2'));
      }),
      { seed: 20261201, numRuns: 25 },
    );
  });
});
