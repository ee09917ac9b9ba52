import type { WeightLaw } from './random.js';

// Kept free of imports with side effects: worker threads load this, and the spec-side modules
// (kernels/, activation/) pull in the symbolic libraries, which take over a second to load.

/**
 * A finite canonical MLP (docs/conventions.md, "Canonical network") in the Float64 form the samplers
 * use. Every layer is written z^(l) = s_l W^(l) h^(l-1) + bias^(l) with W unit-variance; the
 * parameterization only changes what the NTK differentiates:
 * - weights: Theta gains gamma_l <h, h'> <delta, delta'> with gamma_l = s_l^2 (NTK param., the
 *   parameter is W) or 1 (standard param., the parameter is s_l W);
 * - biases: forward std sqrt(v_l), NTK gain m_l, both from kernels/layers.ts so the finite network
 *   and the infinite-width recursion read the bias modes the same way ('present' NTK param.:
 *   sigma_b beta, m = sigma_b^2; 'zero-init': b = 0, m = 1; standard: b ~ N(0, sigma_b^2), m = 1).
 */
export interface McNetwork {
  /** n_0, n_1, ..., n_L. */
  readonly widths: readonly number[];
  readonly depth: number;
  readonly a: number;
  readonly b: number;
  readonly scale: Float64Array;
  readonly biasStd: Float64Array;
  readonly gradW: Float64Array;
  readonly gradB: Float64Array;
  readonly law: WeightLaw;
  /** N inputs, N x n_0 row-major. */
  readonly inputs: Float64Array;
  readonly count: number;
  /** n_L: output units. */
  readonly outDim: number;
}

/**
 * Where each quantity sits in a sample vector. M = N n_L columns (input a, output unit k) index
 * the NTK, (a, k) -> a n_L + k. Matrices are row-major.
 *   output: f_k(x_a), N x n_L.
 *   nngpLayers: Sigma^(l)(x_a, x_b) = s_l^2 <h_a^(l-1), h_b^(l-1)> + v_l for l = 1..L, L x N x N.
 *   nngp: Sigma^(L), the last matrix of nngpLayers (an offset into it, not a copy).
 *   ntk: Theta, M x M.   layers: the L per-layer terms of Theta, L x M x M.
 *   update: dK(x_a, x_a)/lambda of one SGD step on {x_a} (n_L = 1 only), N.
 * A forward-only sampler computes output and NNGPs alone (no backward pass): ntk, layers and
 * update are then -1.
 */
export interface SampleLayout {
  readonly count: number;
  readonly columns: number;
  readonly depth: number;
  readonly output: number;
  readonly nngpLayers: number;
  readonly nngp: number;
  /** -1 in forward-only mode. */
  readonly ntk: number;
  /** -1 in forward-only mode. */
  readonly layers: number;
  /** -1 when the update is not computed. */
  readonly update: number;
  readonly size: number;
}

/** What a sampler computes beyond the forward pass. */
export interface LayoutOptions {
  /** dK of the first SGD step (dense sampler, n_L = 1). */
  readonly update?: boolean;
  /** Outputs and NNGPs only: no backward pass, no NTK. */
  readonly forwardOnly?: boolean;
}

export function sampleLayout(net: McNetwork, options: LayoutOptions = {}): SampleLayout {
  const N = net.count;
  const M = N * net.outDim;
  const L = net.depth;
  const output = 0;
  const nngpLayers = output + M;
  const forwardEnd = nngpLayers + L * N * N;
  const backward = !options.forwardOnly;
  const ntk = backward ? forwardEnd : -1;
  const layers = backward ? ntk + M * M : -1;
  const end = backward ? layers + L * M * M : forwardEnd;
  return {
    count: N,
    columns: M,
    depth: L,
    output,
    nngpLayers,
    nngp: nngpLayers + (L - 1) * N * N,
    ntk,
    layers,
    update: options.update ? end : -1,
    size: options.update ? end + N : end,
  };
}
