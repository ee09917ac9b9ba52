import { checkDepth } from '../spec/numbers.js';
import type { LayerCoefficients } from './layers.js';
import { crossSequence, diagonalSequence } from './recursion.js';

/**
 * Layer coefficients of the EOC network in the Terjek & Gonzalez-Sanchez convention for a given
 * Delta_phi (docs/theory.md T1.2-1.3): sigma^2 A_2 = 1, no biases, no 1/n_0 at the input. Only Delta
 * enters the normalised kernel, so no particular (a, b) is needed.
 */
export function terjekCoefficients(Delta: number, depth: number): LayerCoefficients {
  checkDepth(depth);
  const ones = new Float64Array(depth).fill(1);
  return { depth, fwd: ones, grad: ones, v: new Float64Array(depth), m: new Float64Array(depth), Delta, inputDim: 1 };
}

/**
 * u_l = K_inf(x1,x2)/(|x1||x2|) at the EOC for unit inputs with first-layer squared cosine
 * distance z1 = (1 - rho_1)/2 (docs/theory.md T2.3, Prop. "K_inf at the EOC"; Terjek convention).
 * Returns u_l and the cosine distance z_l of layer l (index l-1 of the arrays).
 */
export function terjekNtkSequence(z1: number, Delta: number, depth: number): { u: Float64Array; z: Float64Array } {
  const c = terjekCoefficients(Delta, depth);
  const d = diagonalSequence(c, 1);
  const cross = crossSequence(c, d, d, z1);
  return { u: cross.ntk, z: cross.z };
}

/** u_l(rho) at depth l (docs/theory.md T6.3 test vectors are of this). */
export function terjekNtk(rho: number, Delta: number, depth: number): number {
  return terjekNtkSequence((1 - rho) / 2, Delta, depth).u[depth - 1];
}
