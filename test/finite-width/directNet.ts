/**
 * A dense ReLU network coded from first principles, for Monte Carlo checks of the exact-moment
 * engine: explicit weight matrices, the NTK as the sum of squared gradient entries (backprop), and
 * the second directional derivative of N along its gradient by second-order forward mode. It shares
 * no code with src/finite-width.
 */

/** xoshiro128** (fixed seeds make the statistical tests deterministic). */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  let b = 0x9e3779b9;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  const next = () => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    return r / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

export type Law = 'gauss' | 'uniform';

export function sampler(seed: number, law: Law): () => number {
  const u = rng(seed);
  if (law === 'uniform') return () => Math.sqrt(3) * (2 * u() - 1);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface Setup {
  readonly widths: readonly number[];
  /** Standard deviation of the raw (trainable) weights of layer l (index l-1). */
  readonly std: readonly number[];
  /** Multiplier c_l: the layer computes c_l W_l x + b_l. */
  readonly scale: readonly number[];
}

/** Hanin & Nica 2019 eqs. (2)-(5): unit-variance W, hidden multiplier sqrt(2/n), output sqrt(1/n). */
export function haninNicaSetup(widths: readonly number[]): Setup {
  const d = widths.length - 1;
  return { widths, std: widths.slice(0, -1).map(() => 1), scale: widths.slice(0, -1).map((n, i) => Math.sqrt((i + 1 < d ? 2 : 1) / n)) };
}

/** Seleznova & Kutyniok's code: W ~ N(0, sigma_w^2/fan_in), used directly (multiplier 1). */
export function skSetup(sw2: number, L: number, M: number, n0: number): Setup {
  const widths = [n0, ...Array.from({ length: L }, () => M), 1];
  return { widths, std: widths.slice(0, -1).map((n) => Math.sqrt(sw2 / n)), scale: widths.slice(0, -1).map(() => 1) };
}

export interface Sample {
  readonly N: number;
  readonly K: number;
  readonly Kw: number;
  readonly Kb: number;
  /** d^2/dt^2 N(theta + t grad N) at t = 0, all parameters. */
  readonly N2: number;
  /** The same along the weight part of the gradient only (biases held fixed). */
  readonly N2ww: number;
}

/** One network with zero biases: draw, forward, backprop, second-order forward mode. */
export function sample(s: Setup, x: readonly number[], draw: () => number): Sample {
  const D = s.widths.length - 1;
  const W: Float64Array[] = [];
  for (let l = 0; l < D; l++) {
    const w = new Float64Array(s.widths[l + 1] * s.widths[l]);
    for (let i = 0; i < w.length; i++) w[i] = s.std[l] * draw();
    W.push(w);
  }
  // forward: xs[l] = x^(l), ys[l] = y^(l+1)
  const xs: Float64Array[] = [Float64Array.from(x)];
  const ys: Float64Array[] = [];
  for (let l = 0; l < D; l++) {
    const nIn = s.widths[l];
    const y = new Float64Array(s.widths[l + 1]);
    for (let i = 0; i < y.length; i++) {
      let acc = 0;
      for (let j = 0; j < nIn; j++) acc += W[l][i * nIn + j] * xs[l][j];
      y[i] = s.scale[l] * acc;
    }
    ys.push(y);
    xs.push(l + 1 < D ? y.map((v) => (v > 0 ? v : 0)) : y);
  }
  const N = ys[D - 1][0];
  // backprop: delta[l] = dN/dy^(l+1); gradients of raw weights gW[l] and biases gB[l]
  const delta: Float64Array[] = new Array(D);
  delta[D - 1] = Float64Array.of(1);
  for (let l = D - 2; l >= 0; l--) {
    const nOut = s.widths[l + 2];
    const nIn = s.widths[l + 1];
    const dl = new Float64Array(nIn);
    for (let j = 0; j < nIn; j++) {
      if (!(ys[l][j] > 0)) continue;
      let acc = 0;
      for (let i = 0; i < nOut; i++) acc += W[l + 1][i * nIn + j] * delta[l + 1][i];
      dl[j] = s.scale[l + 1] * acc;
    }
    delta[l] = dl;
  }
  const gW: Float64Array[] = [];
  let Kw = 0;
  let Kb = 0;
  for (let l = 0; l < D; l++) {
    const nIn = s.widths[l];
    const g = new Float64Array(W[l].length);
    for (let i = 0; i < s.widths[l + 1]; i++) {
      for (let j = 0; j < nIn; j++) {
        g[i * nIn + j] = s.scale[l] * delta[l][i] * xs[l][j];
        Kw += g[i * nIn + j] ** 2;
      }
      Kb += delta[l][i] ** 2;
    }
    gW.push(g);
  }
  // second-order forward mode along (gW, gB): y(t) = c (W + t gW) x(t) + t gB
  const second = (withBias: boolean) => {
    let xd = new Float64Array(s.widths[0]);
    let xdd = new Float64Array(s.widths[0]);
    let ydd = 0;
    for (let l = 0; l < D; l++) {
      const nIn = s.widths[l];
      const nOut = s.widths[l + 1];
      const yd = new Float64Array(nOut);
      const y2 = new Float64Array(nOut);
      for (let i = 0; i < nOut; i++) {
        let a = 0;
        let b = 0;
        for (let j = 0; j < nIn; j++) {
          const w = W[l][i * nIn + j];
          const g = gW[l][i * nIn + j];
          a += g * xs[l][j] + w * xd[j];
          b += 2 * g * xd[j] + w * xdd[j];
        }
        yd[i] = s.scale[l] * a + (withBias ? delta[l][i] : 0);
        y2[i] = s.scale[l] * b;
      }
      if (l + 1 < D) {
        xd = yd.map((v, i) => (ys[l][i] > 0 ? v : 0));
        xdd = y2.map((v, i) => (ys[l][i] > 0 ? v : 0));
      } else ydd = y2[0];
    }
    return ydd;
  };
  return { N, K: Kw + Kb, Kw, Kb, N2: second(true), N2ww: second(false) };
}

/** Mean and standard error of a statistic over networks. */
export class Stat {
  private n = 0;
  private mean = 0;
  private m2 = 0;
  push(v: number): void {
    this.n++;
    const d = v - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (v - this.mean);
  }
  get value(): number {
    return this.mean;
  }
  get se(): number {
    return Math.sqrt(this.m2 / (this.n - 1) / this.n);
  }
  z(expected: number): number {
    return (this.mean - expected) / this.se;
  }
}
