import type { BigNumber, EvalFunction, MathJsInstance, MathNode } from 'mathjs';
import { InputError } from '../errors.js';
import type { Fraction } from '../util/exact.js';
import { loadMathjs } from './lazy.js';

/**
 * High-precision evaluation of a closed-form expression string: mathjs in BigNumber mode, whose
 * numbers and functions are decimal.js. The result is evaluated at two working precisions and only
 * the digits on which they agree are reported, so cancellation inside the expression (acos near 1,
 * 1 - rho_l) cannot produce digits that look right and are not.
 */

/** decimal.js knows pi to 1025 digits; its trigonometric functions stop there. */
export const MAX_DIGITS = 400;

/**
 * Functions whose BigNumber implementations are decimal.js's own; any other function might pass
 * through a Float64 and silently return 16 digits. Each is checked against mpmath in
 * test/symbolic/highPrecision.test.ts.
 */
export const HIGH_PRECISION_FUNCTIONS: ReadonlySet<string> = new Set([
  'sqrt',
  'abs',
  'acos',
  'asin',
  'atan',
  'sin',
  'cos',
  'tan',
  'exp',
  'log',
]);

export interface HighPrecisionValue {
  /** Decimal string with `digits` significant digits, or "0" when the value is zero to within `zeroBelow`. */
  readonly value: string;
  readonly digits: number;
  /** Set when the value cancelled to zero at every working precision: |value| < zeroBelow. */
  readonly zeroBelow?: string;
}

interface BigMath {
  readonly math: MathJsInstance;
  readonly compiled: Map<string, EvalFunction>;
}

const instances = new Map<number, BigMath>();

function bigMath(precision: number): BigMath {
  let m = instances.get(precision);
  if (!m) {
    const { all, create } = loadMathjs();
    m = { math: create(all, { number: 'BigNumber', precision }), compiled: new Map() };
    instances.set(precision, m);
  }
  return m;
}

/** Why `expr` cannot be evaluated at high precision, or undefined when it can. */
export function highPrecisionUnsupported(expr: string): string | undefined {
  const bad = new Set<string>();
  loadMathjs()
    .parse(expr)
    .traverse((node: MathNode) => {
      if (node.type === 'FunctionNode') {
        const name = (node as unknown as { fn: { name: string } }).fn.name;
        if (!HIGH_PRECISION_FUNCTIONS.has(name)) bad.add(name);
      }
    });
  return bad.size === 0 ? undefined : `uses ${[...bad].join(', ')}, which has no verified decimal.js implementation`;
}

function evaluateAt(expr: string, scope: Record<string, Fraction>, precision: number): BigNumber {
  const { math: m, compiled } = bigMath(precision);
  let c = compiled.get(expr);
  if (!c) {
    c = m.compile(expr);
    compiled.set(expr, c);
  }
  const values = Object.fromEntries(
    Object.entries(scope).map(([k, f]) => [k, m.bignumber((f.s * f.n).toString()).div(f.d.toString())]),
  );
  const v: unknown = c.evaluate(values);
  if (!m.isBigNumber(v))
    throw new InputError(
      `"${expr}" is not a real number at these values (got ${m.format(v as never, { precision: 20 })})`,
    );
  if (!v.isFinite()) throw new InputError(`"${expr}" is not finite at these values`);
  return v;
}

/** `expr` at exact rational `scope` to `digits` significant digits. */
export function evaluateHighPrecision(
  expr: string,
  scope: Record<string, Fraction>,
  digits: number,
): HighPrecisionValue {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS)
    throw new InputError(`--digits must be an integer from 1 to ${MAX_DIGITS}, got ${digits}`);
  const unsupported = highPrecisionUnsupported(expr);
  if (unsupported) throw new InputError(`no high-precision evaluation: the expression ${unsupported}`);
  for (let guard = 20; digits + 2 * guard <= 1000; guard *= 2) {
    const coarse = evaluateAt(expr, scope, digits + guard);
    const fine = evaluateAt(expr, scope, digits + 2 * guard);
    if (
      coarse
        .minus(fine)
        .abs()
        .lte(fine.abs().times(`1e-${digits + 1}`))
    ) {
      return { value: fine.isZero() ? '0' : fine.toPrecision(digits), digits };
    }
    // A value that shrinks with the working precision is a zero computed by cancellation.
    const zeroBelow = `1e-${digits + guard - 5}`;
    if (coarse.abs().lt(zeroBelow) && fine.abs().lt(`1e-${digits + 2 * guard - 5}`))
      return { value: '0', digits, zeroBelow };
  }
  throw new InputError(
    `could not reach ${digits} digits for "${expr}" at these values: the working precisions disagree (cancellation ` +
      `beyond 1000 digits)`,
  );
}
