import { InputError } from '../errors.js';
import { maxOf } from '../util/limits.js';
import { type McNetwork, type SampleLayout, sampleLayout } from './layout.js';
import { axpy, dot, gram } from './linalg.js';
import type { RandomStream } from './random.js';

/**
 * One weight layer l as the samplers see it: W = W^(l) (n_out x n_in, unit variance) is either
 * drawn (dense) or represented through its action on the data (reduced.ts). Vectors are
 * contiguous: h is N x n_in, z is N x n_out, deltas are M x n_out.
 */
export interface LayerStep {
  /** z_a = W h_a for the N inputs (draws what the step needs). */
  forward(stream: RandomStream, h: Float64Array, z: Float64Array): void;
  /** out_c = W^T d_c for the M columns (may draw). */
  backward(stream: RandomStream, d: Float64Array, out: Float64Array): void;
  /** y = W x for one vector (dense steps only; the SGD update needs W off the data's span). */
  readonly apply?: (x: Float64Array, xo: number, y: Float64Array) => void;
}

/** The SGD update dK (docs/theory.md H1) is defined for a scalar output. */
export function checkUpdate(net: McNetwork): void {
  if (net.outDim !== 1) throw new InputError('the SGD update dK is defined for a scalar output (--out-dim 1)');
}

/**
 * The dense sampler holds every weight matrix of a network at once (and each worker its own); past
 * this many doubles (2 GiB) Float64Array allocation fails inside a worker, where the message would
 * be lost, so runs are refused up front.
 */
export const MAX_DENSE_WEIGHTS = 2 ** 28;

export function checkDenseSize(net: McNetwork): void {
  const weights = net.widths.slice(1).reduce((s, n, l) => s + net.widths[l] * n, 0);
  if (weights > MAX_DENSE_WEIGHTS)
    throw new InputError(
      `the dense sampler would hold ${weights.toExponential(2)} weights (${((weights * 8) / 2 ** 30).toFixed(1)} ` +
        `GiB per network) beyond its ${MAX_DENSE_WEIGHTS.toExponential(2)}; use --sampler reduced (Gaussian ` +
        `weights) or smaller widths`,
    );
}

export type StepFactory = (layer: number, nIn: number, nOut: number) => LayerStep;

/** Dense step: draws every entry of W (docs/theory.md M1). */
export function denseStep(net: McNetwork, nIn: number, nOut: number): LayerStep {
  const w = new Float64Array(nIn * nOut);
  const N = net.count;
  const M = N * net.outDim;
  const apply = (x: Float64Array, xo: number, y: Float64Array, yo = 0) => {
    for (let i = 0; i < nOut; i++) y[yo + i] = dot(w, i * nIn, x, xo, nIn);
  };
  return {
    forward(stream, h, z) {
      stream.fillWeights(net.law, w);
      for (let a = 0; a < N; a++) apply(h, a * nIn, z, a * nOut);
    },
    backward(_stream, d, out) {
      out.fill(0, 0, M * nIn);
      for (let c = 0; c < M; c++) {
        for (let i = 0; i < nOut; i++) {
          const di = d[c * nOut + i];
          if (di !== 0) axpy(di, w, i * nIn, out, c * nIn, nIn);
        }
      }
    },
    apply: (x, xo, y) => apply(x, xo, y),
  };
}

/**
 * sign(v), with phi'(0) = a (docs/conventions.md) through sign(0) = 0. Branch-free on the common path:
 * the signs of pre-activations are random, and a branch on them mispredicts half the time (it
 * took 8% of the reduced sampler's time).
 */
function sign(v: number): number {
  const s = Math.abs(v) / v;
  return Number.isNaN(s) ? 0 : s;
}

export interface SamplerOptions {
  /** Also compute dK(x_a, x_a)/lambda of the first SGD step (docs/theory.md H1); dense only. */
  readonly update?: boolean;
  /** Outputs and per-layer NNGPs only: the backward pass (and its draws) is skipped. */
  readonly forwardOnly?: boolean;
}

/** The SGD update needs the backward pass's deltas. */
export function checkForwardOnly(options: SamplerOptions): void {
  if (options.forwardOnly && options.update)
    throw new InputError('the SGD update dK needs the backward pass: it cannot be sampled forward-only');
}

/** Draws one network per call and writes its quantities (network.ts SampleLayout) to a vector. */
export interface Sampler {
  readonly layout: SampleLayout;
  sample(stream: RandomStream, out: Float64Array): void;
}

/**
 * Forward and backward pass of the canonical MLP for N inputs at once, any layer steps.
 * Empirical NTK, docs/conventions.md "Canonical network" (summed over parameters, layer-wise):
 *   Theta(c, c') = sum_l [gamma_l <h_a^(l-1), h_b^(l-1)> + m_l] <delta_c^(l), delta_c'^(l)>,
 * delta^(l) = df_k(x_a)/dz^(l) for column c = (a, k). Workspaces are allocated once per sampler.
 */
export function mlpSampler(net: McNetwork, makeStep: StepFactory, options: SamplerOptions = {}): Sampler {
  const L = net.depth;
  const N = net.count;
  const d = net.outDim;
  const M = N * d;
  const n = net.widths;
  const update = options.update ?? false;
  checkForwardOnly(options);
  const steps = Array.from({ length: L }, (_, l) => makeStep(l + 1, n[l], n[l + 1]));
  if (update) {
    checkUpdate(net);
    if (steps.some((s) => !s.apply))
      throw new InputError('the SGD update dK needs the dense sampler (--sampler dense)');
  }
  const layout = sampleLayout(net, options);
  // h[l] = h^(l) (h[0] = inputs), z[l] = z^(l+1), delta[l] = delta^(l+1).
  const h = [net.inputs, ...Array.from({ length: L - 1 }, (_, l) => new Float64Array(N * n[l + 1]))];
  const z = Array.from({ length: L }, (_, l) => new Float64Array(N * n[l + 1]));
  const delta = Array.from({ length: L }, (_, l) => new Float64Array(M * n[l + 1]));
  const bias = new Float64Array(maxOf(n));
  const back = new Float64Array(M * maxOf(n));
  // hh[l] = <h_a^(l), h_b^(l)>: the NNGP of layer l + 1 in the forward pass, the NTK terms in the backward one.
  const hh = Array.from({ length: L }, () => new Float64Array(N * N));
  const dd = new Float64Array(M * M);
  const { a: pa, b: pb } = net;

  /** Forward pass; writes Sigma^(l) = s_l^2 <h^(l-1), h^(l-1)'> + v_l of every layer. */
  function forward(stream: RandomStream, out: Float64Array): void {
    for (let l = 0; l < L; l++) {
      gram(h[l], n[l], N, hh[l]);
      const s2 = net.scale[l] * net.scale[l];
      const v = net.biasStd[l] * net.biasStd[l];
      const no = layout.nngpLayers + l * N * N;
      for (let i = 0; i < N * N; i++) out[no + i] = s2 * hh[l][i] + v;
      const nOut = n[l + 1];
      const zl = z[l];
      steps[l].forward(stream, h[l], zl);
      const s = net.scale[l];
      const bs = net.biasStd[l];
      if (bs > 0) {
        stream.fillWeights(net.law, bias, 0, nOut);
        for (let a = 0; a < N; a++)
          for (let i = 0; i < nOut; i++) zl[a * nOut + i] = s * zl[a * nOut + i] + bs * bias[i];
      } else {
        for (let i = 0; i < N * nOut; i++) zl[i] *= s;
      }
      if (l < L - 1) {
        const hl = h[l + 1];
        for (let i = 0; i < zl.length; i++) hl[i] = pa * zl[i] + pb * Math.abs(zl[i]);
      }
    }
  }

  function backward(stream: RandomStream, out: Float64Array): void {
    const top = delta[L - 1];
    top.fill(0);
    for (let c = 0; c < M; c++) top[c * d + (c % d)] = 1;
    out.fill(0, layout.ntk, layout.layers + L * M * M);
    for (let l = L - 1; l >= 0; l--) {
      const nIn = n[l];
      const nOut = n[l + 1];
      const hl = hh[l];
      gram(delta[l], nOut, M, dd);
      const gw = net.gradW[l];
      const gb = net.gradB[l];
      const lo = layout.layers + l * M * M;
      for (let c = 0; c < M; c++) {
        const ac = Math.floor(c / d);
        for (let e = 0; e < M; e++) {
          const t = (gw * hl[ac * N + Math.floor(e / d)] + gb) * dd[c * M + e];
          out[lo + c * M + e] = t;
          out[layout.ntk + c * M + e] += t;
        }
      }
      if (l > 0) {
        steps[l].backward(stream, delta[l], back);
        const s = net.scale[l];
        const as = pa * s;
        const bs = pb * s;
        const zIn = z[l - 1];
        const dIn = delta[l - 1];
        for (let c = 0; c < M; c++) {
          const zo = Math.floor(c / d) * nIn;
          const co = c * nIn;
          for (let j = 0; j < nIn; j++) dIn[co + j] = (as + bs * sign(zIn[zo + j])) * back[co + j];
        }
      }
    }
  }

  const tan = [new Float64Array(maxOf(n)), new Float64Array(maxOf(n))];
  const tan2 = [new Float64Array(maxOf(n)), new Float64Array(maxOf(n))];
  const wx = new Float64Array(maxOf(n));

  /**
   * dK(x,x)/lambda = -2 f(x) g^T (Hess f) g with g = grad f(x) and target 0 (docs/theory.md part H
   * section 1, Delta K). g^T H g is the second derivative of f(theta + t g) at t = 0, computed in
   * forward mode: along g the effective weights move by gamma_l delta h^T and the biases by
   * m_l delta, and phi'' = 0 almost everywhere, so
   *   z' = s W h' + (gamma <h,h> + m) delta,   z'' = s W h'' + 2 gamma <h,h'> delta,
   *   h' = phi'(z) z',  h'' = phi'(z) z''.   (z')^(L) = Theta(x,x) is a check.
   */
  function sgdUpdate(out: Float64Array): void {
    for (let a = 0; a < N; a++) {
      let hp = tan[0];
      let hpp = tan2[0];
      let zp = tan[1];
      let zpp = tan2[1];
      hp.fill(0);
      hpp.fill(0);
      for (let l = 0; l < L; l++) {
        const nIn = n[l];
        const nOut = n[l + 1];
        const ha = h[l];
        const hha = dot(ha, a * nIn, ha, a * nIn, nIn);
        const hhp = dot(ha, a * nIn, hp, 0, nIn);
        const s = net.scale[l];
        const c1 = net.gradW[l] * hha + net.gradB[l];
        const c2 = 2 * net.gradW[l] * hhp;
        const dl = delta[l];
        steps[l].apply!(hp, 0, wx);
        for (let i = 0; i < nOut; i++) zp[i] = s * wx[i] + c1 * dl[a * nOut + i];
        steps[l].apply!(hpp, 0, wx);
        for (let i = 0; i < nOut; i++) zpp[i] = s * wx[i] + c2 * dl[a * nOut + i];
        if (l < L - 1) {
          const zl = z[l];
          for (let i = 0; i < nOut; i++) {
            const zv = zl[a * nOut + i];
            const slope = pa + pb * sign(zv);
            zp[i] *= slope;
            zpp[i] *= slope;
          }
          [hp, zp] = [zp, hp];
          [hpp, zpp] = [zpp, hpp];
        }
      }
      out[layout.update + a] = -2 * z[L - 1][a] * zpp[0];
    }
  }

  return {
    layout,
    sample(stream, out) {
      forward(stream, out);
      for (let i = 0; i < M; i++) out[layout.output + i] = z[L - 1][i];
      if (options.forwardOnly) return;
      backward(stream, out);
      if (update) sgdUpdate(out);
    },
  };
}

/** The dense sampler: every W^(l) drawn in full (the reference; docs/theory.md M1). */
export function denseSampler(net: McNetwork, options: SamplerOptions = {}): Sampler {
  return mlpSampler(net, (_l, nIn, nOut) => denseStep(net, nIn, nOut), options);
}
