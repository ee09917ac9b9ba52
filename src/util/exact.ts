import Fraction from 'fraction.js';
import { InputError } from '../errors.js';

export { Fraction };

/**
 * The one number grammar of every option and file (docs/reliability.md, "Numbers"): a decimal with
 * an optional exponent ("0.55", "-3", "1e-3", ".5") or a ratio of integers ("11/20"). Nothing else:
 * no hexadecimal ("0x10"), no "Infinity", no digit separators. Limits are checked on the text, before
 * any big number is built, so "1e9999999999" is refused at once instead of expanded.
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const RATIO = /^([+-]?)(\d+)\s*\/\s*(\d+)$/;

/** Most significant digits of an exact input, and of each of the numerator and denominator of a ratio. */
export const MAX_DIGITS = 400;
/** Order of magnitude of a non-zero input: 10^-MAX_EXPONENT <= |v| < 10^(MAX_EXPONENT+1). */
export const MAX_EXPONENT = 300;

const GRAMMAR = 'use a decimal like 0.55 or 1e-3, or a ratio like 11/20';

/** The user's text, cut short in messages so that an error stays one line. */
function quoted(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
}

/** A parsed number before it becomes a Fraction or a Float64: sign, digits and decimal exponent. */
interface NumberText {
  readonly negative: boolean;
  /** Significant digits without leading zeros ("" for zero), value = digits * 10^scale (decimals). */
  readonly digits: string;
  readonly scale: number;
  /** For ratios: numerator and denominator digits (without leading zeros). */
  readonly ratio?: { readonly n: string; readonly d: string };
}

const stripZeros = (s: string) => s.replace(/^0+/, '');

function orderOfMagnitudeError(what: string, s: string): InputError {
  return new InputError(
    `${what}: ${quoted(s)} is outside the accepted range (0, or magnitude 1e-${MAX_EXPONENT} to 1e${MAX_EXPONENT}, ` +
      `at most ${MAX_DIGITS} digits)`,
  );
}

function lex(text: string, what: string): NumberText {
  const s = String(text).trim();
  const ratio = RATIO.exec(s);
  if (ratio) {
    const n = stripZeros(ratio[2]);
    const d = stripZeros(ratio[3]);
    if (d === '') throw new InputError(`${what}: ${quoted(s)} divides by zero`);
    if (n.length > MAX_DIGITS || d.length > MAX_DIGITS) throw orderOfMagnitudeError(what, s);
    if (n !== '') {
      // 10^-E <= n/d < 10^(E+1), decided exactly on integers of at most MAX_DIGITS + E digits.
      const big = 10n ** BigInt(MAX_EXPONENT);
      if (BigInt(n) * big < BigInt(d) || BigInt(n) >= BigInt(d) * big * 10n) throw orderOfMagnitudeError(what, s);
    }
    return { negative: ratio[1] === '-', digits: '', scale: 0, ratio: { n: n || '0', d } };
  }
  const m = DECIMAL.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    if (/^[+-]?(nan|inf(inity)?)$/i.test(s)) throw new InputError(`${what}: ${quoted(s)} is not a finite number`);
    throw new InputError(`${what}: ${quoted(s)} is not a number (${GRAMMAR})`);
  }
  const whole = m[2];
  const fraction = m[3] ?? '';
  const all = stripZeros(whole + fraction);
  if (all === '') return { negative: false, digits: '', scale: 0 };
  const exponentText = m[4] ?? '0';
  if (stripZeros(exponentText.replace(/^[+-]/, '')).length > 6) throw orderOfMagnitudeError(what, s);
  const digits = all.replace(/0+$/, '');
  const scale = Number(exponentText) - fraction.length + (all.length - digits.length);
  // Decimal exponent of the leading digit: |v| = d.ddd x 10^lead.
  const lead = scale + digits.length - 1;
  if (digits.length > MAX_DIGITS || lead > MAX_EXPONENT || lead < -MAX_EXPONENT) throw orderOfMagnitudeError(what, s);
  return { negative: m[1] === '-', digits, scale };
}

/** Whether `text` is in the number grammar (its limits aside). */
export function isNumberText(text: string): boolean {
  const s = String(text).trim();
  const m = DECIMAL.exec(s);
  return RATIO.test(s) || (m !== null && (m[2] !== '' || (m[3] ?? '') !== ''));
}

/**
 * Parses a user-supplied number into an exact rational: "11/20", "0.55", "-3", "1e-3". Decimal
 * literals are exact rationals (0.1 is 1/10, not the nearest double), which is what a theorist
 * typing 0.1 means.
 */
export function parseRational(text: string, what: string): Fraction {
  const t = lex(text, what);
  const sign = t.negative ? -1n : 1n;
  if (t.ratio) return new Fraction(sign * BigInt(t.ratio.n), BigInt(t.ratio.d));
  if (t.digits === '') return new Fraction(0);
  const m = sign * BigInt(t.digits);
  return t.scale >= 0 ? new Fraction(m * 10n ** BigInt(t.scale)) : new Fraction(m, 10n ** BigInt(-t.scale));
}

/** Parses a finite Float64 in the same grammar and range (for inputs whose exactness does not matter). */
export function parseFinite(text: string, what: string): number {
  const t = lex(text, what);
  if (t.ratio) return toNumber(parseRational(text, what));
  if (t.digits === '') return 0;
  return Number(`${t.negative ? '-' : ''}${t.digits}e${t.scale}`);
}

/**
 * Parses an integer in the same grammar ("1000", "1e3"; not "2.5") up to 2^53 - 1, so that every
 * count reaches its own limit check as the number the user typed.
 */
export function parseInteger(text: string, what: string): number {
  const t = lex(text, what);
  const f = parseRational(text, what);
  if (f.d !== 1n) throw new InputError(`${what} must be an integer, got ${quoted(String(text).trim())}`);
  if (f.n > BigInt(Number.MAX_SAFE_INTEGER))
    throw new InputError(`${what}: ${quoted(String(text).trim())} is beyond 2^53 - 1, far beyond any accepted size`);
  return t.negative ? -Number(f.n) : Number(f.n);
}

const bits = (v: bigint) => v.toString(2).length;

/**
 * n/d as a Float64 from 64 bits of quotient: fraction.js's valueOf divides Number(n) by Number(d),
 * which is NaN once both pass 2^1024 (1e-400 as 1/10^400, or deep exact moments).
 */
export function toNumber(f: Fraction): number {
  if (f.n === 0n) return 0;
  const k = 64 - (bits(f.n) - bits(f.d));
  const q = k >= 0 ? (f.n << BigInt(k)) / f.d : f.n / (f.d << BigInt(-k));
  const half = Math.trunc(k / 2);
  return Number(f.s) * Number(q) * 2 ** -half * 2 ** (half - k);
}

/** The Float64 x as the exact rational it is (0.1 is 3602879701896397/2^55). */
export function exactDouble(x: number): Fraction {
  let m = x;
  let e = 0n;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return new Fraction(BigInt(m), 1n << e);
}

/** The next Float64 after x towards +Infinity (up) or -Infinity. */
function nextFloat(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + (up === x > 0 ? 1n : -1n));
  return view.getFloat64(0);
}

/** The Float64 values just below and just above f; one value twice when f is a Float64. */
export function float64Neighbours(f: Fraction): [number, number] {
  const x = toNumber(f);
  const side = f.compare(exactDouble(x));
  if (side === 0) return [x, x];
  return side > 0 ? [x, nextFloat(x, true)] : [nextFloat(x, false), x];
}

/** Scientific form with `digits` significant digits (truncated), valid beyond the Float64 range: "1.5e-400". */
export function scientific(f: Fraction, digits = 4): string {
  if (f.n === 0n) return '0';
  const v = toNumber(f);
  if (v !== 0 && Number.isFinite(v)) return Number(v.toPrecision(digits)).toString().replace('e+', 'e');
  // |f| = q x 10^(e - digits + 1) with q of `digits` digits, rounded half up from one more digit.
  let e = f.n.toString().length - f.d.toString().length;
  const scaled = (k: number) => (k >= 0 ? f.n / (f.d * 10n ** BigInt(k)) : (f.n * 10n ** BigInt(-k)) / f.d);
  if (scaled(e - digits).toString().length <= digits) e--;
  let q = (scaled(e - digits) + 5n) / 10n;
  if (q.toString().length > digits) {
    q /= 10n;
    e++;
  }
  const s = q.toString();
  const mantissa = `${s[0]}${s.length > 1 ? `.${s.slice(1)}` : ''}`.replace(/\.?0+$/, '');
  return `${f.s < 0n ? '-' : ''}${mantissa}e${e}`;
}

/** Exact string of a rational: "11/20", "-3". */
export function rationalString(f: Fraction): string {
  return f.toFraction();
}

/** LaTeX of a rational: \frac{11}{20}, -\frac{1}{2}, 3. */
export function rationalLatex(f: Fraction): string {
  const sign = f.s < 0n ? '-' : '';
  return f.d === 1n ? `${sign}${f.n}` : `${sign}\\frac{${f.n}}{${f.d}}`;
}
