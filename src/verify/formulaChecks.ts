import { fromCoefficients, preset } from '../activation/family.js';
import type { WeightLaw } from '../montecarlo/random.js';
import type { BiasMode, NetworkSpec, Parameterization } from '../spec/network.js';
import { Fraction } from '../util/exact.js';
import type { QuantityName } from './quantities.js';

/**
 * The registry formulas that ntkcalc's sampler can check (docs/validate.md, "verify"), each as one
 * simulated quantity of one network with the formula's value as the reference. The registry is
 * passed in as `Evaluate` (src/ never imports formulas/); every formula listed here or in
 * NOT_CHECKABLE is one registry entry, and a test keeps the two lists complete.
 */
export type Evaluate = (id: string, values: Record<string, number>) => number;

/** 'equal': a two-sided test; 'ratio': an up-to-constants statement, its ratio reported only. */
export type CheckRole = 'equal' | 'ratio';

export interface FormulaCheck {
  readonly formula: string;
  /** What is simulated, in words. */
  readonly what: string;
  readonly role: CheckRole;
  readonly quick: boolean;
  readonly spec: NetworkSpec;
  readonly law: WeightLaw;
  readonly inputs: readonly (readonly number[])[];
  readonly quantity: QuantityName;
  readonly entry: readonly [number, number];
  /** Networks simulated (quick suite; full uses FULL_FACTOR times more). */
  readonly samples: number;
  readonly theory: (ev: Evaluate) => number;
}

export const FULL_FACTOR = 4;

const X = [0.8, -0.6, 0.5];
const Y = [0.2, 0.9, -0.4];
const N0 = X.length;
const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0);
const XX = dot(X, X);
const XY = dot(X, Y);
const YY = dot(Y, Y);
const RHO = XY / Math.sqrt(XX * YY);
const Q4 = X.reduce((s, v) => s + v ** 4, 0);

/** phi(s) = s/5 + |s|/2: neither odd nor ReLU, so no symmetry hides a wrong coefficient. */
const LEAKY = { a: 0.2, b: 0.5 };
const leakyAct = fromCoefficients('1/5', '1/2');

interface NetOptions {
  readonly activation?: 'leaky' | 'relu';
  readonly sw2: (layer: number, depth: number) => Fraction;
  readonly sb2?: Fraction;
  readonly bias: BiasMode;
  readonly parameterization?: Parameterization;
}

function network(depth: number, width: number, o: NetOptions): NetworkSpec {
  return {
    activation: o.activation === 'relu' ? preset('relu') : leakyAct,
    depth,
    parameterization: o.parameterization ?? 'ntk',
    bias: o.bias,
    layers: Array.from({ length: depth }, (_, l) => ({
      sigmaW2: o.sw2(l, depth),
      sigmaB2: o.bias === 'present' ? (o.sb2 ?? new Fraction(0)) : new Fraction(0),
    })),
    hiddenWidths: Array.from({ length: depth - 1 }, () => width),
  };
}

const SW2 = 1.5;
const SB2 = 0.25;
const constant = (v: string) => () => new Fraction(v);
/** Two layers with biases: the first layer's pre-activations are exactly Gaussian at any width. */
const twoLayerBiased = network(2, 8, { sw2: constant('3/2'), sb2: new Fraction('1/4'), bias: 'present' });
const twoLayer = network(2, 8, { sw2: constant('3/2'), bias: 'absent' });
/** Hanin-Nica: ReLU, sigma_w^2 = 2 on hidden layers and 1 at the output, trainable zero-init biases. */
const haninNica = (bias: BiasMode, depth = 3, width = 16) =>
  network(depth, width, { activation: 'relu', sw2: (l, L) => new Fraction(l === L - 1 ? 1 : 2), bias });
/** Seleznova-Kutyniok: standard parameterization, sigma_w^2 = 2 on every layer, L = 2 hidden layers. */
const seleznova = (bias: BiasMode) =>
  network(3, 16, { activation: 'relu', sw2: constant('2'), bias, parameterization: 'standard' });
/** The edge of chaos of LEAKY, sigma_w^2 = 1/A_2 = 100/29, as an exact fraction for the spec. */
const EOC = new Fraction(100, 29);
const eocNet = (depth: number, width: number) => network(depth, width, { sw2: () => EOC, bias: 'absent' });

const hn = (d: number, n: number) => ({ d, n, n0: N0, q: XX });
const sk = { sw2: 2, L: 2, M: 16, n0: N0, N0: XX };
const pair = [X, Y];

/** E[phi(u) phi(v)] and E[phi'(u) phi'(v)] of the first layer's Gaussian pre-activations (with biases). */
function firstLayerDuals(ev: Evaluate) {
  const q1 = (SW2 * XX) / N0 + SB2;
  const q2 = (SW2 * YY) / N0 + SB2;
  const c = (SW2 * XY) / N0 + SB2;
  return {
    sigma1: c,
    phi: ev('infinite-width/dual-phi', { ...LEAKY, q1, q2, c }),
    dphi: ev('infinite-width/dual-dphi', { ...LEAKY, q1, q2, c }),
  };
}

/** sqrt(q1 q2) A_2 for the bias-free first layer, the scale of the normalised maps varrho, zeta. */
const scale = (ev: Evaluate) => (SW2 * Math.sqrt(XX * YY) * ev('activation/a2', LEAKY)) / N0;
const delta = (ev: Evaluate) => ev('activation/delta', LEAKY);

/**
 * An entry with the settings most share: a two-sided test ('equal') on Gaussian weights, in the
 * full suite only, 16,384 networks, the diagonal entry of the input X; an entry states what differs.
 */
const check = (
  c: Pick<FormulaCheck, 'formula' | 'what' | 'spec' | 'quantity' | 'theory'> & Partial<FormulaCheck>,
): FormulaCheck => ({ role: 'equal', law: 'gaussian', quick: false, samples: 16384, inputs: [X], entry: [0, 0], ...c });

export const FORMULA_CHECKS: readonly FormulaCheck[] = [
  check({
    formula: 'infinite-width/dual-phi',
    what: 'E[Sigma^(2)(x,y)] = sw2 E[phi(u)phi(v)] + sb2, two layers, width 8, biases',
    quick: true,
    spec: twoLayerBiased,
    inputs: pair,
    quantity: 'nngp_mean',
    entry: [0, 1],
    theory: (ev) => SW2 * firstLayerDuals(ev).phi + SB2,
  }),
  check({
    formula: 'infinite-width/dual-dphi',
    what: "E[Theta^(2)(x,y)] = Sigma^(2) + sw2 E[phi'(u)phi'(v)] Theta^(1), two layers, width 8, biases",
    quick: true,
    spec: twoLayerBiased,
    inputs: pair,
    quantity: 'ntk_mean',
    entry: [0, 1],
    theory: (ev) => {
      const d = firstLayerDuals(ev);
      return SW2 * d.phi + SB2 + SW2 * d.dphi * d.sigma1;
    },
  }),
  check({
    formula: 'activation/a2',
    what: 'E[Sigma^(2)(x,x)] = sw2 A_2 q^(1), two layers, width 8, no biases',
    spec: twoLayer,
    quantity: 'nngp_mean',
    theory: (ev) => (SW2 * ev('activation/a2', LEAKY) * SW2 * XX) / N0,
  }),
  check({
    formula: 'infinite-width/varrho',
    what: 'E[Sigma^(2)(x,y)] = sw2 A_2 sqrt(q1 q2) varrho(rho), two layers, width 8, no biases',
    spec: twoLayer,
    inputs: pair,
    quantity: 'nngp_mean',
    entry: [0, 1],
    theory: (ev) => SW2 * scale(ev) * ev('infinite-width/varrho', { rho: RHO, Delta: delta(ev) }),
  }),
  check({
    formula: 'infinite-width/zeta',
    what: 'E[Sigma^(2)(x,y)] = sw2 A_2 sqrt(q1 q2) (1 - 2 zeta(z)), z = (1 - rho)/2, as above',
    spec: twoLayer,
    inputs: pair,
    quantity: 'nngp_mean',
    entry: [0, 1],
    theory: (ev) => SW2 * scale(ev) * (1 - 2 * ev('infinite-width/zeta', { z: (1 - RHO) / 2, Delta: delta(ev) })),
  }),
  check({
    formula: 'infinite-width/varrho-prime',
    what: "E[Theta^(2)(x,y)] = Sigma^(2) + sw2 A_2 varrho'(rho) Theta^(1), two layers, width 8, no biases",
    spec: twoLayer,
    inputs: pair,
    quantity: 'ntk_mean',
    entry: [0, 1],
    theory: (ev) => {
      const A2 = ev('activation/a2', LEAKY);
      const sigma2 = SW2 * scale(ev) * ev('infinite-width/varrho', { rho: RHO, Delta: delta(ev) });
      return sigma2 + SW2 * A2 * ev('infinite-width/varrho-prime', { rho: RHO, Delta: delta(ev) }) * ((SW2 * XY) / N0);
    },
  }),
  check({
    formula: 'activation/eoc-sigma-w2',
    what: 'at sigma_w^2 = 1/A_2 the NNGP diagonal keeps its first-layer value: E[Sigma^(4)(x,x)], width 8',
    quick: true,
    spec: eocNet(4, 8),
    quantity: 'nngp_mean',
    theory: (ev) => {
      // The network is built at 100/29. If the registry's point sw2 is the edge of chaos, A_2 = 1/sw2 and
      // each layer above the first multiplies the diagonal by 100/29 A_2; equal to the first layer's iff sw2 = 100/29.
      const gain = EOC.valueOf() / ev('activation/eoc-sigma-w2', LEAKY);
      return ((EOC.valueOf() * XX) / N0) * gain ** 3;
    },
  }),
  check({
    formula: 'finite-width/ntk-mean-correction',
    what: 'E[Theta^(4)(x,x)] = L K + correction, K = sw2 |x|^2/n0, at the edge of chaos, width 6, no biases',
    quick: true,
    spec: eocNet(4, 6),
    quantity: 'ntk_mean',
    theory: (ev) => (4 * EOC.valueOf() * XX) / N0 + ev('finite-width/ntk-mean-correction', { L: 4 }),
  }),
  check({
    formula: 'hanin-nica/mean',
    what: 'E[K(x,x)], ReLU, depth 3, width 16, zero-init biases',
    quick: true,
    spec: haninNica('zero-init'),
    quantity: 'ntk_mean',
    theory: (ev) => ev('hanin-nica/mean', hn(3, 16)),
  }),
  check({
    formula: 'hanin-nica/second-moment',
    what: 'E[K(x,x)^2], as above',
    quick: true,
    spec: haninNica('zero-init'),
    quantity: 'ntk_second_moment',
    theory: (ev) => ev('hanin-nica/second-moment', hn(3, 16)),
  }),
  check({
    formula: 'hanin-nica/update-mean',
    what: 'E[dK(x,x)]/lambda after one SGD step, as above (dense sampler)',
    spec: haninNica('zero-init'),
    quantity: 'ntk_update_mean',
    samples: 8192,
    theory: (ev) => ev('hanin-nica/update-mean', hn(3, 16)),
  }),
  check({
    formula: 'hanin-nica/update-ww',
    what:
      'E[dK(x,x)]/lambda = -2 E[Delta_ww] without biases (no Delta_wb terms), ReLU, depth 3, width 16 (dense ' +
      'sampler)',
    spec: haninNica('absent'),
    quantity: 'ntk_update_mean',
    samples: 8192,
    theory: (ev) => -2 * ev('hanin-nica/update-ww', hn(3, 16)),
  }),
  check({
    formula: 'hanin-nica/lemma7-dww',
    what: 'E[dK(x,x)]/lambda = -2 E[Delta_ww] with uniform weights (mu_4 = 9/5), no biases, as above',
    spec: haninNica('absent'),
    law: 'uniform',
    quantity: 'ntk_update_mean',
    samples: 8192,
    theory: (ev) => -2 * ev('hanin-nica/lemma7-dww', { ...hn(3, 16), q4: Q4, mu4: 1.8 }),
  }),
  check({
    formula: 'hanin-nica/mean-weights',
    what: 'E[K(x,x)] without biases (K = K_w), ReLU, depth 3, width 16',
    spec: haninNica('absent'),
    quantity: 'ntk_mean',
    theory: (ev) => ev('hanin-nica/mean-weights', { d: 3, n0: N0, q: XX }),
  }),
  check({
    formula: 'hanin-nica/second-moment-weights',
    what: 'E[K(x,x)^2] without biases (K = K_w), as above',
    spec: haninNica('absent'),
    quantity: 'ntk_second_moment',
    theory: (ev) => ev('hanin-nica/second-moment-weights', hn(3, 16)),
  }),
  check({
    formula: 'hanin-nica/lemma7-kw2',
    what: 'E[K_w(x,x)^2] with uniform weights (mu_4 = 9/5), no biases, as above (dense sampler)',
    spec: haninNica('absent'),
    law: 'uniform',
    quantity: 'ntk_second_moment',
    theory: (ev) => ev('hanin-nica/lemma7-kw2', { ...hn(3, 16), q4: Q4, mu4: 1.8 }),
  }),
  check({
    formula: 'seleznova-kutyniok/mean',
    what:
      'E[K(x,x)], standard parameterization, ReLU, sigma_w^2 = 2, L = 2 hidden layers of width 16, zero-init ' +
      'biases',
    quick: true,
    spec: seleznova('zero-init'),
    quantity: 'ntk_mean',
    theory: (ev) => ev('seleznova-kutyniok/mean', sk),
  }),
  check({
    formula: 'seleznova-kutyniok/second-moment',
    what: 'E[K(x,x)^2], as above',
    spec: seleznova('zero-init'),
    quantity: 'ntk_second_moment',
    theory: (ev) => ev('seleznova-kutyniok/second-moment', sk),
  }),
  check({
    formula: 'seleznova-kutyniok/dispersion',
    what: 'E[K^2]/E[K]^2, as above',
    spec: seleznova('zero-init'),
    quantity: 'ntk_moment_ratio',
    theory: (ev) => ev('seleznova-kutyniok/dispersion', sk),
  }),
  check({
    formula: 'seleznova-kutyniok/dispersion-weights',
    what: 'E[K^2]/E[K]^2 without biases (weight gradients only), as above',
    spec: seleznova('absent'),
    quantity: 'ntk_moment_ratio',
    theory: (ev) => ev('seleznova-kutyniok/dispersion-weights', sk),
  }),
  check({
    formula: 'hanin-nica/ratio-equal-width',
    what: 'E[K^2]/E[K]^2 against exp(5 d/n), ReLU, depth 6, width 16, zero-init biases',
    role: 'ratio',
    quick: true,
    spec: haninNica('zero-init', 6, 16),
    quantity: 'ntk_moment_ratio',
    theory: (ev) => ev('hanin-nica/ratio-equal-width', { d: 6, n: 16 }),
  }),
  check({
    formula: 'hanin-nica/thm1-bracket',
    what: 'E[K(x,x)^2] against the Theorem 1 bracket, ReLU, depth 3, width 16, zero-init biases',
    role: 'ratio',
    spec: haninNica('zero-init'),
    quantity: 'ntk_second_moment',
    theory: (ev) => ev('hanin-nica/thm1-bracket', hn(3, 16)),
  }),
  check({
    formula: 'hanin-nica/thm1-bracket-hidden',
    what: 'E[K(x,x)^2] against the Theorem 1 bracket over hidden layers, as above',
    role: 'ratio',
    spec: haninNica('zero-init'),
    quantity: 'ntk_second_moment',
    theory: (ev) => ev('hanin-nica/thm1-bracket-hidden', hn(3, 16)),
  }),
  check({
    formula: 'finite-width/ntk-variance',
    what: 'E[K^2]/E[K]^2 against 1 + c(r, L)/n (leading order), ReLU at criticality, depth 3, width 64, no biases',
    role: 'ratio',
    spec: haninNica('absent', 3, 64),
    quantity: 'ntk_moment_ratio',
    theory: (ev) => 1 + ev('finite-width/ntk-variance', { r: ev('activation/r', { a: 0.5, b: 0.5 }), L: 3 }) / 64,
  }),
];

/** Every other registry entry, and why a simulation of finite networks does not check it. */
export const NOT_CHECKABLE: Readonly<Record<string, string>> = {
  'activation/delta': 'a constant of phi alone; it enters the varrho and zeta checks, which would fail with it',
  'activation/kappa': 'a constant of phi alone (a Lipschitz ratio); no network quantity has it as its mean',
  'activation/a4': 'a constant of phi alone; it enters only leading-order variance statements (finite-width/*)',
  'activation/r': 'a constant of phi alone; it enters the finite-width/ntk-variance ratio',
  'activation/eoc-sigma-b2': 'the constant 0 (no bias at the edge of chaos); nothing to simulate',
  'activation/slope-positive': 'a change of convention (PDLT slopes), not a statement about networks',
  'activation/slope-negative': 'a change of convention (PDLT slopes), not a statement about networks',
  'terjek/ntk-eoc':
    'the infinite-width NTK at depth l; finite networks match it off the diagonal only up to O(l/n) (validate ' +
    '--reference infinite-width)',
  'terjek/depth-asymptotic-distance': 'asymptotic in depth; no finite-size value to test',
  'terjek/icd-approximation':
    'a bound on the infinite-width kernel, not on a finite network; the unit tests check it against the recursion',
  'finite-width/vertex': 'asymptotic (leading order in 1/n) with an unknown remainder constant',
  'terjek/concentration-bound':
    'up to an unknown constant C and a probability event; no simulated mean to compare with',
  'terjek/concentration-probability':
    "a probability bound for the concentration event, which is defined through terjek/concentration-bound's " +
    'unknown constant C',
  'terjek/prefactor': 'a constant of phi alone (Delta^-2 kappa^2), the prefactor of an up-to-constants bound',
  'terjek/spectrum-xi': 'a parameter of the spectrum asymptotics (up to constants), not a simulated quantity',
  'terjek/spectrum-top':
    "eigenvalues of the infinite-width NTK Gram matrix up to constants; the sampler's rows are kernel entries",
  'terjek/spectrum-bulk':
    "eigenvalues of the infinite-width NTK Gram matrix up to constants; the sampler's rows are kernel entries",
  'terjek/spectrum-condition':
    'a condition number of the infinite-width Gram matrix up to constants; not a kernel entry',
  'hanin-nica/mean-biases':
    'the bias part E[K_b] alone; the sampler records the NTK summed over all parameters (hanin-nica/mean checks ' +
    'the sum)',
  'hanin-nica/mean-biases-printed':
    'the paper as printed, known wrong (registry notes); the corrected entries are checked',
  'hanin-nica/mean-printed': 'the paper as printed, known wrong (registry notes); hanin-nica/mean is checked',
  'hanin-nica/second-moment-biases': 'the bias part alone; the sampler records the NTK summed over all parameters',
  'hanin-nica/mixed-moment': 'E[K_w K_b] needs the two parts apart; the sampler records their sum',
  'hanin-nica/update-wb': 'a part of E[dK] (weight-bias terms); the sampler records dK summed over all parameters',
  'hanin-nica/update-ratio-equal-width':
    'E[dK]/E[K], a ratio of two quantities from one run; validate rows hold one quantity each',
  'hanin-nica/thm2-bracket': 'brackets |E[dK]|, which update-mean checks exactly; the ratio would add nothing',
  'hanin-nica/thm2-bracket-hidden': 'brackets |E[dK]|, which update-mean checks exactly; the ratio would add nothing',
  'seleznova-kutyniok/dispersion-biases': 'the bias part alone; the sampler records the NTK summed over all parameters',
  'seleznova-kutyniok/ordered-limit': 'a limit as depth -> infinity; no finite network has it',
  'seleznova-kutyniok/finite-width-threshold': 'a threshold on the width from a limit; no finite-network mean',
  'seleznova-kutyniok/eoc-limit': 'a limit in depth and width (lambda = L/M fixed); no finite network has it',
  'seleznova-kutyniok/weights-limit': 'a limit in depth and width (lambda = L/M fixed); no finite network has it',
  'seleznova-kutyniok/biases-limit': 'a limit in depth and width (lambda = L/M fixed); no finite network has it',
  'seleznova-kutyniok/cross-limit': 'a limit in depth and width (lambda = L/M fixed); no finite network has it',
  'seleznova-kutyniok/chaotic-limit': 'a limit in depth and width (lambda = L/M fixed); no finite network has it',
  'seleznova-kutyniok/near-critical':
    'an expansion near the edge of chaos in the joint limit; no finite network has it',
};
