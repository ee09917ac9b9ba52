import type { Activation } from '../activation/family.js';
import type { Fraction } from '../util/exact.js';

/**
 * One validated description of the canonical network (docs/conventions.md, "Canonical network").
 * Every command and library function works from this; paper conventions are mapped onto it.
 */
export type Parameterization = 'ntk' | 'standard';

/**
 * absent: no biases. present: trainable, initialised N(0, sigma_b^2) (NTK param.: sigma_b beta).
 * zero-init: trainable, initialised at 0, gradient multiplier 1 (Hanin-Nica; Seleznova-Kutyniok).
 */
export type BiasMode = 'absent' | 'present' | 'zero-init';

/** The law of the weights of a sampled network (variance 1 before the gain; uniform has mu_4 = 9/5). */
export type WeightLaw = 'gaussian' | 'uniform';

/** ReLU'(0), which matters to the exact finite-width engine only when a whole hidden layer is inactive. */
export type ReluPrimeAtZero = '0' | '1/2';

export interface LayerSpec {
  /** sigma_w,l^2: the weight gain of layer l (variance sigma_w^2 / n_{l-1} per entry). */
  readonly sigmaW2: Fraction;
  /** sigma_b,l^2: the bias variance of layer l (0 when biases are absent or zero-initialised). */
  readonly sigmaB2: Fraction;
}

export interface NetworkSpec {
  readonly activation: Activation;
  /** Number of weight layers L (L - 1 hidden layers). */
  readonly depth: number;
  readonly parameterization: Parameterization;
  readonly bias: BiasMode;
  /** One entry per weight layer, l = 1..L. */
  readonly layers: readonly LayerSpec[];
  /** Hidden widths n_1..n_{L-1}, where a result depends on them (standard-param. NTK, simulations). */
  readonly hiddenWidths?: readonly number[];
  /** The weight law, where a result depends on it (simulations, fourth moments). */
  readonly weights?: WeightLaw;
  /** ReLU'(0), where a result depends on it (the exact Hanin-Nica engine). */
  readonly reluPrimeAt0?: ReluPrimeAtZero;
}
