import { Decimal } from 'decimal.js';
import Fraction from 'fraction.js';
import { InputError } from '../errors.js';

export { Fraction };

const RATIO = /^\s*([+-]?\d+)\s*\/\s*(\d+)\s*$/;

/**
 * Parses a user-supplied number into an exact rational: "11/20", "0.55", "-3", "1e-3".
 * Decimal literals are exact rationals (0.1 is 1/10, not the nearest double), which is what a
 * theorist typing 0.1 means.
 */
export function parseRational(text: string, what: string): Fraction {
  const s = String(text).trim();
  const ratio = RATIO.exec(s);
  if (ratio) {
    if (BigInt(ratio[2]) === 0n) throw new InputError(`${what}: "${s}" divides by zero`);
    return new Fraction(BigInt(ratio[1]), BigInt(ratio[2]));
  }
  let d: Decimal;
  try {
    d = new Decimal(s);
  } catch {
    throw new InputError(`${what}: "${s}" is not a number (use a decimal like 0.55 or a ratio like 11/20)`);
  }
  if (!d.isFinite()) throw new InputError(`${what}: "${s}" is not a finite number`);
  const [n, den] = d.toFraction();
  return new Fraction(BigInt(n.toFixed()), BigInt(den.toFixed()));
}

/** Parses a finite Float64 (for inputs whose exactness does not matter). */
export function parseFinite(text: string, what: string): number {
  const s = String(text).trim();
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new InputError(`${what}: "${s}" is not a finite number`);
  return v;
}

export function toNumber(f: Fraction): number {
  return f.valueOf();
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
