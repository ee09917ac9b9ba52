import { eocSigmaW2, exactDelta } from '../activation/constants.js';
import { DomainError } from '../errors.js';
import type { NetworkSpec } from '../spec/network.js';
import type { PairLayer } from './pair.js';

/**
 * Depth asymptotics beside the exact recursion, valid at the EOC of the Terjek convention
 * (docs/theory.md T2.4 and 4.1): 1 - rho_l ~ 9 pi^2/(8 Delta^2 l^2), and the inverse-cosine-distance
 * upper approximation u_l <= (3 pi/(16 Delta)) w_l - 1/8 with w_l = ((1 - rho_l)/2)^(-1/2).
 */
export interface PairAsymptotics {
  readonly layer: number;
  /** Exact 1 - rho_l of Sigma^(l) (from the z-form recursion). */
  readonly oneMinusCosine: number;
  /** 9 pi^2 / (8 Delta^2 l^2). */
  readonly oneMinusCosineAsymptotic: number;
  /** The ICD approximation of Theta^(l)(x,y) in the canonical convention, null on the diagonal or at l = 1. */
  readonly ntkIcdApproximation: number | null;
}

/** Why the EOC asymptotics do not apply to this spec, or undefined when they do. */
export function eocAsymptoticsObstacle(spec: NetworkSpec): string | undefined {
  const eoc = eocSigmaW2(spec.activation);
  if (spec.activation.b.equals(0))
    return 'Delta_phi = 0 (linear): the cosine never moves and the asymptotics divide by Delta_phi';
  if (spec.parameterization !== 'ntk') return 'the asymptotics are stated for the NTK parameterization';
  if (spec.bias !== 'absent')
    return 'the asymptotics are stated without biases (the EOC of this family has sigma_b^2 = 0)';
  if (!spec.layers.every((l) => l.sigmaW2.equals(eoc)))
    return `the asymptotics hold at the edge of chaos, sigma_w^2 = 1/A_2 = ${eoc.toFraction()} on every layer`;
  return undefined;
}

export function pairAsymptotics(
  spec: NetworkSpec,
  layers: readonly PairLayer[],
  normProduct: number,
  inputDim: number,
): PairAsymptotics[] {
  const obstacle = eocAsymptoticsObstacle(spec);
  if (obstacle) throw new DomainError(`depth asymptotics not available: ${obstacle}`);
  const Delta = exactDelta(spec.activation).valueOf();
  const sigma2 = spec.layers[0].sigmaW2.valueOf();
  return layers.map((p) => ({
    layer: p.layer,
    oneMinusCosine: 2 * p.cosineDistance,
    oneMinusCosineAsymptotic: oneMinusCosineAsymptotic(Delta, p.layer),
    ntkIcdApproximation:
      p.layer >= 2 && p.cosineDistance > 0
        ? ((sigma2 * normProduct) / inputDim) * icdApproximation(1 / Math.sqrt(p.cosineDistance), Delta)
        : null,
  }));
}

/**
 * 1 - rho_l ~ 9 pi^2 / (8 Delta^2 l^2), Terjek convention (arXiv 2501.13225, from Prop. 13;
 * terjek/depth-asymptotic-distance).
 */
export function oneMinusCosineAsymptotic(Delta: number, l: number): number {
  return (9 * Math.PI ** 2) / (8 * Delta ** 2 * l ** 2);
}

/**
 * u_l <= (3 pi / (16 Delta)) w - 1/8, the inverse-cosine-distance approximation of the EOC NTK,
 * Terjek convention (arXiv 2501.13225 Prop. 14; terjek/icd-approximation).
 */
export function icdApproximation(w: number, Delta: number): number {
  return ((3 * Math.PI) / (16 * Delta)) * w - 1 / 8;
}
