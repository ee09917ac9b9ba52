import { Decimal } from 'decimal.js';
import { DomainError } from '../errors.js';
import { Fraction, toNumber } from '../util/exact.js';

/**
 * The arithmetic the finite-width engines run in: exact rationals (fraction.js, BigInt) or
 * Float64. Every engine is written once against this interface, so the exact and the float
 * results come from the same code.
 */
export interface Field<T> {
  /** True for exact rationals: values beyond the Float64 range are still exact. */
  readonly isExact: boolean;
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  isZero(a: T): boolean;
  /** An exact integer. */
  int(n: number | bigint): T;
  /** 2^-n, the probability that a zero-bias ReLU layer of width n is entirely inactive. */
  pow2neg(n: number): T;
  /** A user-supplied rational. */
  lift(f: Fraction): T;
  toNumber(a: T): number;
  /** Natural logarithm of a > 0, finite even where toNumber(a) overflows. */
  log(a: T): number;
  /** The exact rational as "p/q", or null in Float64. */
  exactString(a: T): string | null;
  /** A state vector of a transfer-matrix sum (exact: integers over one common denominator). */
  vector(values: readonly T[]): StateVector<T>;
}

/** One nonzero matrix entry of a layer's transfer matrix. */
export interface Term<T> {
  readonly from: number;
  readonly to: number;
  readonly factor: T;
}

/**
 * The state vector of the transfer-matrix engines. Exact sums over many layers are dominated by
 * gcds if every product is normalised; keeping the whole vector over one denominator and
 * normalising once, when a value is read, makes deep exact runs an order of magnitude faster.
 */
export interface StateVector<T> {
  get(i: number): T;
  isZero(i: number): boolean;
  /** next[to] = sum over terms of this[from] * factor, a vector of the given size. */
  step(terms: readonly Term<T>[], size: number): StateVector<T>;
}

class FloatVector implements StateVector<number> {
  constructor(private readonly v: readonly number[]) {}
  get(i: number): number {
    return this.v[i];
  }
  isZero(i: number): boolean {
    return this.v[i] === 0;
  }
  step(terms: readonly Term<number>[], size: number): FloatVector {
    const next = new Array<number>(size).fill(0);
    for (const t of terms) next[t.to] += this.v[t.from] * t.factor;
    return new FloatVector(next);
  }
}

const bits = (v: bigint) => v.toString(2).length;

function trailingZeros(v: bigint): number {
  const abs = v < 0n ? -v : v;
  return bits(abs & -abs) - 1;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** Integers nums[i] over the common denominator den; factors are small normalised fractions. */
class ScaledVector implements StateVector<Fraction> {
  constructor(
    private readonly nums: readonly bigint[],
    private readonly den: bigint,
  ) {}
  static of(values: readonly Fraction[]): ScaledVector {
    const den = values.reduce((l, v) => (l / gcd(l, v.d)) * v.d, 1n);
    return new ScaledVector(
      values.map((v) => v.s * v.n * (den / v.d)),
      den,
    );
  }
  get(i: number): Fraction {
    // The common denominator carries 2^-n per layer: strip the shared powers of two with bit
    // operations, so that fraction.js's Euclid runs on the small odd part.
    const n = this.nums[i];
    if (n === 0n) return new Fraction(0);
    const shift = BigInt(Math.min(trailingZeros(n), trailingZeros(this.den)));
    return new Fraction(n >> shift, this.den >> shift);
  }
  isZero(i: number): boolean {
    return this.nums[i] === 0n;
  }
  step(terms: readonly Term<Fraction>[], size: number): ScaledVector {
    const scale = terms.reduce((l, t) => (l / gcd(l, t.factor.d)) * t.factor.d, 1n);
    const next = new Array<bigint>(size).fill(0n);
    for (const t of terms) next[t.to] += this.nums[t.from] * t.factor.s * t.factor.n * (scale / t.factor.d);
    return new ScaledVector(next, this.den * scale);
  }
}

/**
 * The {exact, value} pair every finite-width command reports. An exact value beyond the Float64
 * range keeps its exact rational, has value Infinity (null in JSON) and adds `scientific`, its
 * first 12 digits; in Float64 an infinite or NaN value is refused (see finiteOrThrow).
 */
export interface ReportedValue {
  readonly exact: string | null;
  readonly value: number;
  readonly scientific?: string;
}

export function reported<T>(F: Field<T>, a: T, what = 'a moment'): ReportedValue {
  const value = finiteOrThrow(F, a, what);
  // An exact value outside the Float64 range (over- or underflowing) also carries its scientific form.
  if (!F.isExact || (Number.isFinite(value) && (value !== 0 || F.isZero(a)))) return { exact: F.exactString(a), value };
  const f = a as Fraction;
  const scientific = Decimal.clone({ precision: 12 })
    .div(`${f.s * f.n}`, `${f.d}`)
    .toExponential();
  return { exact: F.exactString(a), value, scientific };
}

/**
 * F.toNumber(a), refusing a Float64 result that overflowed: the exact field has no range limit,
 * so the message points there.
 */
export function finiteOrThrow<T>(F: Field<T>, a: T, what: string): number {
  const value = F.toNumber(a);
  if (!F.isExact && !Number.isFinite(value))
    throw new DomainError(
      `${what} exceeds the Float64 range (about 1.8e308) for these parameters; use exact rationals (--exact), ` +
        `which have no range limit but take longer at large depth`,
    );
  return value;
}

/** ln(n/d) from the top 64 bits of n and d, so that it stays finite beyond the Float64 range. */
function fractionLog(f: Fraction): number {
  const top = (v: bigint) => {
    const shift = Math.max(0, bits(v) - 64);
    return Math.log(Number(v >> BigInt(shift))) + shift * Math.LN2;
  };
  return top(f.n) - top(f.d);
}

/**
 * Widths the exact engine takes: 2^-n is a rational of n bits, and n = 10^6 takes about a second
 * (10^7: 16 s; 10^20 exceeds V8's BigInt size). Beyond it 2^-n < 10^-300000 changes no printed digit.
 */
export const MAX_EXACT_WIDTH = 1_000_000;

function exactPow2neg(n: number): Fraction {
  if (n > MAX_EXACT_WIDTH)
    throw new DomainError(
      `a width of ${n} is beyond the exact engine's ${MAX_EXACT_WIDTH.toLocaleString('en-US')}: the probability ` +
        `2^-${n} that a layer is inactive is a ${n}-bit rational; drop --exact (Float64 gives the same digits)`,
    );
  return new Fraction(1n, 1n << BigInt(n));
}

/**
 * Work of the exact engine: its rationals carry up to 2^-(n_1 + ... + n_{d-1}) (every hidden layer
 * inactive at once) and it combines them layer by layer, so it grows with d times the sum of the
 * hidden widths. 2 x 10^6 takes seconds (widths 2,10^6,1: 1.5 s); 100 layers of width 1000
 * (10^7) took 45 s on a shared core, and 30 layers of 3000 over a minute (measured 2026-12-01).
 */
export const MAX_EXACT_WORK = 2_000_000;

export function checkExactSize<T>(F: Field<T>, widths: readonly number[]): void {
  if (!F.isExact) return;
  const bits = widths.slice(1, -1).reduce((s, n) => s + n, 0);
  const work = (widths.length - 1) * bits;
  if (work > MAX_EXACT_WORK)
    throw new DomainError(
      `the exact engine's work, depth ${widths.length - 1} x the sum of the hidden widths ${bits}, is ` +
        `${work.toPrecision(3)}, beyond its ${MAX_EXACT_WORK.toLocaleString('en-US')} (about ten seconds); ` +
        'drop --exact (Float64) or use fewer or narrower layers',
    );
}

export const exactField: Field<Fraction> = {
  isExact: true,
  zero: new Fraction(0),
  one: new Fraction(1),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  isZero: (a) => a.n === 0n,
  int: (n) => new Fraction(BigInt(n)),
  pow2neg: exactPow2neg,
  lift: (f) => f,
  toNumber,
  log: fractionLog,
  exactString: (a) => a.toFraction(),
  vector: (values) => ScaledVector.of(values),
};

export const floatField: Field<number> = {
  isExact: false,
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  isZero: (a) => a === 0,
  int: (n) => Number(n),
  pow2neg: (n) => 2 ** -n,
  lift: toNumber,
  toNumber: (a) => a,
  log: Math.log,
  exactString: () => null,
  vector: (values) => new FloatVector(values),
};
