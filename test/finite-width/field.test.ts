import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.js';
import { floatField as F, exactField as Q, reported } from '../../src/finite-width/field.js';
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
    const f = F.vector([-1 / 3, 2 / 5]).step(
      terms.map((t) => ({ ...t, factor: t.factor.valueOf() })),
      3,
    );
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

  it('beyond the Float64 range: exact values keep their rational and 12 digits, Float64 refuses', () => {
    const huge = new Fraction(10n ** 400n * 7n + 3n, 3n);
    const r = reported(Q, huge, 'E[K^2]');
    expect(r.value).toBe(Infinity);
    expect(r.scientific).toBe('2.33333333333e+400');
    expect(r.exact).toBe(huge.toFraction());
    expect(reported(Q, new Fraction(22, 7))).toEqual({ exact: '22/7', value: 22 / 7 });
    expect(() => reported(F, Infinity, 'E[K^2]')).toThrow(DomainError);
    expect(() => reported(F, Infinity, 'E[K^2]')).toThrow(/E\[K\^2\] exceeds the Float64 range .*--exact/);
  });

  it('log stays finite beyond the Float64 range and equals Math.log inside it', () => {
    expect(Q.log(new Fraction(22, 7))).toBeCloseTo(Math.log(22 / 7), 14);
    expect(Q.log(new Fraction(10n ** 400n * 7n, 3n))).toBeCloseTo(400 * Math.LN10 + Math.log(7 / 3), 10);
    expect(Q.log(new Fraction(3n, 10n ** 500n))).toBeCloseTo(Math.log(3) - 500 * Math.LN10, 10);
  });
});
