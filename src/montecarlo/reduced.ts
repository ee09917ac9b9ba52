import { InputError } from '../errors.js';
import { denseStep, type LayerStep, mlpSampler, type Sampler } from './dense.js';
import { axpy, dot, householderQr } from './linalg.js';
import type { McNetwork } from './layout.js';

export interface ReducedOptions {
  /** Reduce every layer, also where drawing W is cheaper (tests use it to reach k = n_l). */
  readonly alwaysReduce?: boolean;
  /**
   * Test-only: a deliberately wrong construction, to show that the equality-in-law tests can
   * fail. 'drop-orthogonal' leaves out (I - Q_H Q_H^T) G2 R_D; 'skip-projection' adds G2 R_D
   * without projecting it off span(H), which double-counts that span. (Reusing G1 for G2, the
   * other error monte-carlo.md names, is too subtle for marginal KS tests at 20,000 networks:
   * min p = 5e-4 at width 6, 0.3 at width 3, measured.)
   */
  readonly brokenForTests?: 'drop-orthogonal' | 'skip-projection';
}

/**
 * Reduced step of layer l (monte-carlo.md section 2, exact in law for Gaussian W):
 *   H = Q_H R_H (thin QR, k = min(n_in, N)),  G1 = W Q_H ~ iid N(0,1) (n_out x k),
 *   W H = G1 R_H,
 *   W^T D = Q_H G1^T D + (I - Q_H Q_H^T) G2 R_D,  D = Q_D R_D,  G2 fresh iid N(0,1) (n_in x k').
 * Never forms W: n_out k + n_in k' draws instead of n_in n_out.
 */
function reducedStep(net: McNetwork, nIn: number, nOut: number, broken: ReducedOptions['brokenForTests']): LayerStep {
  const N = net.count;
  const M = N * net.outDim;
  const k = Math.min(nIn, N);
  const k2 = Math.min(nOut, M);
  const work = new Float64Array(Math.max(nIn * N, nOut * M));
  const reflectors = new Float64Array(Math.max(nIn * k, nOut * k2));
  const q = new Float64Array(nIn * k);
  const r = new Float64Array(k * N);
  const g1 = new Float64Array(nOut * k);
  const rd = new Float64Array(k2 * M);
  const g2 = new Float64Array(nIn * k2);
  const t = new Float64Array(Math.max(k, k2));
  return {
    forward(stream, h, z) {
      work.set(h.subarray(0, nIn * N));
      householderQr(work, nIn, N, r, reflectors, q);
      stream.fillNormal(g1);
      z.fill(0, 0, N * nOut);
      for (let a = 0; a < N; a++) {
        for (let j = 0; j < k; j++) {
          const rja = r[j * N + a];
          if (rja === 0) continue;
          for (let i = 0; i < nOut; i++) z[a * nOut + i] += rja * g1[j * nOut + i];
        }
      }
    },
    backward(stream, d, out) {
      const orthogonal = broken !== 'drop-orthogonal';
      const project = broken !== 'skip-projection';
      if (orthogonal) {
        work.set(d.subarray(0, nOut * M));
        householderQr(work, nOut, M, rd, reflectors);
        stream.fillNormal(g2);
      }
      for (let c = 0; c < M; c++) {
        const oc = c * nIn;
        out.fill(0, oc, oc + nIn);
        // y = G2 R_D e_c, then out_c = y + Q_H (G1^T d_c - Q_H^T y): both parts in one pass.
        if (orthogonal) {
          for (let j = 0; j < k2; j++) {
            const rjc = rd[j * M + c];
            if (rjc !== 0) axpy(rjc, g2, j * nIn, out, oc, nIn);
          }
        }
        for (let j = 0; j < k; j++) t[j] = dot(g1, j * nOut, d, c * nOut, nOut) - (orthogonal && project ? dot(q, j * nIn, out, oc, nIn) : 0);
        for (let j = 0; j < k; j++) axpy(t[j], q, j * nIn, out, oc, nIn);
      }
    },
  };
}

/**
 * The reduced sampler: equal in law to the dense one (monte-carlo.md section 2). A layer is
 * reduced when that draws fewer numbers than forming W (N < n_l, roughly); otherwise, and for
 * non-Gaussian weights where the construction is not exact, it falls back to the dense step.
 */
export function reducedSampler(net: McNetwork, options: ReducedOptions = {}): Sampler {
  if (net.law !== 'gaussian') throw new InputError('the reduced sampler is exact for Gaussian weights only; use --sampler dense with uniform weights');
  const N = net.count;
  const M = N * net.outDim;
  return mlpSampler(net, (layer, nIn, nOut) => {
    const draws = nOut * Math.min(nIn, N) + (layer > 1 ? nIn * Math.min(nOut, M) : 0);
    const reduce = options.alwaysReduce || draws < nIn * nOut;
    return reduce ? reducedStep(net, nIn, nOut, options.brokenForTests) : denseStep(net, nIn, nOut);
  });
}
