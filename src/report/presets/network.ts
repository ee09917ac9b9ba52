import { eocSigmaW2 } from '../../activation/constants.js';
import type { Activation } from '../../activation/family.js';
import type { NetworkSpec } from '../../spec/network.js';
import { Fraction } from '../../util/exact.js';

/** The canonical network at the edge of chaos: NTK parameterisation, sigma_w^2 = 1/A_2, no biases. */
export function eocNetwork(activation: Activation, depth: number, width?: number): NetworkSpec {
  const sigmaW2 = eocSigmaW2(activation);
  return {
    activation,
    depth,
    parameterization: 'ntk',
    bias: 'absent',
    layers: Array.from({ length: depth }, () => ({ sigmaW2, sigmaB2: new Fraction(0) })),
    hiddenWidths: width === undefined ? undefined : Array.from({ length: depth - 1 }, () => width),
  };
}

export const EOC_CONVENTION =
  'canonical network at the edge of chaos: NTK parameterisation, sigma_w^2 = 1/A_2 on every layer, no biases';
