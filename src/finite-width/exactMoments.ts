import type { Field, Term } from './field.js';
import type { Include, ZeroBiasReluNet } from './network.js';

/**
 * Exact moments of the on-diagonal NTK K(x,x) of a zero-bias ReLU network with Gaussian weights,
 * and of its first-order SGD update, for any widths (docs/theory.md H3.2 "E7";
 * docs/theory.md S3.1, 3.4). One engine serves both papers: their conventions are
 * mapped onto ZeroBiasReluNet in network.ts.
 *
 * The representation. Per hidden layer m: k_m ~ Bin(n_m, 1/2) active units, A_m | k_m ~ chi^2_{k_m}
 * (forward) and B_m | k_m ~ chi^2_{k_m - 1} (backward), all independent; the linear output layer
 * is a layer with k = 1 and A ~ chi^2_1. On the event that no hidden layer is inactive,
 *   |x^(l)|^2 = N_l = |x|^2 prod_{m<=l} v_m A_m,  f^2 = N_{D-1} v_D A_D,
 *   Delta_D = 1,  Delta_l = f^2/N_l + v_{l+1} B_l Delta_{l+1},
 *   K = sum_l (g_l N_{l-1} + 1) Delta_l;
 * on its complement f = 0, dK = 0, K_w = 0 and K is the bias part that DeadLayers describes.
 * Expanding the products turns K into a sum of words, one letter per layer, and E[K], E[K^2],
 * E[dK] into transfer-matrix sums over layers whose per-layer factors are E[A^a B^b 1{k >= 1}],
 * exact polynomials in n and 2^-n.
 */

/**
 * How the event "some hidden layer is entirely inactive" (probability 1 - prod(1 - 2^-n_m)) is
 * treated. After such a layer every later pre-activation is exactly 0 and f = 0, so dK = 0 and
 * K_w = 0; K is the sum of the later bias gradients, which depends on ReLU'(0):
 * - 'exact': ReLU'(0) = 0 (PyTorch and JAX autodiff): only the output bias remains, K = 1;
 * - 'canonical': phi'(0) = a = 1/2 (docs/conventions.md, and the project's Monte Carlo sampler): the
 *   bias gradients of all layers above the inactive one remain, back-propagated at slope 1/2;
 * - 'ignore': the event is dropped, which is the word automaton exactly as written in
 *   docs/theory.md S3.4 (kept to reproduce the automaton's numbers and to measure the
 *   difference).
 */
export type DeadLayers = 'exact' | 'canonical' | 'ignore';

export interface EngineOptions {
  readonly deadLayers?: DeadLayers;
}

export interface NtkMoments<T> {
  readonly EK: T;
  readonly EKw: T;
  readonly EKb: T;
  readonly EK2: T;
  readonly EKw2: T;
  readonly EKb2: T;
  readonly EKwKb: T;
  /** Probability that some hidden layer is entirely inactive (then K = K_b = 1). */
  readonly pDead: T;
}

export interface UpdateMoments<T> {
  /** E[Delta_ww] (Hanin & Nica 2019 Sec. 4: -dK/(2 lambda) = Delta_ww + 2 Delta_wb + Delta_bb). */
  readonly EDww: T;
  /** E[Delta_wb], each weight-bias pair once. */
  readonly EDwb: T;
  /** E[dK(x,x)]/lambda = -2(E[Delta_ww] + 2 E[Delta_wb]); negative (docs/theory.md H3.1 item 3). */
  readonly EdK: T;
}

interface Edge<T> {
  readonly from: number;
  readonly to: number;
  /** Exponents of A_l and B_l in this letter. */
  readonly a: number;
  readonly b: number;
  readonly coef: T;
}

function binomial(n: number, r: number): bigint {
  if (r > n) return 0n;
  let c = 1n;
  for (let i = 0; i < r; i++) c = (c * BigInt(n - i)) / BigInt(i + 1);
  return c;
}

/**
 * E[A^a B^b 1{k >= 1}] for a hidden layer of width n (E[A^a B^b] under 'ignore'), E[A^a] for the
 * output layer. E[A^a B^b | k] = prod_{r<a}(k + 2r) prod_{r<b}(k - 1 + 2r) is a polynomial P(k);
 * Newton's forward differences give E[P(k)] = sum_r Delta^r P(0) C(n, r) 2^-r exactly.
 */
class LayerMoments<T> {
  private readonly cache = new Map<string, T>();
  constructor(
    private readonly F: Field<T>,
    private readonly dead: DeadLayers,
  ) {}

  get(width: number, output: boolean, a: number, b: number): T {
    const key = `${width},${output},${a},${b}`;
    let v = this.cache.get(key);
    if (v === undefined) {
      v = output ? this.outputMoment(a, b) : this.hiddenMoment(width, a, b);
      this.cache.set(key, v);
    }
    return v;
  }

  private outputMoment(a: number, b: number): T {
    if (b !== 0) throw new Error('exactMoments: the output layer has no backward chi-square');
    let m = 1n;
    for (let r = 0; r < a; r++) m *= BigInt(1 + 2 * r);
    return this.F.int(m);
  }

  private hiddenMoment(n: number, a: number, b: number): T {
    const { F } = this;
    const P = (k: number): bigint => {
      let p = 1n;
      for (let r = 0; r < a; r++) p *= BigInt(k + 2 * r);
      for (let r = 0; r < b; r++) p *= BigInt(k - 1 + 2 * r);
      return p;
    };
    let diffs = Array.from({ length: a + b + 1 }, (_, k) => P(k));
    let sum = F.zero;
    for (let r = 0; r <= a + b; r++) {
      sum = F.add(sum, F.div(F.int(diffs[0] * binomial(n, r)), F.int(1n << BigInt(r))));
      diffs = diffs.slice(1).map((d, i) => d - diffs[i]);
    }
    return this.dead !== 'ignore' ? F.sub(sum, F.mul(F.int(P(0)), F.pow2neg(n))) : sum;
  }
}

/** Sum over accepted words of prod_l E[letter_l]: a vector over states, one step per layer. */
function runChain<T>(
  F: Field<T>,
  net: ZeroBiasReluNet<T>,
  mom: LayerMoments<T>,
  edgesAt: (l: number) => Edge<T>[],
  start: T[],
  accept: number,
): T {
  const D = net.widths.length - 1;
  let cur = F.vector(start);
  for (let l = 1; l <= D; l++) {
    const terms: Term<T>[] = [];
    for (const e of edgesAt(l)) {
      if (cur.isZero(e.from)) continue;
      terms.push({ from: e.from, to: e.to, factor: F.mul(e.coef, mom.get(net.widths[l], l === D, e.a, e.b)) });
    }
    cur = cur.step(terms, start.length);
  }
  return cur.get(accept);
}

/** Sum over accepted pairs of words of prod_l E[letter_l letter'_l] (layers are independent). */
function runPairChain<T>(
  F: Field<T>,
  net: ZeroBiasReluNet<T>,
  mom: LayerMoments<T>,
  edgesAt: (l: number) => Edge<T>[],
  nStates: number,
  start1: T[],
  start2: T[],
  accept: number,
): T {
  const D = net.widths.length - 1;
  let cur = F.vector(start1.flatMap((s1) => start2.map((s2) => F.mul(s1, s2))));
  for (let l = 1; l <= D; l++) {
    const edges = edgesAt(l);
    const terms: Term<T>[] = [];
    for (const e1 of edges) {
      for (const e2 of edges) {
        const from = e1.from * nStates + e2.from;
        if (cur.isZero(from)) continue;
        const factor = F.mul(F.mul(e1.coef, e2.coef), mom.get(net.widths[l], l === D, e1.a + e2.a, e1.b + e2.b));
        terms.push({ from, to: e1.to * nStates + e2.to, factor });
      }
    }
    cur = cur.step(terms, nStates * nStates);
  }
  return cur.get(accept * nStates + accept);
}

/**
 * Word automaton of K (docs/theory.md S3.4, with the layer weight-gradient gain g_l
 * that the NTK parameterisation needs). States: A = weight-word prefix (letter v A), O = bias-word
 * prefix (letter 1), B = backward run (letter v_{l+1} B_l), C = after the switch (letter v A).
 * Weight word of layer l, switch t: A^{l-1} [g_l] B^{t-l} S C^{D-t}; bias word: O^{l-1} B^{t-l} S C^{D-t}.
 */
const K_A = 0;
const K_O = 1;
const K_B = 2;
const K_C = 3;

function kEdges<T>(F: Field<T>, net: ZeroBiasReluNet<T>): (l: number) => Edge<T>[] {
  const D = net.widths.length - 1;
  return (l) => {
    const v = net.forwardVariance[l - 1];
    const g = net.weightGain[l - 1];
    const edges: Edge<T>[] = [
      { from: K_A, to: K_A, a: 1, b: 0, coef: v },
      { from: K_A, to: K_C, a: 0, b: 0, coef: g },
      { from: K_O, to: K_O, a: 0, b: 0, coef: F.one },
      { from: K_O, to: K_C, a: 0, b: 0, coef: F.one },
      { from: K_B, to: K_C, a: 0, b: 0, coef: F.one },
      { from: K_C, to: K_C, a: 1, b: 0, coef: v },
    ];
    if (l < D) {
      const vNext = net.forwardVariance[l];
      edges.push(
        { from: K_A, to: K_B, a: 0, b: 1, coef: F.mul(g, vNext) },
        { from: K_O, to: K_B, a: 0, b: 1, coef: vNext },
        { from: K_B, to: K_B, a: 0, b: 1, coef: vNext },
      );
    }
    return edges;
  };
}

/**
 * 1 - prod_m (1 - 2^-n_m) as the two-state chain (alive, dead): Float64 keeps 2^-64-sized
 * probabilities instead of cancelling them against 1, and the exact field normalises once.
 */
function deadProbability<T>(F: Field<T>, widths: readonly number[]): T {
  let state = F.vector([F.one, F.zero]);
  for (let m = 1; m < widths.length - 1; m++) {
    const p = F.pow2neg(widths[m]);
    state = state.step(
      [
        { from: 0, to: 0, factor: F.sub(F.one, p) },
        { from: 0, to: 1, factor: p },
        { from: 1, to: 1, factor: F.one },
      ],
      2,
    );
  }
  return state.get(1);
}

/**
 * E[K 1{dead}] and E[K^2 1{dead}] under phi'(0) = 1/2 ('canonical'). If m is the first inactive
 * hidden layer, K = G_{m+1} = sum_{l>m} |delta^(l)|^2 with delta^(D) = 1 and
 * |delta^(l)|^2 = X_l |delta^(l+1)|^2, X_l = (v_{l+1}/4) chi^2_{n_l} (slope 1/2, weights of layer
 * l + 1 independent of the event). From the top: T_l = X_l T_{l+1}, G_l = T_l + G_{l+1}, and the
 * moments E[T^2], E[T G], E[G], E[G^2] follow layer by layer.
 */
function canonicalDeadMoments<T>(F: Field<T>, net: ZeroBiasReluNet<T>): { EK: T; EK2: T } {
  const D = net.widths.length - 1;
  const quarter = F.div(F.one, F.int(4));
  // moments of G_l, T_l for l = D..2; index l
  const EG: T[] = [];
  const EG2: T[] = [];
  let ET = F.one;
  let ET2 = F.one;
  let ETG = F.one;
  EG[D] = F.one;
  EG2[D] = F.one;
  for (let l = D - 1; l >= 2; l--) {
    const n = net.widths[l];
    const x = F.mul(quarter, net.forwardVariance[l]);
    const EX = F.mul(x, F.int(n));
    const EX2 = F.mul(F.mul(x, x), F.int(n * (n + 2)));
    const ET2next = F.mul(EX2, ET2);
    const cross = F.mul(EX, ETG);
    EG2[l] = F.add(F.add(ET2next, F.add(cross, cross)), EG2[l + 1]);
    ETG = F.add(ET2next, cross);
    ET = F.mul(EX, ET);
    ET2 = ET2next;
    EG[l] = F.add(ET, EG[l + 1]);
  }
  let alive = F.one;
  let EK = F.zero;
  let EK2 = F.zero;
  for (let m = 1; m < D; m++) {
    const p = F.pow2neg(net.widths[m]);
    const first = F.mul(alive, p);
    EK = F.add(EK, F.mul(first, EG[m + 1]));
    EK2 = F.add(EK2, F.mul(first, EG2[m + 1]));
    alive = F.mul(alive, F.sub(F.one, p));
  }
  return { EK, EK2 };
}

/** E[K 1{dead}] and E[K^2 1{dead}] (K = K_b there; K_w = 0) for each treatment of the event. */
function deadMoments<T>(F: Field<T>, net: ZeroBiasReluNet<T>, dead: DeadLayers): { EK: T; EK2: T; p: T } {
  if (dead === 'ignore') return { EK: F.zero, EK2: F.zero, p: F.zero };
  const p = deadProbability(F, net.widths);
  return dead === 'exact' ? { EK: p, EK2: p, p } : { ...canonicalDeadMoments(F, net), p };
}

function kStart<T>(F: Field<T>, net: ZeroBiasReluNet<T>, include: Include): T[] {
  return [include === 'biases' ? F.zero : net.norm2, include === 'weights' ? F.zero : F.one, F.zero, F.zero];
}

/**
 * E[K] and E[K^2] of K, K_w or K_b alone (one single and one pair chain; docs/theory.md part S
 * Sec. 3.4 "drop O for weights only, drop A for biases only"), exact for Gaussian weights.
 * On the inactive-layer event K = K_b = 1 and K_w = 0.
 */
export function ntkMean2<T>(
  F: Field<T>,
  net: ZeroBiasReluNet<T>,
  include: Include,
  options: EngineOptions = {},
): { EK: T; EK2: T } {
  const dead = options.deadLayers ?? 'exact';
  const mom = new LayerMoments(F, dead);
  const edges = kEdges(F, net);
  const start = kStart(F, net, include);
  const onDead = include === 'weights' ? deadMoments(F, net, 'ignore') : deadMoments(F, net, dead);
  return {
    EK: F.add(runChain(F, net, mom, edges, start, K_C), onDead.EK),
    EK2: F.add(runPairChain(F, net, mom, edges, 4, start, start, K_C), onDead.EK2),
  };
}

/**
 * E[K], E[K^2] and their weight/bias parts (docs/theory.md H3.2 E1, E2, E7;
 * docs/theory.md S3.2-3.4), exact for Gaussian weights in the net's convention.
 * E[K_w], E[K_b] hold for any symmetric weight law with a density (they need only second moments).
 */
export function ntkMoments<T>(F: Field<T>, net: ZeroBiasReluNet<T>, options: EngineOptions = {}): NtkMoments<T> {
  const dead = options.deadLayers ?? 'exact';
  const mom = new LayerMoments(F, dead);
  const edges = kEdges(F, net);
  const w = kStart(F, net, 'weights');
  const b = kStart(F, net, 'biases');
  const onDead = deadMoments(F, net, dead);
  const EKw = runChain(F, net, mom, edges, w, K_C);
  const EKb = F.add(runChain(F, net, mom, edges, b, K_C), onDead.EK);
  const EKw2 = runPairChain(F, net, mom, edges, 4, w, w, K_C);
  const EKwKb = runPairChain(F, net, mom, edges, 4, w, b, K_C);
  const EKb2 = F.add(runPairChain(F, net, mom, edges, 4, b, b, K_C), onDead.EK2);
  return {
    EK: F.add(EKw, EKb),
    EKw,
    EKb,
    EK2: F.add(F.add(EKw2, EKb2), F.add(EKwKb, EKwKb)),
    EKw2,
    EKb2,
    EKwKb,
    pDead: onDead.p,
  };
}

/**
 * Word automaton of N * (d^2/dt^2) N(theta + t grad N) (docs/theory.md H3.2 E7, the E[N g^T H g]
 * sum over (i, m, j, t)). With dW_hat^(j) = g_j delta^(j) x^(j-1)^T the second directional
 * derivative is N'' = 2 sum_j g_j |delta^(j)|^2 <x^(j-1), xdot^(j-1)>, where the tangent
 * xdot^(j-1) collects (g_i N_{i-1} + 1) J_{j-1<-i} delta^(i) from every layer i < j (weights: the
 * g_i N_{i-1} part, giving Delta_ww; biases: the 1, giving 2 Delta_wb). States:
 * W0/B0 = before layer i (weight/bias source), R = inside [i, m), M = inside (m, j),
 * J = inside (j, t), T = after the switch t of Delta_j.
 */
const U_W0 = 0;
const U_B0 = 1;
const U_R = 2;
const U_M = 3;
const U_J = 4;
const U_T = 5;

function updateEdges<T>(F: Field<T>, net: ZeroBiasReluNet<T>): (l: number) => Edge<T>[] {
  const D = net.widths.length - 1;
  const two = F.int(2);
  return (l) => {
    const v = net.forwardVariance[l - 1];
    const g = net.weightGain[l - 1];
    const v2 = F.mul(v, v);
    const edges: Edge<T>[] = [
      { from: U_W0, to: U_W0, a: 2, b: 0, coef: v2 },
      { from: U_B0, to: U_B0, a: 1, b: 0, coef: v },
      { from: U_W0, to: U_M, a: 1, b: 0, coef: F.mul(g, v) },
      { from: U_B0, to: U_M, a: 1, b: 0, coef: v },
      { from: U_R, to: U_M, a: 1, b: 0, coef: v },
      { from: U_M, to: U_M, a: 2, b: 0, coef: v2 },
      { from: U_M, to: U_T, a: 1, b: 0, coef: F.mul(two, F.mul(g, v)) },
      { from: U_J, to: U_T, a: 1, b: 0, coef: v },
      { from: U_T, to: U_T, a: 2, b: 0, coef: v2 },
    ];
    if (l < D) {
      const vv = F.mul(v, net.forwardVariance[l]);
      edges.push(
        { from: U_W0, to: U_R, a: 1, b: 1, coef: F.mul(g, vv) },
        { from: U_B0, to: U_R, a: 1, b: 1, coef: vv },
        { from: U_R, to: U_R, a: 1, b: 1, coef: vv },
        { from: U_M, to: U_J, a: 1, b: 1, coef: F.mul(two, F.mul(g, vv)) },
        { from: U_J, to: U_J, a: 1, b: 1, coef: vv },
      );
    }
    return edges;
  };
}

/**
 * E[Delta_ww], E[Delta_wb] and E[dK]/lambda for one SGD step on {x} with loss (N - N_*)^2/2
 * (Hanin & Nica 2019 Sec. 4, Thm. 2 quantity; docs/theory.md H1 "dK", Sec. 3.1 item 3, Sec. 3.2
 * E7), exact for Gaussian weights; the N_* part has mean 0 and Delta_bb = 0 (E4).
 */
export function updateMoments<T>(F: Field<T>, net: ZeroBiasReluNet<T>, options: EngineOptions = {}): UpdateMoments<T> {
  const mom = new LayerMoments(F, options.deadLayers ?? 'exact');
  const edges = updateEdges(F, net);
  const start = (s: number, w: T) => Array.from({ length: 6 }, (_, i) => (i === s ? w : F.zero));
  const EDww = runChain(F, net, mom, edges, start(U_W0, F.mul(net.norm2, net.norm2)), U_T);
  const EDwb = F.div(runChain(F, net, mom, edges, start(U_B0, net.norm2), U_T), F.int(2));
  return { EDww, EDwb, EdK: F.mul(F.int(-2), F.add(EDww, F.mul(F.int(2), EDwb))) };
}
