import { Decimal } from 'decimal.js';
import type { EvalFunction, MathNode } from 'mathjs';
import { InputError } from '../errors.js';
import { Fraction, toNumber } from '../util/exact.js';
import { evaluateHighPrecision, highPrecisionUnsupported, MAX_DIGITS } from './highPrecision.js';
import { loadMathjs, loadNerdamer } from './lazy.js';

/**
 * A closed form written once as an expression string; everything else (Float64 evaluator, LaTeX,
 * exact value, high-precision value, derivative) is derived from that string (a symbolic package
 * is never trusted alone: the tests check each result numerically): mathjs compiles, renders and
 * differentiates, nerdamer does the exact arithmetic.
 */
export interface ExactValue {
  /** Exact expression in nerdamer's syntax (also valid mathjs), e.g. "(10/101)*sqrt(202)". */
  readonly exact: string;
  readonly latex: string;
}

const compiled = new Map<string, EvalFunction>();

/** Float64 evaluator of `expr` (mathjs). */
export function evaluateFloat(expr: string, scope: Record<string, number>): number {
  let c = compiled.get(expr);
  if (!c) {
    c = loadMathjs().compile(expr);
    compiled.set(expr, c);
  }
  const v = c.evaluate({ ...scope });
  return typeof v === 'number' ? v : Number(v);
}

/**
 * LaTeX of the statement (mathjs), with variables as written and a letter's trailing digits as subscripts (q1 ->
 * q_{1}).
 */
export function statementLatex(expr: string): string {
  return loadMathjs().parse(expr).toTex({ parenthesis: 'auto', implicit: 'hide', handler: symbolLatex });
}

/**
 * mathjs renders single letters that are also unit names upright (b as \mathrm{b}, bytes), which
 * a reader takes for a different symbol; a variable is always italic. Braced, so that a preceding
 * \cdot stays a separate control word.
 */
function symbolLatex(node: MathNode): string | undefined {
  if (node.type !== 'SymbolNode') return undefined;
  const m = /^([A-Za-z])(\d*)$/.exec((node as unknown as { name: string }).name);
  if (!m) return undefined;
  return m[2] ? `{${m[1]}_{${m[2]}}}` : `{${m[1]}}`;
}

/**
 * Exact value of `expr` at rational `scope`. The mathjs tree is evaluated bottom-up, each node by
 * nerdamer; after every node, a value whose square is rational is rewritten as r*sqrt(n) with n a
 * square-free integer. nerdamer alone leaves sqrt(200/101) as 10*sqrt(2)/sqrt(101), never
 * rationalises a denominator and never evaluates acos(1/2); its simplify() is not used because it
 * returns wrong values (test/symbolic/exact.test.ts). nerdamer 1.1.13 also takes square roots of
 * integers beyond 2^53 in floating point (sqrt(2^54 + 1) = 2^27), so every result is checked
 * against the high-precision value of `expr` before it is returned. nerdamer keeps every parsed
 * expression in a global list, so it is flushed after use.
 */
export function evaluateExact(expr: string, scope: Record<string, Fraction>): ExactValue {
  const subs = new Map(Object.entries(scope).map(([k, v]) => [k, v.toFraction()]));
  const nerdamer = loadNerdamer();
  const roots: bigint[] = [];
  try {
    const held = nerdamer(exactNode(loadMathjs().parse(expr), subs, roots))
      .expand()
      .toString();
    const value = held.replace(/xroot([a-z]+)/g, (_, k: string) => `sqrt(${roots[placeholderIndex(k)]})`);
    verify(expr, scope, value);
    return { exact: value, latex: exactLatex(value) };
  } finally {
    nerdamer.flush();
  }
}

/**
 * Names that stand for big integers inside nerdamer, which rounds them in square roots and in
 * LaTeX (sqrt(10^40 + 1) = 10^20, \frac{1e+40}{1e+40}): letters only, so nerdamer takes them for
 * variables and carries them through untouched.
 */
function placeholder(i: number, prefix: string): string {
  let name = '';
  for (let k = i; ; k = Math.floor(k / 26) - 1) {
    name = String.fromCharCode(97 + (k % 26)) + name;
    if (k < 26) break;
  }
  return `${prefix}${name}`;
}

function placeholderIndex(name: string): number {
  let i = 0;
  for (const ch of name) i = i * 26 + (ch.charCodeAt(0) - 96);
  return i - 1;
}

/** LaTeX of an exact value, with integers beyond 2^53 written out in full. */
function exactLatex(value: string): string {
  const nerdamer = loadNerdamer();
  const big: string[] = [];
  const held = value.replace(/\d{16,}/g, (digits) => placeholder(big.push(digits) - 1, 'xbig'));
  const tex = nerdamer(held).toTeX();
  return tidyLatex(tex.replace(/xbig([a-z]+)/g, (_, k: string) => big[placeholderIndex(k)]));
}

/**
 * sqrt(n/d) = (s/d) sqrt(m) with n d = s^2 m, the square factors found by trial division up to
 * 1000 and a final perfect-square test: m need not be square-free, but the value is exact.
 */
function rationalSqrt(q: Fraction, roots: bigint[]): string {
  let m = q.n * q.d;
  let s = 1n;
  for (let p = 2n; p < 1000n && p * p <= m; p++)
    while (m % (p * p) === 0n) {
      m /= p * p;
      s *= p;
    }
  const r = integerSqrt(m);
  if (r * r === m) return `${s * r}/${q.d}`;
  if (m <= BigInt(Number.MAX_SAFE_INTEGER)) return `(${s}/${q.d})*sqrt(${m})`;
  return `(${s}/${q.d})*${placeholder(roots.push(m) - 1, 'xroot')}`;
}

/** floor(sqrt(n)) by Newton's iteration from above. */
function integerSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Digits at which a result is checked: enough to see an error beyond the inputs' own digits. */
function verifyDigits(scope: Record<string, Fraction>): number {
  const digits = Object.values(scope).reduce((s, v) => s + v.n.toString().length + v.d.toString().length, 0);
  return Math.min(MAX_DIGITS, 25 + 2 * digits);
}

/**
 * Throws unless `value` (an exact expression) equals `expr` at `scope` to 20 digits (1e-9 in Float64 when high
 * precision is unavailable).
 */
function verify(expr: string, scope: Record<string, Fraction>, value: string): void {
  let agree: boolean;
  if (highPrecisionUnsupported(expr) || highPrecisionUnsupported(value)) {
    const want = evaluateFloat(expr, Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, toNumber(v)])));
    agree = Math.abs(evaluateFloat(value, {}) - want) <= 1e-9 * Math.max(1, Math.abs(want));
  } else {
    const digits = verifyDigits(scope);
    const got = evaluateHighPrecision(value, {}, digits);
    const want = evaluateHighPrecision(expr, scope, digits);
    agree = want.zeroBelow
      ? new Decimal(got.value).isZero()
      : new Decimal(got.value)
          .minus(want.value)
          .abs()
          .lte(new Decimal(want.value).abs().times(`1e-${digits - 5}`));
  }
  if (!agree)
    throw new InputError(
      `no exact value at these values: the symbolic result failed its numerical check (nerdamer 1.1.13 mishandles ` +
        `some exact arithmetic, e.g. square roots of integers beyond 2^53); use --digits instead`,
    );
}

function exactNode(node: MathNode, subs: Map<string, string>, roots: bigint[]): string {
  const sub = (n: MathNode) => `(${exactNode(n, subs, roots)})`;
  switch (node.type) {
    case 'ConstantNode':
      return new Fraction(String((node as unknown as { value: unknown }).value)).toFraction();
    case 'SymbolNode': {
      const { name } = node as unknown as { name: string };
      const v = subs.get(name);
      if (v !== undefined) return v;
      if (name === 'pi' || name === 'e') return name;
      throw new Error(`exact evaluation: no value for "${name}"`);
    }
    case 'ParenthesisNode':
      return exactNode((node as unknown as { content: MathNode }).content, subs, roots);
    case 'OperatorNode': {
      const { op, args } = node as unknown as { op: string; args: MathNode[] };
      if (!(args.length === 1 ? '+-' : '+-*/^').includes(op))
        throw new Error(`exact evaluation: unsupported operator "${op}" in "${node.toString()}"`);
      return canonical(args.length === 1 ? `${op}${sub(args[0])}` : args.map(sub).join(op));
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: { name: string }; args: MathNode[] };
      const inner = args.map((a) => exactNode(a, subs, roots));
      if (fn.name === 'sqrt' && inner.length === 1 && /^-?\d+(\/\d+)?$/.test(inner[0])) {
        const q = new Fraction(inner[0]);
        if (q.s >= 0n && q.n * q.d > BigInt(Number.MAX_SAFE_INTEGER)) return canonical(rationalSqrt(q, roots));
      }
      return specialValue(fn.name, inner) ?? canonical(`${fn.name}(${inner.join(',')})`);
    }
    default:
      throw new Error(`exact evaluation: unsupported ${node.type} in "${node.toString()}"`);
  }
}

/** nerdamer's form of `text`, with r*sqrt(n) for any value whose square is rational. */
function canonical(text: string): string {
  const nerdamer = loadNerdamer();
  const e = nerdamer(text);
  // Only sums and products of radicals can square to a rational; squaring anything else is wasted work.
  if (e.isNumber() || /[a-z]/.test(e.toString().replace(/sqrt|abs/g, ''))) return e.toString();
  const square = nerdamer(`(${e.toString()})^2`).expand();
  if (!square.isNumber()) return e.toString();
  const q = new Fraction(square.toString());
  // Beyond 2^53 nerdamer's sqrt rounds (see evaluateExact); its own unmerged form is kept instead.
  if (q.n * q.d > BigInt(Number.MAX_SAFE_INTEGER)) return e.toString();
  const sign = Number(e.evaluate().text('decimals')) < 0 ? '-' : '';
  // sqrt(n/d) = sqrt(n d)/d; nerdamer then takes the square factors out of sqrt(n d).
  return nerdamer(`${sign}sqrt(${q.n * q.d})/${q.d}`).toString();
}

/** asin at the arguments where it is a rational multiple of pi; acos(x) = pi/2 - asin(x). */
const ASIN_TABLE: ReadonlyArray<readonly [string, string]> = [
  ['0', '0'],
  ['1/2', 'pi/6'],
  ['sqrt(2)/2', 'pi/4'],
  ['sqrt(3)/2', 'pi/3'],
  ['1', 'pi/2'],
];
let asinValues: Map<string, string> | undefined;

function specialValue(fn: string, args: string[]): string | undefined {
  if ((fn !== 'asin' && fn !== 'acos') || args.length !== 1) return undefined;
  if (!asinValues) {
    asinValues = new Map();
    for (const [x, v] of ASIN_TABLE) {
      asinValues.set(canonical(x), v);
      asinValues.set(canonical(`-(${x})`), `-(${v})`);
    }
  }
  const asin = asinValues.get(args[0]);
  if (asin === undefined) return undefined;
  return canonical(fn === 'asin' ? asin : `pi/2-(${asin})`);
}

/** nerdamer writes "10 \cdot \sqrt{202}"; a number before a root or pi needs no dot. */
function tidyLatex(tex: string): string {
  return tex.replace(/(\d) \\cdot (?=\\sqrt|\\pi)/g, '$1');
}
