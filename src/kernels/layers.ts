import { exactA2 } from '../activation/constants.js';
import { numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import type { NetworkSpec } from '../spec/network.js';
import { checkDepth } from '../spec/numbers.js';
import { Fraction, toNumber } from '../util/exact.js';

/**
 * Float64 per-layer coefficients of the unified infinite-width recursion (docs/conventions.md),
 * written on the pre-activation covariances q^(l-1) (and on <x,y> at the input):
 *   Sigma^(l) = fwd_l C^(l-1) + v_l,      C^(0) = <x,y>,  C^(l) = E[phi(u)phi(v)]/A_2 under Sigma^(l),
 *   Theta^(l) = grad_l C^(l-1) + m_l + Sdot^(l) Theta^(l-1),   Sdot^(l) = fwd_l varrho'(rho^(l-1)).
 * NTK parameterization: fwd_1 = grad_1 = sigma_w,1^2/n_0, fwd_l = grad_l = sigma_w,l^2 A_2.
 * Standard (neural-tangents 'standard'): grad_1 = 1, grad_l = n_{l-1} A_2, m_l = 1 with biases.
 * The products sigma_w^2 A_2 are formed exactly from the rationals before rounding, so at the
 * EOC chi_1 = 1 exactly and depth 10^5 does not accumulate (1 + 2^-52)^l.
 */
export interface LayerCoefficients {
  readonly depth: number;
  readonly fwd: Float64Array;
  readonly grad: Float64Array;
  /** Forward bias variance v_l (0 when biases are absent or zero-initialised). */
  readonly v: Float64Array;
  /** Bias-gradient gain m_l in the NTK. */
  readonly m: Float64Array;
  readonly Delta: number;
  readonly inputDim: number;
}

export function layerCoefficients(spec: NetworkSpec, inputDim: number): LayerCoefficients {
  const L = spec.depth;
  checkDepth(L);
  if (spec.parameterization === 'standard') {
    const hw = spec.hiddenWidths;
    if (!hw || hw.length !== L - 1) {
      throw new InputError(
        `--param standard needs the ${L - 1} hidden widths (--width W or --widths n1,...): neural-tangents' ` +
          `standard-parameterization NTK grows with the fan-in n_{l-1}`,
      );
    }
  }
  const A2 = exactA2(spec.activation);
  const fwd = new Float64Array(L);
  const grad = new Float64Array(L);
  const v = new Float64Array(L);
  const m = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const layer = spec.layers[l];
    const f = l === 0 ? layer.sigmaW2.div(inputDim) : layer.sigmaW2.mul(A2);
    fwd[l] = toNumber(f);
    v[l] = spec.bias === 'present' ? toNumber(layer.sigmaB2) : 0;
    if (spec.parameterization === 'ntk') {
      grad[l] = fwd[l];
      m[l] = spec.bias === 'present' ? v[l] : spec.bias === 'zero-init' ? 1 : 0;
    } else {
      grad[l] = l === 0 ? 1 : toNumber(A2.mul(new Fraction(spec.hiddenWidths![l - 1])));
      m[l] = spec.bias === 'absent' ? 0 : 1;
    }
  }
  return { depth: L, fwd, grad, v, m, Delta: numbers(spec.activation).Delta, inputDim };
}
