import { preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { specJson } from '../spec/json.js';
import { jsonNaming } from '../spec/naming.js';
import type { NetworkSpec, WeightLaw } from '../spec/network.js';
import { type NetworkInput, networkInput, parseNetworkWith } from '../spec/schema.js';

/**
 * The `network` of a results row is the network schema of src/spec (docs/spec.md), the object
 * ntkcalc's own --json outputs carry under `spec`, with the weight law and ReLU'(0). This module
 * only adds what validation needs on top: an activation outside the family is a reason a row is
 * not checkable rather than a malformed file.
 */
export { networkInput as networkSchema };
export type NetworkJson = NetworkInput;

/** What the validator works from: the canonical spec, the weight law and phi'(0). */
export interface RowNetwork {
  readonly spec: NetworkSpec;
  readonly law: WeightLaw;
  /** phi'(0) the user's simulation used: 'a' (canonical, the sampler's) or 0 (PyTorch/JAX). */
  readonly primeAtZero: 'a' | 0;
}

/** The reason a named activation is outside phi = a s + b|s|, if it is. */
export function outsideFamily(n: NetworkJson): string | undefined {
  if (typeof n.activation !== 'string') return undefined;
  try {
    preset(n.activation);
    return undefined;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return `activation "${n.activation}" is outside the family phi(s) = a s + b|s| that ntkcalc's theory covers`;
  }
}

/** The network's problem as "network.field: what is wrong", or undefined when it parses. */
export function networkProblem(n: NetworkJson): string | undefined {
  if (outsideFamily(n)) return undefined;
  try {
    parseNetworkWith(jsonNaming('network'), n, 'network');
    return undefined;
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

/** The canonical spec of a checked network, or why it is outside the family. */
export function rowNetwork(n: NetworkJson): RowNetwork | { outside: string } {
  const outside = outsideFamily(n);
  if (outside) return { outside };
  const spec = parseNetworkWith(jsonNaming('network'), n, 'network');
  return { spec, law: spec.weights ?? 'gaussian', primeAtZero: spec.reluPrimeAt0 === '0' ? 0 : 'a' };
}

/** The results-file form of a spec (what simulate --json writes under `spec`, with the law). */
export function networkJsonOf(spec: NetworkSpec, law: WeightLaw): NetworkJson {
  return specJson({ ...spec, weights: law });
}
