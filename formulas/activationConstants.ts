import type { ExactQuantity } from '../src/activation/constants.js';
import type { Activation } from '../src/activation/family.js';
import { toNumber } from '../src/util/exact.js';
import { formula } from './index.js';

/**
 * The constants of phi = a s + b|s| as the `constants` command and the API show them: each from its
 * registry entry (formulas/activation.ts), whose exact evaluator gives the exact expression and its
 * LaTeX (radicals such as kappa = (10/101)*sqrt(202) included) and whose Float64 evaluator is the
 * closed form in src/activation/constants.ts. Above the registry because the exact radicals come
 * from the symbolic layer (nerdamer, checked to 20 digits), which the library itself never loads.
 */
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
  const ex = f.exact!({ a: act.a, b: act.b });
  return {
    exact: ex.exact,
    latex: ex.latex,
    value: f.evaluate({ a: toNumber(act.a), b: toNumber(act.b) }),
    formula: id,
  };
}

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

/** The edge-of-chaos point sigma_w^2 = 1/A_2, sigma_b^2 = 0 (docs/conventions.md). */
export function eocPoint(act: Activation): EocPoint {
  return { sigma_w2: quantity('activation/eoc-sigma-w2', act), sigma_b2: quantity('activation/eoc-sigma-b2', act) };
}
