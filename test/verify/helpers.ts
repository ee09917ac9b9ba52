import { preset } from '../../src/activation/family.js';
import type { NetworkSpec } from '../../src/spec/network.js';
import { Fraction } from '../../src/util/exact.js';

/** Hanin-Nica-style ReLU network: sigma_w^2 = 2 on hidden layers and 1 at the output, zero-init biases. */
export function reluNet(depth: number, width: number): NetworkSpec {
  return {
    activation: preset('relu'),
    depth,
    parameterization: 'ntk',
    bias: 'zero-init',
    layers: Array.from({ length: depth }, (_, l) => ({
      sigmaW2: new Fraction(l === depth - 1 ? 1 : 2),
      sigmaB2: new Fraction(0),
    })),
    hiddenWidths: Array.from({ length: depth - 1 }, () => width),
  };
}
