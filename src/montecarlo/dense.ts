import { InputError } from '../errors.js';
import { maxOf } from '../util/limits.js';
import { type KernelKind, type KernelVector, type VectorKernels, withKernels } from './kernels.js';
import { type McNetwork, type SampleLayout, sampleLayout } from './layout.js';
import { gram, sign } from './linalg.js';
import type { RandomStream } from './random.js';

/**
 * One weight layer l as the samplers see it: W = W^(l) (n_out x n_in, unit variance) is either
 * drawn (dense) or represented through its action on the data (reduced.ts). Vectors are
 * contiguous: h is N x n_in, z is N x n_out, deltas are M x n_out, all from the sampler's kernels.
 */
export interface LayerStep {
  /** z_a = W h_a for the N inputs (draws what the step needs). */
  forward(stream: RandomStream, h: KernelVector, z: KernelVector): void;
  /** out_c = W^T d_c for the M columns (may draw). */
  backward(stream: RandomStream, d: KernelVector, out: KernelVector): void;
  /** y = W x for one vector (dense steps only; the SGD update needs W off the data's span). */
  readonly apply?: (x: KernelVector, xo: number, y: KernelVector) => void;
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
export function denseStep(net: McNetwork, nIn: number, nOut: number, k: VectorKernels): LayerStep {
  const w = k.alloc(nIn * nOut);
  const N = net.count;
  const M = N * net.outDim;
  const apply = (x: KernelVector, xo: number, y: KernelVector, yo = 0) => {
    for (let i = 0; i < nOut; i++) y[yo + i] = k.dot(w, i * nIn, x, xo, nIn);
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
          if (di !== 0) k.axpy(di, w, i * nIn, out, c * nIn, nIn);
        }
      }
    },
    apply: (x, xo, y) => apply(x, xo, y),
  };
}

export interface SamplerOptions {
  /** Also compute dK(x_a, x_a)/lambda of the first SGD step (docs/theory.md H1); dense only. */
  readonly update?: boolean;
  /** Outputs and per-layer NNGPs only: the backward pass (and its draws) is skipped. */
  readonly forwardOnly?: boolean;
  /**
   * The vector kernels (kernels.ts): WebAssembly SIMD by default where available, or 'js', the
   * plain reference path. Both give the same bits.
   */
  readonly kernels?: KernelKind;
}

/** The SGD update needs the backward pass's deltas. */
export function checkForwardOnly(options: SamplerOptions): void {
  if (options.forwardOnly && options.update)
    throw new InputError('the SGD update dK needs the backward pass: it cannot be sampled forward-only');
}

/** Draws one network per call and writes its quantities (network.ts SampleLayout) to a vector. */
export interface Sampler {
  readonly layout: SampleLayout;
  /** The vector kernels it runs on (kernels.ts). */
  readonly kernels: KernelKind;
  sample(stream: RandomStream, out: Float64Array): void;
}

/**
 * Forward and backward pass of the canonical MLP for N inputs at once, any layer steps.
 * Empirical NTK, docs/conventions.md "Canonical network" (summed over parameters, layer-wise):
 *   Theta(c, c') = sum_l [gamma_l <h_a^(l-1), h_b^(l-1)> + m_l] <delta_c^(l), delta_c'^(l)>,
 * delta^(l) = df_k(x_a)/dz^(l) for column c = (a, k). Workspaces are allocated once per sampler.
 */
export function mlpSampler(net: McNetwork, makeStep: StepFactory, options: SamplerOptions, k: VectorKernels): Sampler {
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
  // h[l] = h^(l) (h[0] = inputs, copied in by every sample), z[l] = z^(l+1), delta[l] = delta^(l+1).
  const h = Array.from({ length: L }, (_, l) => k.alloc(N * n[l]));
  const z = Array.from({ length: L }, (_, l) => k.alloc(N * n[l + 1]));
  const delta = Array.from({ length: L }, (_, l) => k.alloc(M * n[l + 1]));
  const bias = k.alloc(maxOf(n));
  const back = k.alloc(M * maxOf(n));
  // hh[l] = <h_a^(l), h_b^(l)>: the NNGP of layer l + 1 in the forward pass, the NTK terms in the backward one.
  const hh = Array.from({ length: L }, () => new Float64Array(N * N));
  const dd = new Float64Array(M * M);
  const { a: pa, b: pb } = net;

  /** Forward pass; writes Sigma^(l) = s_l^2 <h^(l-1), h^(l-1)'> + v_l of every layer. */
  function forward(stream: RandomStream, out: Float64Array): void {
    for (let l = 0; l < L; l++) {
      gram(h[l], n[l], N, hh[l], k);
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
        for (let a = 0; a < N; a++) k.affine(s, zl, a * nOut, bs, bias, nOut);
      } else {
        k.scaleTo(s, zl, 0, zl, 0, N * nOut);
      }
      if (l < L - 1) k.activate(pa, pb, zl, h[l + 1], N * nOut);
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
      gram(delta[l], nOut, M, dd, k);
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
        for (let c = 0; c < M; c++) k.backprop(as, bs, zIn, Math.floor(c / d) * nIn, back, c * nIn, dIn, c * nIn, nIn);
      }
    }
  }

  const tan = update ? [k.alloc(maxOf(n)), k.alloc(maxOf(n))] : [];
  const tan2 = update ? [k.alloc(maxOf(n)), k.alloc(maxOf(n))] : [];
  const wx = k.alloc(update ? maxOf(n) : 0);

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
        const hha = k.dot(ha, a * nIn, ha, a * nIn, nIn);
        const hhp = k.dot(ha, a * nIn, hp, 0, nIn);
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
    kernels: k.kind,
    sample(stream, out) {
      h[0].set(net.inputs);
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
  return withKernels(options.kernels, (k) =>
    mlpSampler(net, (_l, nIn, nOut) => denseStep(net, nIn, nOut, k), options, k),
  );
}
