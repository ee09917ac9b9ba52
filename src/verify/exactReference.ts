import { DomainError } from '../errors.js';
import { ntkMean2, updateMoments } from '../finite-width/exactMoments.js';
import { floatField } from '../finite-width/field.js';
import { fromNetworkSpec } from '../finite-width/network.js';
import { diagonalKernels } from '../kernels/pair.js';
import { Fraction } from '../util/exact.js';
import type { RowNetwork } from './networkJson.js';
import { QUANTITIES, type QuantityName } from './quantities.js';

/**
 * Exact finite-width reference values (docs/validate.md, "References"): values that hold at every
 * width, so the row's |z| is the whole test. None is an infinite-width approximation.
 */
export interface ExactValue {
  readonly value: number;
  /** Which result gives it (a registry id and what it says). */
  readonly source: string;
}

const isRelu = (n: RowNetwork) =>
  n.spec.activation.a.equals(new Fraction(1, 2)) && n.spec.activation.b.equals(new Fraction(1, 2));

/**
 * Hanin-Nica / Seleznova-Kutyniok exact moments of K(x,x) (docs/theory.md H3.2,
 * finite-width/exactMoments.ts): ReLU, biases absent or zero-initialised, scalar output; second
 * moments need Gaussian weights, means any symmetric law. phi'(0) picks the inactive-layer case.
 */
function haninNica(q: QuantityName, n: RowNetwork, x: readonly number[]): ExactValue | undefined {
  if (!isRelu(n) || n.spec.bias === 'present') return undefined;
  const needsGaussian = q !== 'ntk_mean';
  if (needsGaussian && n.law !== 'gaussian') return undefined;
  if (q === 'ntk_update_mean' && n.spec.bias !== 'zero-init') return undefined;
  const F = floatField;
  const norm2 = x.reduce((s, v) => s + v * v, 0);
  if (norm2 === 0) return undefined;
  const { net, include } = fromNetworkSpec(F, n.spec, x.length, norm2);
  const options = { deadLayers: n.primeAtZero === 0 ? ('exact' as const) : ('canonical' as const) };
  const convention = `phi'(0) = ${n.primeAtZero === 0 ? '0' : '1/2'}`;
  if (q === 'ntk_update_mean')
    return {
      value: updateMoments(F, net, options).EdK,
      source: `exact: Hanin-Nica E[dK]/lambda (hanin-nica/update-mean), ${convention}`,
    };
  const { EK, EK2 } = ntkMean2(F, net, include, options);
  const values: Partial<Record<QuantityName, [number, string]>> = {
    ntk_mean: [EK, 'E[K] (hanin-nica/mean)'],
    ntk_second_moment: [EK2, 'E[K^2] (hanin-nica/second-moment)'],
    ntk_variance: [EK2 - EK * EK, 'E[K^2] - E[K]^2 (hanin-nica/second-moment)'],
    ntk_moment_ratio: [EK2 / (EK * EK), 'E[K^2]/E[K]^2 (hanin-nica/second-moment)'],
  };
  const v = values[q];
  return v && { value: v[0], source: `exact: Hanin-Nica ${v[1]}, ${convention}` };
}

/**
 * Exact values that hold for the whole family phi = a s + b|s| (docs/validate.md derives them):
 * - E[f(x)] = 0 (the output layer is symmetric);
 * - E[Sigma^(L)(x,x)] = E[f(x)^2] = the infinite-width NNGP diagonal, any biases, any symmetric
 *   weight law: E[phi(z)^2 | h] = A_2 E[z^2 | h] for symmetric z, so the layer norms' means follow
 *   the infinite-width recursion exactly;
 * - E[Theta(x,x)] = the infinite-width NTK diagonal without biases (finite-width/ntk-mean-correction,
 *   Guillen, Misof & Gerken 2025), Gaussian weights; not for |a| = |b| other than ReLU, where an
 *   inactive layer has positive probability and phi'(0) matters.
 */
function familyDiagonal(q: QuantityName, n: RowNetwork, x: readonly number[]): ExactValue | undefined {
  if (q === 'output_mean') return { value: 0, source: 'exact: E[f(x)] = 0 (symmetric output weights)' };
  const last = () => diagonalKernels(n.spec, x)[n.spec.depth - 1];
  if (q === 'nngp_mean' || q === 'output_second_moment')
    return {
      value: last().nngp,
      source: 'exact: E[Sigma^(L)(x,x)] = E[f(x)^2] = the NNGP recursion (layer norms are linear in mean)',
    };
  const { a, b } = n.spec.activation;
  const deadPossible = a.abs().equals(b.abs());
  if (q === 'ntk_mean' && n.spec.bias === 'absent' && n.law === 'gaussian' && !deadPossible)
    return {
      value: last().ntk,
      source: 'exact: bias-free E[Theta(x,x)] = the NTK recursion (finite-width/ntk-mean-correction)',
    };
  return undefined;
}

/** The exact finite-width value of a row's quantity, where ntkcalc has one. */
export function exactReference(
  q: QuantityName,
  n: RowNetwork,
  inputs: readonly (readonly number[])[],
  entry: readonly [number, number],
): ExactValue | undefined {
  if (entry[0] !== entry[1] && !QUANTITIES[q].diagonalOnly) return undefined;
  const x = inputs[entry[0]];
  try {
    return haninNica(q, n, x) ?? familyDiagonal(q, n, x);
  } catch (e) {
    // A network the exact engines refuse (e.g. beyond their depth) simply has no exact value.
    if (e instanceof DomainError) return undefined;
    throw e;
  }
}
