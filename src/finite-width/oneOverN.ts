import { formula } from '../../formulas/index.js';
import { type ExactQuantity, exactA2 } from '../activation/constants.js';
import type { Activation } from '../activation/family.js';
import { Fraction, toNumber } from '../util/exact.js';

/**
 * The 1/n corrections of finite-width.md for one activation and depth, from the registry's closed
 * forms in (r, L): the vertex coefficient (3r - 1)(L - 1), the NTK variance coefficient c(r, L),
 * and the (vanishing) correction to the mean. Canonical convention at criticality.
 */
export interface OneOverN {
  readonly r: ExactQuantity;
  readonly vertexCoefficient: ExactQuantity;
  readonly ntkVarianceCoefficient: ExactQuantity;
  readonly meanCorrection: ExactQuantity;
  /** Statements of the two coefficients as formulas in r and L. */
  readonly statements: { readonly vertex: string; readonly ntkVariance: string };
}

function evaluate(id: string, scope: Record<string, Fraction>): ExactQuantity {
  const f = formula(id);
  const ex = f.exact!(scope);
  const value = f.evaluate(Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, toNumber(v)])));
  return { exact: ex.exact, latex: ex.latex, value, formula: id };
}

/** r = A_4 / A_2^2 as an exact rational. */
export function slopeKurtosis(act: Activation): Fraction {
  const a2 = act.a.mul(act.a);
  const b2 = act.b.mul(act.b);
  const A4 = a2.mul(a2).add(a2.mul(b2).mul(6)).add(b2.mul(b2));
  const A2 = exactA2(act);
  return A4.div(A2.mul(A2));
}

export function oneOverNCorrections(act: Activation, depth: number): OneOverN {
  const r = slopeKurtosis(act);
  const scope = { r, L: new Fraction(depth) };
  return {
    r: {
      exact: r.toFraction(),
      latex: r.d === 1n ? String(r.n) : `\\frac{${r.n}}{${r.d}}`,
      value: toNumber(r),
      formula: 'activation/r',
    },
    vertexCoefficient: evaluate('finite-width/vertex', scope),
    ntkVarianceCoefficient: evaluate('finite-width/ntk-variance', scope),
    meanCorrection: evaluate('finite-width/ntk-mean-correction', { L: scope.L }),
    statements: {
      vertex: formula('finite-width/vertex').latex,
      ntkVariance: formula('finite-width/ntk-variance').latex,
    },
  };
}
