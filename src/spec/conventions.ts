import { eocSigmaW2 } from '../activation/constants.js';
import { type Activation, abrelu, fromCoefficients, preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { Fraction } from '../util/exact.js';
import type { NetworkSpec, Parameterization } from './network.js';

/**
 * Converters from each paper's network onto the canonical NetworkSpec (docs/conventions.md, "Map from
 * each paper"). Each returns the spec and, where the paper's kernel differs from the canonical
 * one by a known factor, that factor, so a value in the paper's convention is
 * paperValue = factor * canonicalValue.
 */
export interface Converted {
  readonly spec: NetworkSpec;
  /** Multiply the canonical NTK by this to get the paper's (1 when they agree). */
  readonly ntkFactor: number;
  /** Multiply the paper's inputs by this before giving them to the canonical network. */
  readonly inputScale: number;
  readonly note: string;
}

function uniform(depth: number, sw2: Fraction[] | Fraction, sb2 = new Fraction(0)) {
  return Array.from({ length: depth }, (_, l) => ({ sigmaW2: Array.isArray(sw2) ? sw2[l] : sw2, sigmaB2: sb2 }));
}

/**
 * Terjek & Gonzalez-Sanchez 2025 (docs/theory.md T1.2): sigma^2 = 1/(a^2+b^2) on every layer, no biases,
 * no 1/sqrt(m_0) at the input: K_T(x,x') = Theta(sqrt(m_0) x, sqrt(m_0) x') / sigma^2.
 */
export function fromTerjek(act: Activation, depth: number, inputDim: number): Converted {
  const sigma2 = eocSigmaW2(act);
  return {
    spec: { activation: act, depth, parameterization: 'ntk', bias: 'absent', layers: uniform(depth, sigma2) },
    ntkFactor: 1 / sigma2.valueOf(),
    inputScale: Math.sqrt(inputDim),
    note: 'Terjek: K_T = Theta_canonical / sigma^2 with inputs scaled by sqrt(n_0)',
  };
}

/**
 * Hanin & Nica 2019 (docs/theory.md H1): ReLU, He gain 2 on hidden layers and 1 on the output,
 * unscaled biases initialised at 0 and trainable, NTK summed over W (unit variance) and b.
 * widths = [n_0, n_1, ..., n_d].
 */
export function fromHaninNica(widths: readonly number[]): Converted {
  if (widths.length < 2) throw new InputError('Hanin-Nica widths are n_0, n_1, ..., n_d: at least two numbers');
  const d = widths.length - 1;
  return {
    spec: {
      activation: preset('relu'),
      depth: d,
      parameterization: 'ntk',
      bias: 'zero-init',
      layers: uniform(
        d,
        Array.from({ length: d }, (_, l) => new Fraction(l === d - 1 ? 1 : 2)),
      ),
      hiddenWidths: widths.slice(1, d),
    },
    ntkFactor: 1,
    inputScale: 1,
    note: 'Hanin-Nica: NTK param., sigma_w^2 = 2 (hidden), 1 (output), zero-initialised trainable biases with gain 1',
  };
}

/**
 * Seleznova & Kutyniok 2022 setup (docs/theory.md S1.1): ReLU, L hidden layers of width M,
 * W ~ N(0, sigma_w^2/fan_in) on every layer, biases initialised at 0 and trainable, gradients with
 * respect to W itself: standard parameterization of canonical depth L + 1.
 */
export function fromSeleznovaKutyniok(sigmaW2: Fraction, hiddenLayers: number, width: number): Converted {
  const depth = hiddenLayers + 1;
  return {
    spec: {
      activation: preset('relu'),
      depth,
      parameterization: 'standard',
      bias: 'zero-init',
      layers: uniform(depth, sigmaW2),
      hiddenWidths: Array.from({ length: hiddenLayers }, () => width),
    },
    ntkFactor: 1,
    inputScale: 1,
    note:
      'Seleznova-Kutyniok: standard param., sigma_w^2 on every layer, zero-initialised trainable biases, depth ' +
      'L + 1',
  };
}

/** neural-tangents stax: Dense(W_std, b_std, parameterization) with ABRelu(a_nt, b_nt) between. */
export function fromNeuralTangents(
  aNt: Fraction,
  bNt: Fraction,
  wStd2: Fraction,
  bStd2: Fraction,
  depth: number,
  parameterization: Parameterization,
  hiddenWidths?: number[],
): Converted {
  return {
    spec: {
      activation: abrelu(aNt, bNt),
      depth,
      parameterization,
      bias: bStd2.equals(0) ? 'absent' : 'present',
      layers: uniform(depth, wStd2, bStd2),
      hiddenWidths,
    },
    ntkFactor: 1,
    inputScale: 1,
    note: 'neural-tangents: ABRelu(a_nt, b_nt) has a = (a_nt + b_nt)/2, b = (b_nt - a_nt)/2; "ntk" is canonical',
  };
}

/** PDLT (Roberts, Yaida, Hanin): slopes a_+ (s > 0), a_- (s < 0), C_W = sigma_w^2, C_b = sigma_b^2. */
export function fromPdlt(aPlus: Fraction, aMinus: Fraction, cW: Fraction, cB: Fraction, depth: number): Converted {
  const half = new Fraction(1, 2);
  return {
    spec: {
      activation: fromCoefficients(
        aPlus.add(aMinus).mul(half),
        aPlus.sub(aMinus).mul(half),
        `pdlt:${aPlus.toFraction()},${aMinus.toFraction()}`,
      ),
      depth,
      parameterization: 'ntk',
      bias: cB.equals(0) ? 'absent' : 'present',
      layers: uniform(depth, cW, cB),
    },
    ntkFactor: 1,
    inputScale: 1,
    note: 'PDLT: a_+ = a + b, a_- = a - b, lambda_W = C_W, lambda_b = C_b',
  };
}
