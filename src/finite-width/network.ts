import { DomainError, InputError } from '../errors.js';
import type { NetworkSpec } from '../spec/network.js';
import { checkDepth } from '../spec/numbers.js';
import { Fraction } from '../util/exact.js';
import { checkExactSize, type Field } from './field.js';

/**
 * The one finite-width network the exact-moment engine understands, in canonical terms
 * (docs/conventions.md): a ReLU MLP with D weight layers, widths n_0..n_D with n_D = 1, a linear output,
 * biases present, initialised at 0 and trainable with gradient gain 1, Gaussian weights.
 *
 *   forward:  Var(W_hat^(l)_ij) = v_l, so E|x^(l)|^2 = (n_l v_l / 2) |x^(l-1)|^2 on hidden layers;
 *   NTK:      K(x,x) = sum_l (g_l |x^(l-1)|^2 + 1) |delta^(l)|^2, delta^(l) = dN/dy^(l),
 *
 * where g_l = v_l when the gradient is taken with respect to unit-variance weights (NTK
 * parameterisation) and g_l = 1 when it is taken with respect to W_hat itself (standard
 * parameterisation). ReLU'(0) = 0, as in PyTorch and JAX autodiff: after a completely inactive
 * hidden layer every later pre-activation is exactly 0 and only the output bias has a gradient.
 */
export interface ZeroBiasReluNet<T> {
  readonly widths: readonly number[];
  /** v_1..v_D (index l-1). */
  readonly forwardVariance: readonly T[];
  /** g_1..g_D (index l-1). */
  readonly weightGain: readonly T[];
  /** |x|_2^2 of the input. */
  readonly norm2: T;
}

/** Widths n_0..n_D: positive integers, at least one weight layer, scalar output. */
export function checkWidths(widths: readonly number[]): void {
  if (widths.length < 2)
    throw new InputError(
      `widths: give n_0,...,n_d with at least two entries (input and output), got ${widths.length}; e.g. --widths ` +
        `2,4,4,1`,
    );
  widths.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1)
      throw new InputError(`widths: entry ${i} is ${n}; every width must be a positive integer`);
  });
  checkDepth(widths.length - 1);
  if (widths[widths.length - 1] !== 1)
    throw new InputError(
      `widths: the output width n_d must be 1 (scalar output, hypothesis of Hanin & Nica 2019 Sec. 2), got ` +
        `${widths[widths.length - 1]}; e.g. --widths 2,4,4,1`,
    );
}

function checkNorm<T>(F: Field<T>, norm2: T): void {
  if (F.isZero(norm2))
    throw new InputError(
      'x = 0: the exact moments need x != 0 (with x = 0 and zero biases every layer is inactive and K = 1)',
    );
}

/**
 * Hanin & Nica 2019, Sec. 2, eqs. (2)-(5) (docs/theory.md H1; convention 'hanin-nica'):
 * W_hat^(i) = (2/n_{i-1})^{1/2} W^(i) on hidden layers, (1/n_{d-1})^{1/2} W^(d) at the output,
 * derivatives with respect to the unit-variance W, unscaled zero-initialised biases.
 */
export function haninNicaNet<T>(F: Field<T>, widths: readonly number[], norm2: T): ZeroBiasReluNet<T> {
  checkWidths(widths);
  checkExactSize(F, widths);
  checkNorm(F, norm2);
  const d = widths.length - 1;
  const v = Array.from({ length: d }, (_, i) => F.div(F.int(i + 1 < d ? 2 : 1), F.int(widths[i])));
  return { widths, forwardVariance: v, weightGain: v, norm2 };
}

/**
 * The Seleznova & Kutyniok 2022 experimental setup (docs/theory.md S1.1; convention
 * 'seleznova-kutyniok'): L hidden layers of width M, so canonical depth L + 1; standard
 * parameterisation W ~ N(0, sigma_w^2/fan_in) on every layer including the output; sigma_b = 0 with
 * trainable biases.
 */
export function seleznovaKutyniokNet<T>(
  F: Field<T>,
  sw2: T,
  L: number,
  M: number,
  n0: number,
  norm2: T,
): ZeroBiasReluNet<T> {
  for (const [name, v] of [
    ['depth L', L],
    ['width M', M],
    ['n0', n0],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`${name} must be a positive integer, got ${v}`);
  }
  checkDepth(L + 1);
  if (F.toNumber(sw2) <= 0) throw new InputError(`sigma_w^2 must be > 0, got ${F.toNumber(sw2)}`);
  checkNorm(F, norm2);
  const widths = [n0, ...Array.from({ length: L }, () => M), 1];
  checkExactSize(F, widths);
  const v = widths.slice(0, -1).map((n) => F.div(sw2, F.int(n)));
  return { widths, forwardVariance: v, weightGain: v.map(() => F.one), norm2 };
}

/** Which gradients K sums: all parameters, weights only (K_w) or biases only (K_b). */
export type Include = 'both' | 'weights' | 'biases';

/**
 * The canonical network of docs/conventions.md as a ZeroBiasReluNet: v_l = sigma_w,l^2/n_{l-1};
 * g_l = v_l (NTK parameterisation) or 1 (standard). Only what the exact representation covers is
 * accepted: ReLU (a = b = 1/2), biases absent or zero-initialised, a scalar output, all hidden
 * widths given. With biases absent, K is the weight part alone (include 'weights').
 */
export function fromNetworkSpec<T>(
  F: Field<T>,
  spec: NetworkSpec,
  n0: number,
  norm2: T,
): { net: ZeroBiasReluNet<T>; include: Include } {
  const { activation: act } = spec;
  if (!act.a.equals(new Fraction(1, 2)) || !act.b.equals(new Fraction(1, 2)))
    throw new DomainError(
      `the exact finite-width moments need ReLU (a = b = 1/2); got a = ${act.a.toFraction()}, b = ` +
        `${act.b.toFraction()}`,
    );
  if (spec.bias === 'present')
    throw new DomainError(
      'the exact finite-width moments need biases absent or initialised at 0 (--bias zero-init): the ' +
        'representation uses positive homogeneity, which sigma_b > 0 breaks',
    );
  if (spec.hiddenWidths === undefined)
    throw new InputError(
      `the exact finite-width moments need the hidden widths (--widths with ${spec.depth - 1} values)`,
    );
  const widths = [n0, ...spec.hiddenWidths, 1];
  checkWidths(widths);
  checkExactSize(F, widths);
  checkNorm(F, norm2);
  const v = spec.layers.map((layer, i) => F.div(F.lift(layer.sigmaW2), F.int(widths[i])));
  const g = spec.parameterization === 'ntk' ? v : v.map(() => F.one);
  return {
    net: { widths, forwardVariance: v, weightGain: g, norm2 },
    include: spec.bias === 'absent' ? 'weights' : 'both',
  };
}
