import { preset } from '../src/activation/family.js';
import type { NetworkSpec } from '../src/spec/network.js';
import { Fraction } from '../src/util/exact.js';

/**
 * The network every benchmark times: ReLU at the EOC (sigma_w^2 = 2), NTK parameterization, with
 * sigma_b^2 = 0.01 so the bias branches run, or without biases (the numpy reference's setting).
 */
export function reluBenchSpec(depth: number, options: { hiddenWidth?: number; bias?: boolean } = {}): NetworkSpec {
  const bias = options.bias ?? true;
  return {
    activation: preset('relu'),
    depth,
    parameterization: 'ntk',
    bias: bias ? 'present' : 'absent',
    layers: Array.from({ length: depth }, () => ({
      sigmaW2: new Fraction(2),
      sigmaB2: new Fraction(bias ? 1 : 0, 100),
    })),
    ...(options.hiddenWidth === undefined
      ? {}
      : { hiddenWidths: Array.from({ length: depth - 1 }, () => options.hiddenWidth!) }),
  };
}
