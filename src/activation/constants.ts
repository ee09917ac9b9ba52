import { formula } from '../../formulas/index.js';
import { type Fraction, rationalLatex, rationalString, toNumber } from '../util/exact.js';
import type { Activation } from './family.js';

/** An exact quantity as the CLI and JSON show it: exact expression, its LaTeX, Float64 value. */
export interface ExactQuantity {
  readonly exact: string;
  readonly latex: string;
  readonly value: number;
  /** Registry id of the formula that produced it. */
  readonly formula: string;
}

export interface ActivationConstants {
  readonly Delta: ExactQuantity;
  readonly kappa: ExactQuantity;
  readonly A2: ExactQuantity;
  readonly A4: ExactQuantity;
  readonly r: ExactQuantity;
  readonly slopePositive: ExactQuantity;
  readonly slopeNegative: ExactQuantity;
}

export interface EocPoint {
  readonly sigma_w2: ExactQuantity;
  readonly sigma_b2: ExactQuantity;
}

function quantity(id: string, act: Activation): ExactQuantity {
  const f = formula(id);
  const scope = { a: act.a, b: act.b };
  const ex = f.exact!(scope);
  return {
    exact: ex.exact,
    latex: ex.latex,
    value: f.evaluate({ a: toNumber(act.a), b: toNumber(act.b) }),
    formula: id,
  };
}

/** Constants of phi = a s + b|s| from the registry's closed forms (formulas/activation.ts). */
export function activationConstants(act: Activation): ActivationConstants {
  return {
    Delta: quantity('activation/delta', act),
    kappa: quantity('activation/kappa', act),
    A2: quantity('activation/a2', act),
    A4: quantity('activation/a4', act),
    r: quantity('activation/r', act),
    slopePositive: quantity('activation/slope-positive', act),
    slopeNegative: quantity('activation/slope-negative', act),
  };
}

/** The edge-of-chaos point sigma_w^2 = 1/A_2, sigma_b^2 = 0 (conventions.md). */
export function eocPoint(act: Activation): EocPoint {
  return { sigma_w2: quantity('activation/eoc-sigma-w2', act), sigma_b2: quantity('activation/eoc-sigma-b2', act) };
}

/** An exact rational as an ExactQuantity (for parameters the user gave exactly). */
export function rationalQuantity(f: Fraction, formulaId: string): ExactQuantity {
  return { exact: rationalString(f), latex: rationalLatex(f), value: toNumber(f), formula: formulaId };
}

/** A2 = a^2 + b^2 as an exact rational (used where exact comparisons decide an outcome). */
export function exactA2(act: Activation): Fraction {
  return act.a.mul(act.a).add(act.b.mul(act.b));
}
