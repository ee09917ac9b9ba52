import { InputError } from '../errors.js';
import { maxOf } from '../util/limits.js';
import { denseStep, type LayerStep, mlpSampler, type Sampler } from './dense.js';
import { type KernelKind, type KernelVector, type VectorKernels, withKernels } from './kernels.js';
import type { McNetwork } from './layout.js';
import { householderQr } from './linalg.js';

export interface ReducedOptions {
  /** Outputs and per-layer NNGPs only (dense.ts SamplerOptions). */
  readonly forwardOnly?: boolean;
  /** Reduce every layer, also where drawing W is cheaper (tests use it to reach k = n_l). */
  readonly alwaysReduce?: boolean;
  /**
   * Test-only: a deliberately wrong construction, to show that the equality-in-law tests can
   * fail. 'drop-orthogonal' leaves out (I - Q_H Q_H^T) G2 R_D; 'skip-projection' adds G2 R_D
   * without projecting it off span(H), which double-counts that span. (Reusing G1 for G2, the
   * other error docs/theory.md part M names, is too subtle for marginal KS tests at 20,000 networks:
   * min p = 5e-4 at width 6, 0.3 at width 3, measured.)
   */
  readonly brokenForTests?: 'drop-orthogonal' | 'skip-projection';
  /** The vector kernels (kernels.ts; dense.ts SamplerOptions). */
  readonly kernels?: KernelKind;
}

/**
 * Scratch space shared by all reduced layers of one sampler: only Q_H and G1 must live from the forward to the backward
 * pass.
 */
interface Scratch {
  readonly work: KernelVector;
  readonly reflectors: KernelVector;
  readonly r: Float64Array;
  readonly rd: Float64Array;
  readonly g2: KernelVector;
  /** P = Q_H^T G2, k x k'. */
  readonly p: Float64Array;
  /** The terms of one combine() call: coefficients, source arrays, offsets. */
  readonly coef: Float64Array;
  readonly src: KernelVector[];
  readonly off: Int32Array;
}

function scratch(net: McNetwork, k: VectorKernels): Scratch {
  const N = net.count;
  const M = N * net.outDim;
  const n = maxOf(net.widths);
  return {
    work: k.alloc(n * M),
    reflectors: k.alloc(n * M),
    r: new Float64Array(N * N),
    rd: new Float64Array(M * M),
    g2: k.alloc(n * M),
    p: new Float64Array(N * M),
    coef: new Float64Array(N + M),
    src: new Array<KernelVector>(N + M),
    off: new Int32Array(N + M),
  };
}

/**
 * Reduced step of layer l (docs/theory.md M2, exact in law for Gaussian W):
 *   H = Q_H R_H (thin QR, k = min(n_in, N)),  G1 = W Q_H ~ iid N(0,1) (n_out x k),
 *   W H = G1 R_H,
 *   W^T D = Q_H G1^T D + (I - Q_H Q_H^T) G2 R_D,  D = Q_D R_D,  G2 fresh iid N(0,1) (n_in x k').
 * Never forms W: n_out k + n_in k' draws instead of n_in n_out. The backward step is evaluated
 * as out_c = G2 R_D e_c + Q_H (G1^T d_c - P R_D e_c) with P = Q_H^T G2 formed once per layer.
 */
function reducedStep(
  net: McNetwork,
  nIn: number,
  nOut: number,
  ws: Scratch,
  broken: ReducedOptions['brokenForTests'],
  kernels: VectorKernels,
): LayerStep {
  const N = net.count;
  const M = N * net.outDim;
  const k = Math.min(nIn, N);
  const k2 = Math.min(nOut, M);
  const { work, reflectors, r, rd, g2, p, coef, src, off } = ws;
  const q = kernels.alloc(nIn * k);
  const g1 = kernels.alloc(nOut * k);
  const orthogonal = broken !== 'drop-orthogonal';
  const project = broken !== 'skip-projection';
  return {
    forward(stream, h, z) {
      work.set(h.subarray(0, nIn * N));
      householderQr(work, nIn, N, r, reflectors, q, kernels);
      stream.fillNormal(g1);
      for (let a = 0; a < N; a++) {
        // z_a = sum_j R_H[j, a] G1 e_j; R_H is upper trapezoidal: column a has min(a + 1, k) nonzero rows.
        const terms = Math.min(a + 1, k);
        for (let j = 0; j < terms; j++) {
          coef[j] = r[j * N + a];
          src[j] = g1;
          off[j] = j * nOut;
        }
        kernels.combine(z, a * nOut, nOut, terms, coef, src, off);
      }
    },
    backward(stream, d, out) {
      if (orthogonal) {
        work.set(d.subarray(0, nOut * M));
        householderQr(work, nOut, M, rd, reflectors, undefined, kernels);
        stream.fillNormal(g2, 0, nIn * k2);
        for (let j = 0; j < k; j++)
          for (let i = 0; i < k2; i++) p[j * k2 + i] = project ? kernels.dot(q, j * nIn, g2, i * nIn, nIn) : 0;
      }
      for (let c = 0; c < M; c++) {
        // out_c = sum_j R_D[j, c] G2 e_j + sum_j t_j Q_H e_j, in that order, in one pass.
        const rows = orthogonal ? Math.min(c + 1, k2) : 0;
        for (let j = 0; j < rows; j++) {
          coef[j] = rd[j * M + c];
          src[j] = g2;
          off[j] = j * nIn;
        }
        for (let j = 0; j < k; j++) {
          let pr = 0;
          for (let i = 0; i < rows; i++) pr += p[j * k2 + i] * rd[i * M + c];
          coef[rows + j] = kernels.dot(g1, j * nOut, d, c * nOut, nOut) - pr;
          src[rows + j] = q;
          off[rows + j] = j * nIn;
        }
        kernels.combine(out, c * nIn, nIn, rows + k, coef, src, off);
      }
    },
  };
}

/** The conditioning construction needs rotation-invariant (Gaussian) weights. */
export function checkReducible(net: McNetwork): void {
  if (net.law !== 'gaussian')
    throw new InputError(
      'the reduced sampler is exact for Gaussian weights only; use --sampler dense with uniform weights',
    );
}

/**
 * The reduced sampler: equal in law to the dense one (docs/theory.md M2). A layer is
 * reduced when that draws fewer numbers than forming W (N < n_l, roughly); otherwise, and for
 * non-Gaussian weights where the construction is not exact, it falls back to the dense step.
 */
export function reducedSampler(net: McNetwork, options: ReducedOptions = {}): Sampler {
  checkReducible(net);
  const N = net.count;
  const M = N * net.outDim;
  return withKernels(options.kernels, (k) => {
    const ws = scratch(net, k);
    return mlpSampler(
      net,
      (layer, nIn, nOut) => {
        const draws = nOut * Math.min(nIn, N) + (layer > 1 ? nIn * Math.min(nOut, M) : 0);
        const reduce = options.alwaysReduce || draws < nIn * nOut;
        return reduce ? reducedStep(net, nIn, nOut, ws, options.brokenForTests, k) : denseStep(net, nIn, nOut, k);
      },
      { forwardOnly: options.forwardOnly },
      k,
    );
  });
}
