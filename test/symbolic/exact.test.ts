import katex from 'katex';
import nerdamer from 'nerdamer';
import 'nerdamer/Algebra.js';
import { describe, expect, it } from 'vitest';
import { allFormulas, formula } from '../../formulas/index.js';
import { InputError } from '../../src/errors.js';
import { type ExactValue, evaluateExact } from '../../src/symbolic/closedForm.js';
import { evaluateHighPrecision } from '../../src/symbolic/highPrecision.js';
import { agreesToDigits, exactScope, floatScope, randomPoints } from './helpers.js';

const DIGITS = 30;

describe('exact values read like a theorist writes them', () => {
  const cases: ReadonlyArray<readonly [string, Record<string, string>, string, string]> = [
    ['activation/kappa', { a: '11/20', b: '9/20' }, '(10/101)*sqrt(202)', '\\frac{10\\sqrt{202}}{101}'],
    ['activation/kappa', { a: '1/2', b: '1/2' }, 'sqrt(2)', '\\sqrt{2}'],
    [
      'infinite-width/varrho',
      { rho: '1/2', Delta: '1/2' },
      '(1/2)*pi^(-1)*sqrt(3)+1/3',
      '\\frac{\\sqrt{3}}{2\\pi}+\\frac{1}{3}',
    ],
    ['infinite-width/varrho-prime', { rho: '-1/2', Delta: '3/8' }, '1/2', '\\frac{1}{2}'],
  ];
  for (const [id, values, exact, latex] of cases) {
    it(`${id} at ${JSON.stringify(values)} is ${exact}`, () => {
      expect(formula(id).exact!(exactScope(values))).toEqual({ exact, latex });
    });
  }

  it('rationalises denominators and merges radicals', () => {
    expect(evaluateExact('1 / sqrt(x)', exactScope({ x: '6' })).exact).toBe('(1/6)*sqrt(6)');
    expect(evaluateExact('sqrt(x) * sqrt(y)', exactScope({ x: '2', y: '101' })).exact).toBe('sqrt(202)');
    expect(evaluateExact('sqrt(x)', exactScope({ x: '8/9' })).exact).toBe('(2/3)*sqrt(2)');
  });

  it('knows acos and asin where they are rational multiples of pi', () => {
    expect(evaluateExact('acos(x)', exactScope({ x: '-1/2' })).exact).toBe('(2/3)*pi');
    expect(evaluateExact('asin(sqrt(x))', exactScope({ x: '1/2' })).exact).toBe('(1/4)*pi');
    expect(evaluateExact('acos(x)', exactScope({ x: '1/3' })).exact).toBe('acos(1/3)');
  });

  it("does not use nerdamer's simplify(), which returns a wrong value (1.1.13)", () => {
    // E[phi(u) phi(v)] for phi = a s + b|s| at a = 0, b = 1, q1 = 2, q2 = 3, c = 1/2 is positive.
    const value =
      '(1/2)*((1/2)*((1/2)*pi-acos((1/2)*sqrt(6)^(-1)))*sqrt(6)^(-1)+sin(acos((1/2)*sqrt(6)^(-1))))*pi^(-1)*sqrt(6)+1/8';
    const truth = Number(nerdamer(value).evaluate().text('decimals'));
    const simplified = Number(nerdamer(`simplify(${value})`).evaluate().text('decimals'));
    nerdamer.flush();
    expect(truth).toBeCloseTo(0.522998802355786, 12);
    expect(simplified).toBeLessThan(0);
  });
});

/**
 * Every exact value of a closed form is checked at the entry's test vectors and at random rational
 * points of its domain: against the Float64 evaluator (1e-14 relative) and against the
 * high-precision value of the expression string (DIGITS digits). The exact string is itself
 * evaluated at high precision, so nerdamer's arithmetic is checked, not just its rounding. Exact
 * evaluators written as code are checked at their test vectors in test/registry.test.ts.
 */
describe('exact = Float64 = high precision, for every closed form', () => {
  for (const f of allFormulas().filter((g) => g.exact !== undefined && g.expression !== undefined)) {
    const vectors = f.testVectors.map((tv) => exactScope(tv.values));
    const points = [...vectors, ...randomPoints(f, 6, 1234)];
    it(`${f.id} at ${points.length} points`, () => {
      for (const [i, p] of points.entries()) {
        const at = JSON.stringify(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.toFraction()])));
        let ex: ExactValue;
        try {
          ex = f.exact!(p);
        } catch (e) {
          // A clear refusal is honest at a random point; at a test vector it is a failure.
          if (e instanceof InputError && i >= vectors.length) continue;
          throw new Error(`${f.id} at ${at}: ${(e as Error).message}`);
        }
        const exactDigits = evaluateHighPrecision(ex.exact, {}, DIGITS);
        const expressionDigits = evaluateHighPrecision(f.expression!, p, DIGITS);
        expect(
          agreesToDigits(exactDigits.value, expressionDigits.value, DIGITS),
          `${f.id} at ${at}: exact ${ex.exact} = ${exactDigits.value}, expression ${expressionDigits.value}`,
        ).toBe(true);
        const float = f.evaluate(floatScope(p));
        const ref = Number(exactDigits.value);
        expect(
          Math.abs(float - ref),
          `${f.id} at ${at}: Float64 ${float}, exact ${ex.exact} = ${exactDigits.value}`,
        ).toBeLessThanOrEqual(1e-14 * Math.abs(ref));
        expect(() => katex.renderToString(ex.latex, { throwOnError: true }), ex.latex).not.toThrow();
      }
    });
  }
});
