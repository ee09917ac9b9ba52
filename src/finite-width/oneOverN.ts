import { type ExactQuantity, rationalQuantity, slopeKurtosis } from '../activation/constants.js';
import type { Activation } from '../activation/family.js';
import { exactField, type Field, floatField } from './field.js';

/**
 * The 1/n corrections (Roberts, Yaida & Hanin 2022) for one activation and depth, closed forms in (r, L):
 * the vertex coefficient (3r - 1)(L - 1), the NTK variance coefficient c(r, L), and the (vanishing)
 * correction to the mean. Canonical convention at criticality. Each Float64 closed form below is
 * its registry entry's evaluator (formulas/finite-width.ts); the exact values are rationals.
 */
export interface OneOverN {
  readonly r: ExactQuantity;
  readonly vertexCoefficient: ExactQuantity;
  readonly ntkVarianceCoefficient: ExactQuantity;
  readonly meanCorrection: ExactQuantity;
}

/**
 * n V^(L)/(n K^2) = (3r - 1)(L - 1) (PDLT four-point vertex at criticality; finite-width/vertex),
 * in Float64 or exactly: the same operations in either field.
 */
export function vertexCoefficient<T>(F: Field<T>, r: T, L: T): T {
  return F.mul(F.sub(F.mul(F.int(3), r), F.one), F.sub(L, F.one));
}

/**
 * c(r, L) = (7r - 3)(L - 1)(2L - 1)/(6L) + (r - 1)(L - 1)/(2L), with Var[Theta]/E[Theta]^2 = c/n
 * (PDLT NTK recursions summed in closed form, derived in docs/finite-width.md; finite-width/ntk-variance).
 */
export function ntkVarianceCoefficient<T>(F: Field<T>, r: T, L: T): T {
  const Lm1 = F.sub(L, F.one);
  const first = F.div(
    F.mul(F.mul(F.sub(F.mul(F.int(7), r), F.int(3)), Lm1), F.sub(F.mul(F.int(2), L), F.one)),
    F.mul(F.int(6), L),
  );
  return F.add(first, F.div(F.mul(F.sub(r, F.one), Lm1), F.mul(F.int(2), L)));
}

/** E[Theta^(L)(x,x)] - L K = 0 (Guillen, Misof & Gerken 2025; finite-width/ntk-mean-correction). */
export function ntkMeanCorrection<T>(F: Field<T>, L: T): T {
  return F.mul(F.zero, L);
}

/** A closed form evaluated exactly and, for its value, in Float64 as its registry entry does. */
function quantity(formulaId: string, closedForm: <T>(F: Field<T>) => T): ExactQuantity {
  return { ...rationalQuantity(closedForm(exactField), formulaId), value: closedForm(floatField) };
}

export function oneOverNCorrections(act: Activation, depth: number): OneOverN {
  const r = slopeKurtosis(act);
  return {
    r: rationalQuantity(r, 'activation/r'),
    vertexCoefficient: quantity('finite-width/vertex', (F) => vertexCoefficient(F, F.lift(r), F.int(depth))),
    ntkVarianceCoefficient: quantity('finite-width/ntk-variance', (F) =>
      ntkVarianceCoefficient(F, F.lift(r), F.int(depth)),
    ),
    meanCorrection: quantity('finite-width/ntk-mean-correction', (F) => ntkMeanCorrection(F, F.int(depth))),
  };
}
