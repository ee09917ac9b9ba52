import { preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { type Phase, phaseOf } from '../kernels/phase.js';
import { Fraction } from '../util/exact.js';
import { type EngineOptions, ntkMean2 } from './exactMoments.js';
import { type Field, finiteOrThrow, floatField, reported } from './field.js';
import type { Include } from './network.js';
import { seleznovaKutyniokNet } from './network.js';

/**
 * NTK dispersion D = E[K^2]/E[K]^2 in the Seleznova & Kutyniok 2022 setup (convention
 * 'seleznova-kutyniok': L hidden layers of width M, standard parameterisation, sigma_b = 0 with
 * trainable biases). Everything here is derived in docs/theory.md S3 (the paper's text
 * was not available), not transcribed from the paper.
 */

export type { Include };

export interface Dispersion<T> {
  readonly EK: T;
  readonly EK2: T;
  readonly D: T;
}

/** Exact finite (L, M) moments and D (docs/theory.md S3.1-3.4), dead layers included. */
export function skDispersion<T>(
  F: Field<T>,
  sw2: T,
  L: number,
  M: number,
  n0: number,
  norm2: T,
  include: Include = 'both',
  options: EngineOptions = {},
): Dispersion<T> {
  const { EK, EK2 } = ntkMean2(F, seleznovaKutyniokNet(F, sw2, L, M, n0, norm2), include, options);
  finiteOrThrow(F, EK2, 'E[K^2]');
  return { EK, EK2, D: F.div(EK2, F.mul(EK, EK)) };
}

/** ReLU phase with sigma_b = 0 (docs/theory.md S2): c = sigma_w^2/2 < 1 ordered, = 1 EOC, > 1 chaotic. */
export function skPhase(sw2: Fraction): Phase {
  return phaseOf(preset('relu'), sw2, new Fraction(0)).phase;
}

/**
 * Ordered phase, fixed M, L -> infinity (docs/theory.md S3.6 a):
 * D_ord = M(4 - s^2)/(M(4 - s^2) - 5 s^2), s = sigma_w^2, finite iff c^2 (1 + 5/M) < 1; null otherwise
 * (D grows without bound). It is the limit of the automaton without the inactive-layer event, i.e.
 * for 1 << L << 2^M: at fixed M every layer is eventually inactive and the exact D tends to 1.
 */
export function orderedLimit<T>(F: Field<T>, sw2: T, M: number): T | null {
  const s2 = F.mul(sw2, sw2);
  const a = F.mul(F.int(M), F.sub(F.int(4), s2));
  const den = F.sub(a, F.mul(F.int(5), s2));
  if (F.toNumber(den) <= 0 || F.toNumber(sw2) >= 2) return null;
  return F.div(a, den);
}

/** sigma_w^2 below which D stays bounded as L -> infinity at width M: 2 sqrt(M/(M+5)) (Sec. 2). */
export function finiteWidthThreshold(M: number): number {
  return 2 * Math.sqrt(M / (M + 5));
}

/**
 * X(lambda)/lambda^2 for X = sum_{n>=2} c_n lambda^n / den: the power series for lambda <= 1 (the
 * closed forms cancel to 0/0 as lambda -> 0), the closed form above.
 */
function scaled(lambda: number, coef: (n: number) => number, den: number, closed: (l: number) => number): number {
  if (lambda > 1) return closed(lambda) / den / (lambda * lambda);
  let sum = 0;
  let pow = 1;
  for (let n = 2; n < 60; n++) {
    sum += coef(n) * pow;
    pow *= lambda;
  }
  return sum / den;
}

const term = (base: number, n: number) => {
  if (n < 0) return 0;
  let t = 1;
  for (let k = 1; k <= n; k++) t *= base / k;
  return t;
};

/** W(lambda)/lambda^2 = [(9 l^2 + 6 l - 1) e^{5l} + e^{-l}]/(27 l^2): weights-only D (Sec. 3.6 b). */
export function weightsLimit(lambda: number): number {
  return scaled(
    lambda,
    (n) => 9 * term(5, n - 2) + 6 * term(5, n - 1) - term(5, n) + term(-1, n),
    27,
    (l) => (9 * l * l + 6 * l - 1) * Math.exp(5 * l) + Math.exp(-l),
  );
}

/** C(lambda)/lambda^2 = [(15 l + 11) e^{5l} - 45 l - 36 + 25 e^{-l}]/(225 l^2): weight-bias cross term. */
export function crossLimit(lambda: number): number {
  return scaled(
    lambda,
    (n) => 15 * term(5, n - 1) + 11 * term(5, n) + 25 * term(-1, n),
    225,
    (l) => (15 * l + 11) * Math.exp(5 * l) - 45 * l - 36 + 25 * Math.exp(-l),
  );
}

/** B(lambda)/lambda^2 = 2(e^{5l} - 1 - 5l)/(25 l^2): biases-only D. */
export function biasesLimit(lambda: number): number {
  return scaled(
    lambda,
    (n) => 2 * term(5, n),
    25,
    (l) => 2 * (Math.exp(5 * l) - 1 - 5 * l),
  );
}

export interface EocLimit {
  readonly lambda: number;
  readonly omega: number;
  /** D_EOC(lambda, omega) = [omega^2 W + 2 omega C + B]/[lambda^2 (1 + omega)^2]. */
  readonly D: number;
  readonly weightsOnly: number;
  readonly biasesOnly: number;
  /** C/lambda^2 = lim E[K_w K_b]/(E K_w E K_b). */
  readonly cross: number;
  readonly exp5lambda: number;
}

function checkLambda(lambda: number, omega: number): void {
  if (!(lambda > 0) || !Number.isFinite(lambda))
    throw new InputError(`lambda = L/M must be a positive number, got ${lambda}`);
  if (!(omega >= 0)) throw new InputError(`omega = lim |x|^2 M/n0 must be >= 0 (or Infinity), got ${omega}`);
}

/**
 * EOC joint limit L, M -> infinity, L/M -> lambda, |x|^2 M/n0 -> omega (docs/theory.md part S
 * Sec. 3.6 b); omega = Infinity is weights only, omega = 0 biases only; the authors' code has omega = 1.
 */
export function eocLimit(lambda: number, omega = 1): EocLimit {
  checkLambda(lambda, omega);
  const W = weightsLimit(lambda);
  const B = biasesLimit(lambda);
  const C = crossLimit(lambda);
  const D = omega === Infinity ? W : (omega * omega * W + 2 * omega * C + B) / ((1 + omega) * (1 + omega));
  return { lambda, omega, D, weightsOnly: W, biasesOnly: B, cross: C, exp5lambda: Math.exp(5 * lambda) };
}

/** Chaotic phase joint limit, any sigma_w^2 > 2 and omega > 0: the weights-only D_w (Sec. 3.6 c). */
export function chaoticLimit(lambda: number): number {
  checkLambda(lambda, 1);
  return weightsLimit(lambda);
}

/**
 * Near-critical double scaling sigma_w^2 = 2(1 + a/M), L/M -> lambda (docs/theory.md S3.6
 * (e), an extension, not from the paper). A closed form in a has removable
 * singularities, so this is the exact DP (Float64) at widths M and 2M, Richardson-extrapolated
 * using its O(1/M) convergence; lambda is rounded to a multiple of 1/M.
 */
export function nearCriticalLimit(a: number, lambda: number, omega = 1, M = 800): number {
  checkLambda(lambda, omega);
  if (!Number.isFinite(omega) || omega === 0) throw new InputError('the near-critical limit needs a finite omega > 0');
  const at = (m: number) => {
    const L = Math.max(1, Math.round(lambda * m));
    return skDispersion(floatField, 2 * (1 + a / m), L, m, m, omega).D;
  };
  return 2 * at(2 * M) - at(M);
}

export interface SkLimit {
  readonly kind: string;
  readonly formula: string | null;
  readonly D: { exact: string | null; value: number } | null;
  readonly note: string;
  readonly lambda?: number;
  readonly omega?: number;
}

/**
 * The limit a finite (L, M) point approaches, by phase and by which gradients K sums
 * (docs/theory.md S3.6 a-c; convention 'seleznova-kutyniok'): lambda = L/M,
 * omega = |x|^2 M/n0.
 */
export function skLimit<T>(
  F: Field<T>,
  phase: Phase,
  inc: Include,
  sw2: T,
  L: number,
  M: number,
  n0: number,
  norm2: number,
): SkLimit {
  const lambda = L / M;
  const omega = (norm2 * M) / n0;
  if (inc === 'weights') {
    return {
      kind: 'joint limit L, M -> infinity, L/M -> lambda (weights only: the same in every phase)',
      formula: 'seleznova-kutyniok/weights-limit',
      lambda,
      D: { exact: null, value: chaoticLimit(lambda) },
      note: 'the weights-only dispersion does not depend on sigma_w',
    };
  }
  if (phase === 'ordered') {
    const D = orderedLimit(F, sw2, M);
    const threshold = finiteWidthThreshold(M);
    return {
      kind: 'ordered phase, fixed width M, depth L -> infinity',
      formula: 'seleznova-kutyniok/ordered-limit',
      D: D === null ? null : reported(F, D),
      note:
        D === null
          ? `unbounded: sigma_w^2 >= 2 sqrt(M/(M+5)) = ${threshold.toPrecision(8)}, so D grows without bound with ` +
            `depth at this width although the phase is ordered`
          : `limit for 1 << L << 2^M (at fixed M every layer is eventually inactive and D -> 1); tends to 1 as M ` +
            `-> infinity`,
    };
  }
  if (phase === 'eoc') {
    const e = eocLimit(lambda, inc === 'biases' ? 0 : omega);
    return {
      kind: 'edge of chaos, joint limit L, M -> infinity, L/M -> lambda, |x|^2 M/n0 -> omega',
      formula: 'seleznova-kutyniok/eoc-limit',
      lambda,
      omega: inc === 'biases' ? 0 : omega,
      D: { exact: null, value: e.D },
      note: `exp(5 lambda) = ${e.exp5lambda.toPrecision(8)} for comparison: the growth rate, not the value`,
    };
  }
  if (inc === 'biases')
    return {
      kind: 'chaotic phase, biases only',
      formula: null,
      D: null,
      note: 'no joint limit is derived for the bias part alone in the chaotic phase',
    };
  return {
    kind: 'chaotic phase, joint limit L, M -> infinity, L/M -> lambda (any sigma_w^2 > 2, omega > 0)',
    formula: 'seleznova-kutyniok/chaotic-limit',
    lambda,
    D: { exact: null, value: chaoticLimit(lambda) },
    note: 'independent of sigma_w; at finite size the bias part still matters',
  };
}

/** The authors' dispersion grid (docs/theory.md S1.1, 6.2): M = n0 = 100, |x| = 1, L = 1..49. */
export const AUTHORS_GRID = {
  M: 100,
  n0: 100,
  depths: Array.from({ length: 49 }, (_, i) => i + 1),
  sw2: ['0.5', '1.0', '1.5', '1.8', '1.9', '2.0', '2.1', '2.2', '2.5', '3.0', '3.5'],
} as const;
