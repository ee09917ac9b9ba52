import { Decimal } from 'decimal.js';
import nerdamer from 'nerdamer';
import 'nerdamer/Calculus.js';
import { describe, expect, it } from 'vitest';
import { allFormulas, formula } from '../../formulas/index.js';
import { evaluateExact, evaluateFloat } from '../../src/symbolic/closedForm.js';
import { derivativeExpression } from '../../src/symbolic/derivative.js';
import { evaluateHighPrecision } from '../../src/symbolic/highPrecision.js';
import { Fraction } from '../../src/util/exact.js';
import { exactScope, floatScope, random, randomPoints } from './helpers.js';

describe('symbolic derivatives (mathjs)', () => {
  it('nerdamer 1.1.13 gets d/dx(-acos(x)) wrong; mathjs gets it right', () => {
    // d/dx acos(x) = -1/sqrt(1 - x^2), so d/dx(-acos(x)) = +1/sqrt(1 - x^2): 1.048... at x = 0.3.
    const truth = 1 / Math.sqrt(1 - 0.09);
    const wrong = nerdamer.diff('-acos(x)', 'x').toString();
    const nerdamerValue = Number(nerdamer(wrong, { x: '3/10' }).evaluate().text('decimals'));
    nerdamer.flush();
    expect(nerdamerValue).toBeCloseTo(-truth, 12);
    expect(evaluateFloat(derivativeExpression('-acos(x)', 'x'), { x: 0.3 })).toBeCloseTo(truth, 14);
  });

  it("the registry's varrho' is the derivative of its varrho, at random points", () => {
    const dVarrho = derivativeExpression(formula('infinite-width/varrho').expression!, 'rho');
    const prime = formula('infinite-width/varrho-prime');
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const v = { rho: 2 * next() - 1, Delta: next() };
      const want = prime.evaluate(v);
      expect(Math.abs(evaluateFloat(dVarrho, v) - want), `at ${JSON.stringify(v)}`).toBeLessThanOrEqual(
        1e-14 * Math.max(1, Math.abs(want)),
      );
    }
    for (const p of randomPoints(prime, 5, 11)) expect(evaluateExact(dVarrho, p)).toEqual(prime.exact!(p));
  });

  /**
   * Every closed form, every variable: the mathjs derivative agrees with a central difference
   * taken at 30 digits with step 1e-12 (truncation error ~1e-24), at the test vectors and at random
   * points, wherever both sides are defined.
   */
  for (const f of allFormulas().filter((g) => g.expression !== undefined && g.variables.length > 0)) {
    it(`${f.id}: d/d(each variable) matches a high-precision central difference`, () => {
      const h = new Fraction(1n, 10n ** 12n);
      const points = [...f.testVectors.map((tv) => exactScope(tv.values)), ...randomPoints(f, 3, 99)];
      const derivatives = new Map(f.variables.map((v) => [v.name, derivativeExpression(f.expression!, v.name)]));
      let checked = 0;
      for (const p of points) {
        for (const v of f.variables) {
          const d = evaluateFloat(derivatives.get(v.name)!, floatScope(p));
          const at = (x: Fraction) =>
            new Decimal(evaluateHighPrecision(f.expression!, { ...p, [v.name]: x }, 30).value);
          let fd: number;
          try {
            fd = at(p[v.name].add(h))
              .minus(at(p[v.name].sub(h)))
              .div('2e-12')
              .toNumber();
          } catch {
            continue; // on the boundary of the domain (sqrt of a negative, acos beyond 1)
          }
          if (!Number.isFinite(d)) continue;
          expect(Math.abs(d - fd), `${f.id} d/d${v.name} at ${JSON.stringify(floatScope(p))}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(fd)),
          );
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
