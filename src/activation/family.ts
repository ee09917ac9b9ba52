import { InputError } from '../errors.js';
import { Fraction, parseRational, scientific, toNumber } from '../util/exact.js';
import { type Coefficients, exactA2, exactDelta } from './constants.js';

/**
 * phi(s) = a s + b |s| with exact rational a, b (docs/conventions.md, "Canonical network").
 * Slopes a+b on s > 0 and a-b on s < 0; phi'(0) := a.
 */
export interface Activation extends Coefficients<Fraction> {
  /** How the user named it (preset or explicit), for output. */
  readonly name: string;
}

/** Float64 view of the quantities every kernel recursion needs. */
export interface ActivationNumbers {
  readonly a: number;
  readonly b: number;
  /** A_2 = a^2 + b^2 = E[phi(g)^2] = E[phi'(g)^2] for g ~ N(0,1). */
  readonly A2: number;
  /** Delta_phi = b^2 / (a^2 + b^2). */
  readonly Delta: number;
}

export const PRESET_NAMES = ['relu', 'abs', 'linear', 'leaky:<alpha>', 'abrelu:<neg>,<pos>'] as const;

function make(name: string, a: Fraction, b: Fraction): Activation {
  if (a.equals(0) && b.equals(0)) {
    throw new InputError(
      'a = b = 0 makes phi the zero function: every kernel is 0 and Delta_phi = b^2/(a^2+b^2) is undefined; choose ' +
        'a or b nonzero (e.g. --activation relu)',
    );
  }
  const big = a.abs().compare(b.abs()) >= 0 ? a.abs() : b.abs();
  if (big.compare(COEFFICIENT_RANGE[0]) < 0 || big.compare(COEFFICIENT_RANGE[1]) > 0)
    throw new InputError(
      `max(|a|, |b|) = ${scientific(big)} is outside 1e-75..1e75, where A_4 ~ max(|a|,|b|)^4 stays a Float64; ` +
        `scale a and b together (phi -> phi/c with sigma_w^2 -> c^2 sigma_w^2 leaves every kernel unchanged)`,
    );
  return { name, a, b };
}

/** The larger coefficient's range: A_4 = a^4 + 6a^2b^2 + b^4 and its Float64 value stay within 1e-300..1e300. */
const COEFFICIENT_RANGE = [new Fraction(1, 10n ** 75n), new Fraction(10n ** 75n)] as const;

export function fromCoefficients(a: string | Fraction, b: string | Fraction, name?: string): Activation {
  const fa = typeof a === 'string' ? parseRational(a, '--a') : a;
  const fb = typeof b === 'string' ? parseRational(b, '--b') : b;
  return make(name ?? `a=${fa.toFraction()}, b=${fb.toFraction()}`, fa, fb);
}

/** Leaky ReLU with negative slope alpha: ((1+alpha)/2) s + ((1-alpha)/2)|s| (docs/theory.md T1.1). */
export function leaky(alpha: Fraction, name = `leaky:${alpha.toFraction()}`): Activation {
  const half = new Fraction(1, 2);
  return make(name, half.mul(alpha.add(1)), half.mul(new Fraction(1).sub(alpha)));
}

/**
 * neural-tangents ABRelu(a_nt, b_nt) = a_nt min(x,0) + b_nt max(x,0), so a_nt = a - b and
 * b_nt = a + b (docs/conventions.md, neural-tangents row).
 */
export function abrelu(
  neg: Fraction,
  pos: Fraction,
  name = `abrelu:${neg.toFraction()},${pos.toFraction()}`,
): Activation {
  const half = new Fraction(1, 2);
  return make(name, half.mul(pos.add(neg)), half.mul(pos.sub(neg)));
}

/** Parses a preset name: relu, abs, linear, leaky:<alpha>, abrelu:<neg>,<pos>. */
export function preset(spec: string): Activation {
  const s = spec.trim().toLowerCase();
  if (s === 'relu') return make('relu', new Fraction(1, 2), new Fraction(1, 2));
  if (s === 'abs') return make('abs', new Fraction(0), new Fraction(1));
  if (s === 'linear' || s === 'identity') return make('linear', new Fraction(1), new Fraction(0));
  if (s.startsWith('leaky:')) return leaky(parseRational(s.slice(6), 'leaky slope'), s);
  if (s.startsWith('abrelu:')) {
    const parts = s.slice(7).split(',');
    if (parts.length !== 2)
      throw new InputError(`abrelu needs two slopes, abrelu:<neg>,<pos> (e.g. abrelu:0.1,1); got "${spec}"`);
    return abrelu(
      parseRational(parts[0], 'abrelu negative slope'),
      parseRational(parts[1], 'abrelu positive slope'),
      s,
    );
  }
  throw new InputError(`unknown activation "${spec}"; use one of ${PRESET_NAMES.join(', ')}, or --a and --b`);
}

export function numbers(act: Activation): ActivationNumbers {
  return { a: toNumber(act.a), b: toNumber(act.b), A2: toNumber(exactA2(act)), Delta: toNumber(exactDelta(act)) };
}

/** phi(s), Float64. */
export function phi(act: ActivationNumbers, s: number): number {
  return act.a * s + act.b * Math.abs(s);
}

/** phi'(s) = a + b sgn(s), with phi'(0) = a (docs/theory.md T1.1). */
export function phiPrime(act: ActivationNumbers, s: number): number {
  return act.a + act.b * Math.sign(s);
}
