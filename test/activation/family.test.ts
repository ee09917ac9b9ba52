import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationConstants, eocPoint } from '../../formulas/activationConstants.js';
import { fromCoefficients, numbers, phi, phiPrime, preset } from '../../src/activation/family.js';
import { InputError } from '../../src/errors.js';
import { parseRational } from '../../src/util/exact.js';

describe('the phi = a s + b|s| family', () => {
  it('maps presets onto (a, b) as docs/conventions.md says', () => {
    const cases: [string, string, string][] = [
      ['relu', '1/2', '1/2'],
      ['abs', '0', '1'],
      ['linear', '1', '0'],
      ['leaky:0.1', '11/20', '9/20'],
      ['leaky:1/10', '11/20', '9/20'],
      // neural-tangents ABRelu(a_nt, b_nt) = a_nt min(x,0) + b_nt max(x,0): a_nt = a - b, b_nt = a + b.
      ['abrelu:-1,1', '0', '1'],
      ['abrelu:0.1,1', '11/20', '9/20'],
      ['abrelu:0,1', '1/2', '1/2'],
    ];
    for (const [name, a, b] of cases) {
      const act = preset(name);
      expect([act.a.toFraction(), act.b.toFraction()], name).toEqual([a, b]);
    }
  });

  it("phi and phi' follow the slopes, with phi'(0) = a", () => {
    const act = numbers(preset('leaky:0.1'));
    expect(phi(act, 2)).toBeCloseTo(2, 15);
    expect(phi(act, -2)).toBeCloseTo(-0.2, 15);
    expect(phiPrime(act, 3)).toBeCloseTo(1, 15);
    expect(phiPrime(act, -3)).toBeCloseTo(0.1, 15);
    expect(phiPrime(act, 0)).toBe(0.55);
  });

  it('keeps decimal and ratio parameters exact', () => {
    expect(parseRational('0.55', 'x').toFraction()).toBe('11/20');
    expect(parseRational('11/20', 'x').toFraction()).toBe('11/20');
    expect(parseRational('1e-3', 'x').toFraction()).toBe('1/1000');
    expect(parseRational('-2.5E1', 'x').toFraction()).toBe('-25');
    expect(() => parseRational('abc', '--a')).toThrow(/--a: "abc" is not a number/);
    expect(() => parseRational('1/0', '--a')).toThrow(/divides by zero/);
    expect(() => parseRational('NaN', '--a')).toThrow(InputError);
  });

  it('refuses a = b = 0 and unknown names', () => {
    expect(() => fromCoefficients('0', '0')).toThrow(/zero function/);
    expect(() => preset('abrelu:0,0')).toThrow(/zero function/);
    expect(() => preset('tanh')).toThrow(/unknown activation "tanh"/);
    expect(() => preset('abrelu:1')).toThrow(/two slopes/);
  });
});

describe('exact constants (docs/theory.md T6.1)', () => {
  it('ReLU: Delta = 1/2, kappa = sqrt(2), EOC sigma_w^2 = 2', () => {
    const c = activationConstants(preset('relu'));
    expect(c.Delta.exact).toBe('1/2');
    expect(c.kappa.exact).toBe('sqrt(2)');
    expect(c.kappa.latex).toBe('\\sqrt{2}');
    expect(Math.abs(c.kappa.value - Math.SQRT2)).toBeLessThanOrEqual(4e-16);
    expect(eocPoint(preset('relu')).sigma_w2.exact).toBe('2');
    expect(eocPoint(preset('relu')).sigma_b2.exact).toBe('0');
  });

  it('leaky 0.1: Delta = 81/202, kappa an exact radical equal to 1/sqrt(0.505)', () => {
    const c = activationConstants(preset('leaky:0.1'));
    expect(c.Delta.exact).toBe('81/202');
    expect(c.Delta.latex).toBe('\\frac{81}{202}');
    expect(c.kappa.exact).toMatch(/sqrt/);
    expect(c.kappa.value).toBeCloseTo(1 / Math.sqrt(0.505), 14);
    expect(c.r.exact).toBe('20002/10201');
    expect(eocPoint(preset('leaky:0.1')).sigma_w2.exact).toBe('200/101');
  });

  it('linear: Delta = 0 is valid', () => {
    const c = activationConstants(preset('linear'));
    expect(c.Delta.value).toBe(0);
    expect(c.kappa.value).toBe(1);
  });

  it('A_2 = ((a+b)^2 + (a-b)^2)/2 and A_4 = ((a+b)^4 + (a-b)^4)/2 at random rationals', () => {
    const hundredths = fc.integer({ min: -1000, max: 1000 }).map((k) => k / 100);
    fc.assert(
      fc.property(
        hundredths,
        hundredths.filter((v) => v !== 0),
        (a, b) => {
          const c = activationConstants(fromCoefficients(String(a), String(b)));
          const p = a + b;
          const m = a - b;
          expect(c.A2.value).toBeCloseTo((p * p + m * m) / 2, 8);
          expect(c.A4.value / ((p ** 4 + m ** 4) / 2)).toBeCloseTo(1, 12);
          expect(c.kappa.value).toBeGreaterThanOrEqual(1 - 1e-15);
          expect(c.kappa.value).toBeLessThanOrEqual(Math.SQRT2 + 1e-15);
        },
      ),
      { seed: 20261123, numRuns: 40 },
    );
  });
});
