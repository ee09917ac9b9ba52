import { loadMathjs } from './lazy.js';

/**
 * d expr / d variable as an expression string, by mathjs (simplified). nerdamer is not used here:
 * 1.1.13 returns the wrong sign for d/dx(-acos(x)), see test/symbolic/derivative.test.ts.
 */
export function derivativeExpression(expr: string, variable: string): string {
  const { derivative, parse } = loadMathjs();
  return derivative(parse(expr), variable).toString();
}
