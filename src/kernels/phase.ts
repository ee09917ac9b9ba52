import { exactA2, exactDelta } from '../activation/constants.js';
import type { Activation } from '../activation/family.js';
import { Fraction, toNumber } from '../util/exact.js';

/**
 * Phase of an initialisation (sigma_w^2, sigma_b^2) of phi = a s + b|s| (docs/conventions.md;
 * Poole et al. 2016 / Schoenholz et al. 2017 in this family's closed form).
 * For this positively homogeneous family E[phi'(u)^2] = A_2 for every variance, so
 * chi_1 = sigma_w^2 A_2 does not depend on q, and the variance map is affine:
 * q -> chi_1 q + sigma_b^2.
 */
export type Phase = 'ordered' | 'eoc' | 'chaotic';

export interface PhaseResult {
  readonly chi1: number;
  /** chi_1 as an exact rational string. */
  readonly chi1Exact: string;
  /** Fixed point of the variance map, when it is unique. */
  readonly qstar: number | null;
  readonly variance: 'converges' | 'preserved' | 'grows without bound';
  readonly varianceNote: string;
  readonly phase: Phase;
  readonly rule: string;
  /** Depth scale xi of correlation propagation, 1 - rho_l ~ exp(-l/xi), when finite. */
  readonly correlationDepthScale: number | null;
  readonly correlationNote: string;
  /** 1/|ln chi_1|: depth over which the variance changes by a factor e (null at chi_1 = 1). */
  readonly varianceDepthScale: number | null;
}

export const PHASE_RULE =
  'chi_1 = sigma_w^2 A_2 (the slope of the correlation map at rho = 1, independent of q for phi = a s + b|s|): < 1 ' +
  'ordered, = 1 edge of chaos, > 1 chaotic';

export function phaseOf(act: Activation, sigmaW2: Fraction, sigmaB2: Fraction): PhaseResult {
  const chi = sigmaW2.mul(exactA2(act));
  const chi1 = toNumber(chi);
  const sb2 = toNumber(sigmaB2);
  const cmp = chi.compare(1);
  const phase: Phase = cmp < 0 ? 'ordered' : cmp === 0 ? 'eoc' : 'chaotic';
  const Delta = toNumber(exactDelta(act));

  let qstar: number | null;
  let variance: PhaseResult['variance'];
  let varianceNote: string;
  if (cmp < 0) {
    qstar = toNumber(sigmaB2.div(new Fraction(1).sub(chi)));
    variance = 'converges';
    varianceNote = `q* = sigma_b^2/(1 - chi_1)${sb2 === 0 ? ' = 0: the signal dies out like chi_1^l' : ''}`;
  } else if (cmp === 0 && sb2 === 0) {
    qstar = null;
    variance = 'preserved';
    varianceNote = 'every q is a fixed point: the variance is preserved exactly at every layer';
  } else {
    qstar = null;
    variance = 'grows without bound';
    varianceNote =
      cmp === 0
        ? 'none: the variance grows without bound (linearly in depth, by sigma_b^2 per layer)'
        : 'none: the variance grows without bound (like chi_1^l)';
  }

  let correlationDepthScale: number | null = null;
  let correlationNote: string;
  if (Delta === 0) {
    correlationNote =
      sb2 === 0
        ? 'phi is linear: cosines never change with depth'
        : 'phi is linear: cosines move only through the bias';
    if (sb2 > 0 && cmp < 0) {
      correlationDepthScale = -1 / Math.log(chi1);
      correlationNote = 'phi is linear: cosines approach 1 like chi_1^l through the bias';
    }
  } else if (sb2 > 0 && cmp < 0) {
    correlationDepthScale = -1 / Math.log(chi1);
    correlationNote = 'xi = -1/ln chi_1: 1 - rho_l decays like chi_1^l towards the fixed point rho* = 1';
  } else if (sb2 === 0) {
    correlationNote =
      `no bias: the correlation map is varrho_Delta whatever sigma_w^2 is, so 1 - rho_l ~ 9 ` +
      `pi^2/(8 Delta^2 l^2) (polynomial, no finite depth scale)`;
  } else {
    correlationNote =
      'the variance grows, the bias fades, and 1 - rho_l decays polynomially as at the EOC (no finite depth scale)';
  }
  return {
    chi1,
    chi1Exact: chi.toFraction(),
    qstar,
    variance,
    varianceNote,
    phase,
    rule: PHASE_RULE,
    correlationDepthScale,
    correlationNote,
    varianceDepthScale: cmp === 0 ? null : 1 / Math.abs(Math.log(chi1)),
  };
}
