import type { NetworkSpec } from './network.js';

/**
 * The network as every --json output carries it under `spec` (exact parameters as fraction
 * strings): the output form of the network schema (schema.ts), so it parses back to the same network.
 */
export function specJson(spec: NetworkSpec) {
  return {
    activation: { name: spec.activation.name, a: spec.activation.a.toFraction(), b: spec.activation.b.toFraction() },
    depth: spec.depth,
    parameterization: spec.parameterization,
    bias: spec.bias,
    sigma_w2: spec.layers.map((l) => l.sigmaW2.toFraction()),
    sigma_b2: spec.layers.map((l) => l.sigmaB2.toFraction()),
    ...(spec.hiddenWidths ? { hidden_widths: [...spec.hiddenWidths] } : {}),
    ...(spec.weights ? { weights: spec.weights } : {}),
    ...(spec.reluPrimeAt0 ? { relu_prime_at_0: spec.reluPrimeAt0 } : {}),
  };
}

export type NetworkJson = ReturnType<typeof specJson>;
