import { describe, expect, it } from 'vitest';
import {
  exactDouble,
  Fraction,
  float64Neighbours,
  parseFinite,
  parseInteger,
  parseRational,
  scientific,
  toNumber,
} from '../../src/util/exact.js';

/** The one number grammar and its limits (docs/reliability.md, "Numbers"). */
describe('number grammar', () => {
  it('reads decimals with exponents and ratios exactly', () => {
    expect(parseRational('0.0100', 'x').toFraction()).toBe('1/100');
    expect(parseRational('1e3', 'x').toFraction()).toBe('1000');
    expect(parseRational('.5', 'x').toFraction()).toBe('1/2');
    expect(parseRational('-11/20', 'x').toFraction()).toBe('-11/20');
    expect(parseRational(' 3 / 6 ', 'x').toFraction()).toBe('1/2');
    expect(parseRational('1e-300', 'x').equals(new Fraction(1n, 10n ** 300n))).toBe(true);
    expect(parseFinite('2.5e-3', 'x')).toBe(0.0025);
    expect(parseFinite('1/3', 'x')).toBe(1 / 3);
    expect(Object.is(parseFinite('-0', 'x'), 0)).toBe(true);
    expect(parseInteger('1e3', 'n')).toBe(1000);
  });

  it('refuses what is not in the grammar, with the text and an example', () => {
    for (const bad of ['0x10', '', ' ', '1_000', '1,5', '1e', 'e5', '--1', '1/-2', '0b11', '1e+'])
      expect(() => parseRational(bad, '--a')).toThrow(/--a: ".*" is not a number \(use a decimal like 0.55/);
    for (const bad of ['Infinity', '-inf', 'NaN'])
      expect(() => parseRational(bad, '--a')).toThrow(/--a: ".*" is not a finite number$/);
    expect(() => parseRational('1/0', '--a')).toThrow(/divides by zero/);
    expect(() => parseInteger('2.5', '--width')).toThrow(/--width must be an integer/);
    expect(() => parseInteger('0x10', '--width')).toThrow(/not a number/);
  });

  it('refuses sizes beyond the limits from the text, before expanding anything', () => {
    const start = performance.now();
    for (const big of [
      '1e9999999999',
      '1e-9999999999',
      '1e301',
      '1e-301',
      '1e99999999999999999999',
      `${'9'.repeat(401)}`,
    ])
      expect(() => parseRational(big, '--a')).toThrow(/outside the accepted range \(0, or magnitude 1e-300 to 1e300/);
    expect(() => parseRational(`1/${'1'.repeat(401)}`, '--a')).toThrow(/outside the accepted range/);
    expect(() => parseRational(`1/1${'0'.repeat(301)}`, '--a')).toThrow(/outside the accepted range/);
    expect(() => parseFinite('1e-320', '--x')).toThrow(/outside the accepted range/);
    expect(() => parseInteger('1e20', '--width')).toThrow(/beyond 2\^53 - 1/);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(parseRational('1e300', 'x').n).toBe(10n ** 300n);
    expect(parseRational('0e999999', 'x').equals(0)).toBe(true);
  });

  it('converts huge and tiny rationals to Float64 without NaN, and writes them in scientific form', () => {
    const tiny = new Fraction(1n, 10n ** 400n + 1n);
    expect(toNumber(tiny)).toBe(0);
    expect(toNumber(new Fraction(10n ** 400n + 1n, 10n ** 399n))).toBeCloseTo(10, 12);
    expect(scientific(tiny)).toBe('1e-400');
    expect(scientific(new Fraction(15n, 10n ** 401n))).toBe('1.5e-400');
    expect(scientific(new Fraction(-123456n * 10n ** 400n))).toBe('-1.235e405');
    expect(scientific(new Fraction(2, 3))).toBe('0.6667');
  });

  it('brackets an exact value by its Float64 neighbours', () => {
    expect(exactDouble(0.1).equals(new Fraction(3602879701896397n, 2n ** 55n))).toBe(true);
    expect(float64Neighbours(new Fraction(1, 2))).toEqual([0.5, 0.5]);
    expect(float64Neighbours(parseRational('1.0000000000000000001', 'x'))).toEqual([1, 1 + 2 ** -52]);
    expect(float64Neighbours(parseRational('0.99999999999999999999', 'x'))).toEqual([1 - 2 ** -53, 1]);
  });
});
