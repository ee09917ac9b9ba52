import type { SampleLayout } from '../montecarlo/layout.js';
import type { PerNetwork, PerNetworkFactory } from '../montecarlo/run.js';
import { symmetricEigenvalues } from '../util/symmetricEigenvalues.js';

// The per-network callbacks of the Terjek experiments (montecarlo/run.ts PerNetworkSpec). Worker
// threads load this module, so it imports only what the callbacks compute with.

/** How a canonical sample vector reads in Terjek's convention (terjek.md 1.2); plain data, it travels to workers. */
export interface TerjekReading {
  /** K_T = ntkFactor Theta_canonical (spec/conventions.ts fromTerjek). */
  readonly ntkFactor: number;
  /** n: the 1/n of the paper's NTK matrix. */
  readonly n: number;
  /** sigma^2 = 1/(a^2+b^2): the canonical NNGP of the last layer is sigma^2 <x_l(x_a), x_l(x_b)>. */
  readonly sigma2: number;
}

/** The NTK matrix K(theta) = [(1/n) K_theta(x_a, x_b)_{kk'}] (M x M) of one sample vector. */
export function terjekNtk(sample: Float64Array, layout: SampleLayout, r: TerjekReading, out: Float64Array): void {
  const M = layout.columns;
  for (let i = 0; i < M * M; i++) out[i] = (r.ntkFactor * sample[layout.ntk + i]) / r.n;
}

/** Gram matrix <x_l(x_a), x_l(x_b)> of the last hidden layer's scaled activations (n x n). */
export function terjekLastLayerGram(
  sample: Float64Array,
  layout: SampleLayout,
  r: TerjekReading,
  out: Float64Array,
): void {
  const n = layout.count;
  for (let i = 0; i < n * n; i++) out[i] = sample[layout.nngp + i] / r.sigma2;
}

/** Operator (spectral) norm of a symmetric matrix: the largest |eigenvalue|. */
export function operatorNorm(a: readonly (readonly number[])[]): number {
  const values = symmetricEigenvalues(a);
  return Math.max(-values[0], values[values.length - 1]);
}

/** ||A - B|| for A row-major M x M (symmetrised against rounding) and B = K_inf. */
export function operatorNormOfDifference(a: ArrayLike<number>, b: readonly (readonly number[])[]): number {
  const M = b.length;
  return operatorNorm(
    Array.from({ length: M }, (_, i) =>
      Array.from({ length: M }, (_, j) => (a[i * M + j] + a[j * M + i]) / 2 - b[i][j]),
    ),
  );
}

export interface ConcentrationRowArgs {
  readonly reading: TerjekReading;
  /** K_inf, M x M. */
  readonly limit: number[][];
  /** ||K_inf||. */
  readonly limitNorm: number;
}

/** Per network: [||K(theta) - K_inf||, the same over ||K_inf||, the M^2 entries of K(theta)] (terjek.md 3.1). */
export const concentrationRow: PerNetworkFactory<ConcentrationRowArgs> = (a, layout): PerNetwork => {
  const M = layout.columns;
  const ntk = new Float64Array(M * M);
  return {
    size: 2 + M * M,
    row(sample, out) {
      terjekNtk(sample, layout, a.reading, ntk);
      const e = operatorNormOfDifference(ntk, a.limit);
      out[0] = e;
      out[1] = e / a.limitNorm;
      out.set(ntk, 2);
    },
  };
};

export interface IcdRowArgs {
  readonly reading: TerjekReading;
  /** w^inf of the layer. */
  readonly limit: number;
}

/**
 * Per network: [w, |w - w^inf|], w = ((1 - rho)/2)^(-1/2) of the input pair at the last hidden
 * layer (terjek.md 5.2), with (1 - rho)/2 taken from the Gram entries without forming a rounded
 * cosine first.
 */
export const icdRow: PerNetworkFactory<IcdRowArgs> = (a, layout): PerNetwork => {
  const g = new Float64Array(layout.count * layout.count);
  return {
    size: 2,
    row(sample, out) {
      terjekLastLayerGram(sample, layout, a.reading, g);
      const norms = Math.sqrt(g[0] * g[3]);
      const w = Math.sqrt((2 * norms) / (norms - g[1]));
      out[0] = w;
      out[1] = Math.abs(w - a.limit);
    },
  };
};
