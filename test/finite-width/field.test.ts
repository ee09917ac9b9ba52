import { describe, expect, it } from 'vitest';
import { exactField as Q, floatField as F } from '../../src/finite-width/field.js';
import { Fraction } from '../../src/util/exact.js';

describe('finite-width arithmetic', () => {
  it('the exact state vector (one common denominator) equals term-by-term rational arithmetic, signs included', () => {
    const v = Q.vector([new Fraction(-1, 3), new Fraction(2, 5)]);
    const terms = [
      { from: 0, to: 0, factor: new Fraction(-7, 2) },
      { from: 1, to: 0, factor: new Fraction(1, 6) },
      { from: 0, to: 1, factor: new Fraction(3) },
      { from: 1, to: 2, factor: new Fraction(5, 1024) },
    ];
    const next = v.step(terms, 3);
    expect([0, 1, 2].map((i) => next.get(i).toFraction())).toEqual(['37/30', '-1', '1/512']);
    const f = F.vector([-1 / 3, 2 / 5]).step(terms.map((t) => ({ ...t, factor: t.factor.valueOf() })), 3);
    expect(f.get(0)).toBeCloseTo(37 / 30, 15);
    expect(next.isZero(1)).toBe(false);
  });

  it('converts huge rationals to Float64 where n/d would be NaN', () => {
    const big = new Fraction(3n * 2n ** 3000n + 1n, 2n ** 3001n);
    expect(big.valueOf()).toBeNaN();
    expect(Q.toNumber(big)).toBe(1.5);
    expect(Q.toNumber(big.neg())).toBe(-1.5);
    expect(Q.toNumber(new Fraction(1n, 2n ** 1070n))).toBe(2 ** -1070);
    expect(Q.toNumber(new Fraction(22, 7))).toBe(22 / 7);
  });
});
