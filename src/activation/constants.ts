import { type Fraction, rationalLatex, rationalString, toNumber } from '../util/exact.js';

/**
 * The constants of phi(s) = a s + b|s| (Terjek & Gonzalez-Sanchez 2025, Sec. 3.1; docs/conventions.md),
 * in one place: exact rationals for the library's decisions, and the Float64 closed forms that the
 * registry's activation entries (formulas/activation.ts) use as their evaluators.
 */
export interface Coefficients<T> {
  readonly a: T;
  readonly b: T;
}

/** An exact quantity as the CLI and JSON show it: exact expression, its LaTeX, Float64 value. */
export interface ExactQuantity {
  readonly exact: string;
  readonly latex: string;
  readonly value: number;
  /** Registry id of the formula that produced it. */
  readonly formula: string;
}

/** An exact rational as an ExactQuantity. */
export function rationalQuantity(f: Fraction, formulaId: string): ExactQuantity {
  return { exact: rationalString(f), latex: rationalLatex(f), value: toNumber(f), formula: formulaId };
}

/** A_2 = a^2 + b^2 = E[phi(g)^2] = E[phi'(g)^2], exact. */
export function exactA2({ a, b }: Coefficients<Fraction>): Fraction {
  return a.mul(a).add(b.mul(b));
}

/** A_4 = a^4 + 6 a^2 b^2 + b^4 = ((a+b)^4 + (a-b)^4)/2, exact. */
export function exactA4({ a, b }: Coefficients<Fraction>): Fraction {
  const a2 = a.mul(a);
  const b2 = b.mul(b);
  return a2.mul(a2).add(a2.mul(b2).mul(6)).add(b2.mul(b2));
}

/** Delta_phi = b^2 / (a^2 + b^2) (Terjek & Gonzalez-Sanchez 2025, Sec. 3.1), exact. */
export function exactDelta(act: Coefficients<Fraction>): Fraction {
  return act.b.mul(act.b).div(exactA2(act));
}

/** Slope kurtosis r = A_4 / A_2^2, exact. */
export function slopeKurtosis(act: Coefficients<Fraction>): Fraction {
  const A2 = exactA2(act);
  return exactA4(act).div(A2.mul(A2));
}

/** The edge of chaos of the family: sigma_w^2 = 1/A_2 with sigma_b^2 = 0 (Terjek & Gonzalez-Sanchez 2025), exact. */
export function eocSigmaW2(act: Coefficients<Fraction>): Fraction {
  return exactA2(act).inverse();
}

/** Positive and negative slopes (PDLT's a_+ = a+b, a_- = a-b), exact. */
export function slopes({ a, b }: Coefficients<Fraction>): { positive: Fraction; negative: Fraction } {
  return { positive: a.add(b), negative: a.sub(b) };
}

/*
 * Float64 closed forms. Each performs the operations of its registry entry's expression string in
 * the same order (x ** k is Math.pow, as in mathjs), so that values are bit-for-bit those the string
 * gives; test/registry.test.ts checks each against its string.
 */

/** A_2 = a^2 + b^2 (activation/a2). */
export function a2Value({ a, b }: Coefficients<number>): number {
  return a ** 2 + b ** 2;
}

/** A_4 = a^4 + 6 a^2 b^2 + b^4 (activation/a4). */
export function a4Value({ a, b }: Coefficients<number>): number {
  return a ** 4 + 6 * a ** 2 * b ** 2 + b ** 4;
}

/** Delta_phi = b^2 / (a^2 + b^2) (activation/delta). */
export function deltaValue(v: Coefficients<number>): number {
  return v.b ** 2 / a2Value(v);
}

/** kappa_phi = (|a| + |b|) / sqrt(a^2 + b^2) = ||phi||_Lip / ||phi||_N(0,1) (activation/kappa). */
export function kappaValue(v: Coefficients<number>): number {
  return (Math.abs(v.a) + Math.abs(v.b)) / Math.sqrt(a2Value(v));
}

/** r = A_4 / A_2^2 (activation/r). */
export function rValue(v: Coefficients<number>): number {
  return a4Value(v) / a2Value(v) ** 2;
}

/** Edge-of-chaos sigma_w^2 = 1 / A_2 (Terjek & Gonzalez-Sanchez 2025, EOC initialization; activation/eoc-sigma-w2). */
export function eocSigmaW2Value(v: Coefficients<number>): number {
  return 1 / a2Value(v);
}

/** a_+ = a + b (activation/slope-positive). */
export function slopePositiveValue({ a, b }: Coefficients<number>): number {
  return a + b;
}

/** a_- = a - b (activation/slope-negative). */
export function slopeNegativeValue({ a, b }: Coefficients<number>): number {
  return a - b;
}

/** The Float64 view of exact coefficients, for the closed forms above. */
export function coefficientValues({ a, b }: Coefficients<Fraction>): Coefficients<number> {
  return { a: toNumber(a), b: toNumber(b) };
}
