import { theorem1Bracket, theorem2Bracket } from '../src/finite-width/brackets.js';
import { ntkMoments, updateMoments } from '../src/finite-width/exactMoments.js';
import { exactField, type Field, floatField } from '../src/finite-width/field.js';
import { lemma7Moments } from '../src/finite-width/lemma7.js';
import { haninNicaNet, type ZeroBiasReluNet } from '../src/finite-width/network.js';
import { checkDepth } from '../src/spec/numbers.js';
import { type Fraction, rationalLatex } from '../src/util/exact.js';
import { closedForm } from './define.js';
import type { Formula, TestVector, Variable } from './types.js';

/**
 * Hanin & Nica 2019, "Finite Depth and Width Corrections to the Neural Tangent Kernel"
 * (arXiv 1909.05989 v1; docs/theory.md part H). Registry entries use equal hidden widths n (the library and
 * `ntkcalc hanin-nica` take any widths n_0, ..., n_{d-1}, 1). Convention 'hanin-nica': NTK
 * parameterisation, hidden gain 2, output gain 1, unscaled zero-initialised trainable biases.
 */

const paper = { citation: 'Hanin & Nica 2019', arxiv: '1909.05989' };
const intAtLeast1 = (v: number) => (Number.isInteger(v) && v >= 1 ? undefined : 'must be an integer >= 1');

const d: Variable = {
  name: 'd',
  description: 'depth: number of weight layers (d - 1 hidden layers)',
  domain: 'integer >= 1',
  check: intAtLeast1,
};
const n: Variable = {
  name: 'n',
  description: 'width of every hidden layer (unused when d = 1)',
  domain: 'integer >= 1',
  check: intAtLeast1,
};
const n0: Variable = { name: 'n0', description: 'input dimension', domain: 'integer >= 1', check: intAtLeast1 };
const q: Variable = {
  name: 'q',
  description: '|x|_2^2',
  domain: '> 0',
  check: (v) => (v > 0 ? undefined : 'must be > 0 (x != 0)'),
};
const q4: Variable = {
  name: 'q4',
  description: '|x|_4^4',
  domain: '> 0, q4 <= q^2',
  relation: ({ q, q4 }) => (q4.compare(0) > 0 && q4.compare(q.mul(q)) <= 0 ? undefined : 'must satisfy 0 < q4 <= q^2'),
};
const mu4: Variable = {
  name: 'mu4',
  description: 'fourth moment of the unit-variance weight law (Gaussian 3, uniform 9/5)',
  domain: '>= 1',
  relation: ({ mu4 }) => (mu4.compare(1) >= 0 ? undefined : 'must be >= 1'),
};
const NET = [d, n, n0, q];

/** Hanin & Nica's test vectors TV1-TV4 (docs/theory.md H6); x = (1,1) or (1, 1/2, -1). */
const TV: Record<string, string>[] = [
  { d: '1', n: '1', n0: '2', q: '2' },
  { d: '2', n: '3', n0: '2', q: '2' },
  { d: '3', n: '2', n0: '3', q: '9/4' },
  { d: '3', n: '4', n0: '2', q: '2' },
];
const TV_Q4 = ['2', '2', '33/16', '2'];
const TV_NOTE = ['TV1 [2,1]', 'TV2 [2,3,1]', 'TV3 [3,2,2,1]', 'TV4 [2,4,4,1]'];
const TV4 = TV[3];

interface VectorOptions {
  /** Keep only these variables (entries that need fewer than d, n, n0, q). */
  readonly vars?: readonly string[];
  /** Add |x|_4^4 and this mu_4 (Lemma 7 entries). */
  readonly mu4?: string;
  readonly source?: string;
}

function vectors(exact: readonly string[], opts: VectorOptions = {}): TestVector[] {
  return exact.map((e, i) => {
    const [num, den = '1'] = e.split('/');
    const all = opts.mu4 === undefined ? TV[i] : { ...TV[i], q4: TV_Q4[i], mu4: opts.mu4 };
    const values = opts.vars ? Object.fromEntries(opts.vars.map((k) => [k, all[k]])) : all;
    return {
      values,
      expected: Number(num) / Number(den),
      exact: e,
      relTol: 1e-13,
      note: `${TV_NOTE[i]}, ${opts.source ?? 'docs/theory.md H6'}`,
    };
  });
}

function widthsOf(v: Record<string, { valueOf(): number }>): number[] {
  const depth = v.d.valueOf();
  checkDepth(depth, 'd =');
  return [v.n0.valueOf(), ...Array.from({ length: depth - 1 }, () => v.n.valueOf()), 1];
}

type Pick = <T>(F: Field<T>, net: ZeroBiasReluNet<T>) => T;

/** A registry entry evaluated by the exact-moment engine (exact and Float64 from one code path). */
function engineEntry(
  spec: Omit<Formula, 'evaluate' | 'exact' | 'variables' | 'convention' | 'source'> & { where: string; pick: Pick },
): Formula {
  const { where, pick, ...rest } = spec;
  return {
    ...rest,
    source: { ...paper, where },
    convention: 'hanin-nica',
    variables: NET,
    evaluate: (v) => pick(floatField, haninNicaNet(floatField, widthsOf(v), v.q)),
    exact: (v) => {
      const f = pick(exactField, haninNicaNet(exactField, widthsOf(v), v.q));
      return { exact: f.toFraction(), latex: rationalLatex(f) };
    },
  };
}

const E7 =
  'docs/theory.md H3.2 E7 (exact Gaussian representation, derived there, MC-verified); ntkcalc ' +
  'src/finite-width/exactMoments.ts';
const DEAD =
  'Includes the events that a whole hidden layer is inactive (probability 1 - prod(1 - 2^-n_i)), on which K = 1 ' +
  "and dK = 0 (ReLU'(0) = 0 as in autodiff).";
const GAUSS =
  'Gaussian weights only: for other laws second moments change through mu_4 (docs/theory.md H3.1 item 5); see ' +
  'hanin-nica/lemma7-kw2 for E[K_w^2] at any mu_4.';

const lemma7 = (pick: 'EKw2' | 'EDww') => ({
  evaluate: (v: Record<string, number>) => lemma7Moments(floatField, widthsOf(v), v.q, v.q4, v.mu4)[pick],
  exact: (v: Record<string, Fraction>) => {
    const f = lemma7Moments(exactField, widthsOf(v), v.q, v.q4, v.mu4)[pick];
    return { exact: f.toFraction(), latex: rationalLatex(f) };
  },
});

const bracket = (which: 1 | 2, beta: 'withBetaPrinted' | 'withBetaHidden') => (v: Record<string, number>) =>
  (which === 1 ? theorem1Bracket : theorem2Bracket)(widthsOf(v), v.q)[beta];

export const haninNicaFormulas: Formula[] = [
  closedForm({
    id: 'hanin-nica/mean-weights',
    docs: 'docs/theory.md#H3.2',
    title: 'Mean of the weight part E[K_w]',
    source: { ...paper, where: 'Prop. 3 (docs/theory.md H3.2 E1)' },
    kind: 'exact',
    convention: 'hanin-nica',
    variables: [d, n0, q],
    lhs: '\\mathbb{E}[K_w]',
    expression: 'd * q / n0',
    testVectors: vectors(['1', '2', '9/4', '3'], { vars: ['d', 'n0', 'q'] }),
    notes: [
      'Each layer contributes exactly |x|^2/n_0, for any admissible weight law and any widths, dead layers included.',
    ],
  }),
  closedForm({
    id: 'hanin-nica/mean-biases',
    docs: 'docs/theory.md#H3.2',
    title: 'Mean of the bias part E[K_b] (corrected)',
    source: { ...paper, where: 'Prop. 4, corrected in docs/theory.md H3.1 item 2 and Sec. 3.2 E2' },
    kind: 'derived',
    convention: 'hanin-nica',
    variables: [d, n],
    lhs: '\\mathbb{E}[K_b]',
    expression: '1 + 2^(n - 1) * (1 - (1 - 2^(-n))^(d - 1))',
    testVectors: vectors(['1', '3/2', '15/8', '63/32'], { vars: ['d', 'n'] }),
    notes: [
      'General widths: E[K_b] = 1 + (1/2) sum_{l=1}^{d-1} prod_{i<l} (1 - 2^{-n_i}) (ntkcalc hanin-nica computes ' +
        'it for any widths); equal widths give this geometric sum.',
      'The paper prints E[K_b] = d/2 (hanin-nica/mean-biases-printed). It is wrong: the output layer is linear, so ' +
        'dN/db^(d) = 1 contributes 1, not 1/2; and with zero biases a hidden layer is entirely inactive with ' +
        'probability 2^{-n_i}, killing the bias gradients of later layers.',
      'Check at d = 1: K = |x|^2/n_0 + 1 is deterministic, so E[K_b] = 1; the paper gives 1/2. Verified by Monte ' +
        'Carlo in test/finite-width.',
    ],
  }),
  closedForm({
    id: 'hanin-nica/mean-biases-printed',
    docs: 'docs/theory.md#H3.1',
    title: 'E[K_b] as printed in the paper (incorrect: off by 1/2 and dead-layer terms)',
    source: { ...paper, where: 'Prop. 4 as printed' },
    kind: 'exact',
    convention: 'hanin-nica',
    variables: [d],
    lhs: '\\mathbb{E}[K_b]_{\\text{printed}}',
    expression: 'd / 2',
    testVectors: [{ values: { d: '3' }, expected: 1.5, exact: '3/2', note: 'TV3: the correct value is 15/8' }],
    notes: ['Kept as printed for comparison only. ntkcalc uses hanin-nica/mean-biases.'],
  }),
  closedForm({
    id: 'hanin-nica/mean',
    docs: 'docs/theory.md#H3.2',
    title: 'Mean of the NTK E[K(x,x)] (corrected Theorem 1 mean)',
    source: { ...paper, where: 'Thm. 1 (mean), corrected in docs/theory.md H3.1 item 2' },
    kind: 'derived',
    convention: 'hanin-nica',
    variables: [d, n, n0, q],
    lhs: '\\mathbb{E}[K]',
    expression: 'd * q / n0 + 1 + 2^(n - 1) * (1 - (1 - 2^(-n))^(d - 1))',
    testVectors: vectors(['2', '7/2', '33/8', '159/32']),
    notes: [
      '= E[K_w] + E[K_b]; the paper prints d (1/2 + |x|^2/n_0) (hanin-nica/mean-printed), which is wrong by about 1/2.',
    ],
  }),
  closedForm({
    id: 'hanin-nica/mean-printed',
    docs: 'docs/theory.md#H3.1',
    title: 'Theorem 1 mean as printed (incorrect)',
    source: { ...paper, where: 'Thm. 1 as printed' },
    kind: 'exact',
    convention: 'hanin-nica',
    variables: [d, n0, q],
    lhs: '\\mathbb{E}[K]_{\\text{printed}}',
    expression: 'd * (1/2 + q / n0)',
    testVectors: [
      { values: { d: '3', n0: '2', q: '2' }, expected: 4.5, exact: '9/2', note: 'TV4: the correct value is 159/32' },
    ],
    notes: ['Kept as printed for comparison only. ntkcalc uses hanin-nica/mean.'],
  }),
  engineEntry({
    id: 'hanin-nica/second-moment',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact second moment E[K(x,x)^2], Gaussian weights',
    where: `Thm. 1 (second moment, stated only up to constants); exact value from ${E7}`,
    kind: 'derived',
    latex:
      '\\mathbb{E}[K^2] = \\mathbb{E}[(K_w + K_b)^2],\\; K = \\sum_{j=1}^{d} (s_j q_{j-1} + 1) r_j \\text{ (E7 ' +
      'representation)}',
    pick: (F, net) => ntkMoments(F, net).EK2,
    testVectors: vectors(['4', '56/3', '4651/64', '14875/256']),
    notes: [
      GAUSS,
      DEAD,
      'Derived in docs/theory.md part H (not in the paper); verified here against Monte Carlo of full networks ' +
        "and, for E[K_w^2], against the paper's own Lemma 7 sums (hanin-nica/lemma7-kw2) at mu_4 = 3.",
    ],
  }),
  engineEntry({
    id: 'hanin-nica/second-moment-weights',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact E[K_w^2], Gaussian weights',
    where: `Prop. 3 (up to constants); exact value from ${E7}`,
    kind: 'derived',
    latex: '\\mathbb{E}[K_w^2]',
    pick: (F, net) => ntkMoments(F, net).EKw2,
    testVectors: vectors(['1', '8', '2385/64', '489/16']),
    notes: [GAUSS, 'Equals hanin-nica/lemma7-kw2 at mu_4 = 3 exactly (tested).'],
  }),
  engineEntry({
    id: 'hanin-nica/second-moment-biases',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact E[K_b^2], Gaussian weights',
    where: `Prop. 4 (up to constants); exact value from ${E7}`,
    kind: 'derived',
    latex: '\\mathbb{E}[K_b^2]',
    pick: (F, net) => ntkMoments(F, net).EKb2,
    testVectors: vectors(['1', '8/3', '263/32', '1499/256'], { source: 'computed by ntkcalc, Monte Carlo verified' }),
    notes: [GAUSS, DEAD],
  }),
  engineEntry({
    id: 'hanin-nica/mixed-moment',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact E[K_w K_b], Gaussian weights',
    where: `Prop. 5 (up to constants); exact value from ${E7}`,
    kind: 'derived',
    latex: '\\mathbb{E}[K_w K_b]',
    pick: (F, net) => ntkMoments(F, net).EKwKb,
    testVectors: vectors(['1', '4', '435/32', '347/32'], { source: 'computed by ntkcalc, Monte Carlo verified' }),
    notes: [GAUSS],
  }),
  engineEntry({
    id: 'hanin-nica/update-mean',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact mean of the first SGD update E[dK(x,x)]/lambda, Gaussian weights',
    where: `Thm. 2 (up to constants, sign not stated); exact value from ${E7}`,
    kind: 'derived',
    latex:
      '\\lambda^{-1}\\mathbb{E}[\\Delta K] = -2\\left(\\mathbb{E}[\\Delta_{ww}] + ' +
      '2\\,\\mathbb{E}[\\Delta_{wb}]\\right) < 0',
    pick: (F, net) => updateMoments(F, net).EdK,
    testVectors: vectors(['0', '-4', '-75/2', '-85/4']),
    notes: [
      GAUSS,
      'Negative: one SGD step on x decreases K(x,x) on average (docs/theory.md H3.1 item 3). Theorem 2 bounds ' +
        '|E[dK]|/lambda, not E[dK]/lambda.',
      'First order in the learning rate lambda, loss (N - N_*)^2/2 on the batch {x}; the N_* part has mean 0.',
    ],
  }),
  engineEntry({
    id: 'hanin-nica/update-ww',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact E[Delta_ww], Gaussian weights',
    where: `Prop. 3 (up to constants); exact value from ${E7}`,
    kind: 'derived',
    latex: '\\mathbb{E}[\\Delta_{ww}]',
    pick: (F, net) => updateMoments(F, net).EDww,
    testVectors: vectors(['0', '4/3', '99/8', '15/2']),
    notes: [GAUSS, 'Equals hanin-nica/lemma7-dww at mu_4 = 3 exactly (tested).'],
  }),
  engineEntry({
    id: 'hanin-nica/update-wb',
    docs: 'docs/theory.md#H3.2',
    title: 'Exact E[Delta_wb], Gaussian weights',
    where: `Prop. 5 (up to constants); exact value from ${E7}`,
    kind: 'derived',
    latex: '\\mathbb{E}[\\Delta_{wb}]',
    pick: (F, net) => updateMoments(F, net).EDwb,
    testVectors: vectors(['0', '1/3', '51/16', '25/16']),
    notes: [
      GAUSS,
      'Each weight-bias pair counted once: -E[dK]/(2 lambda) = E[Delta_ww] + 2 E[Delta_wb] (Delta_bb = 0).',
    ],
  }),
  {
    id: 'hanin-nica/lemma7-kw2',
    docs: 'docs/theory.md#H3.2',
    title: 'E[K_w^2] by the Lemma 7 path sums, any weight law (mu_4)',
    source: { ...paper, where: 'Lemma 7; evaluated as the transfer matrix of docs/theory.md H3.2 E5' },
    kind: 'exact',
    convention: 'hanin-nica',
    variables: [...NET, q4, mu4],
    latex:
      '\\mathbb{E}[K_w^2] = \\sum_{a}\\prod_k ' +
      'x_{a_k}\\sum_{\\Gamma}\\sum_{e_1\\in\\gamma_1\\cap\\gamma_2,\\,e_2\\in\\gamma_3\\cap\\gamma_4} ' +
      '\\tfrac12\\prod_{i=1}^d ' +
      '\\frac{2^{2-|\\Gamma(i)|}}{n_{i-1}^2}\\prod_{i\\notin\\{\\ell(e_1),\\ell(e_2)\\}}\\mu_4^{1\\{|\\Gamma(i-1)' +
      '|=|\\Gamma(i)|=1\\}}',
    ...lemma7('EKw2'),
    testVectors: [
      ...vectors(['1', '8', '2385/64', '489/16'], { mu4: '3' }),
      ...vectors(['1', '34/5', '38137/1600', '9033/400'], { mu4: '9/5' }),
    ],
    notes: [
      'Exact for any symmetric unit-variance law with a density, dead layers included (K_w = 0 there). At mu_4 = 3 ' +
        'it equals the Gaussian hanin-nica/second-moment-weights exactly (tested).',
    ],
  },
  {
    id: 'hanin-nica/lemma7-dww',
    docs: 'docs/theory.md#H3.2',
    title: 'E[Delta_ww] by the Lemma 7 path sums, any weight law (mu_4)',
    source: { ...paper, where: 'Lemma 7; evaluated as the transfer matrix of docs/theory.md H3.2 E5' },
    kind: 'exact',
    convention: 'hanin-nica',
    variables: [...NET, q4, mu4],
    latex:
      '\\mathbb{E}[\\Delta_{ww}] = \\text{Lemma 7 sum with } e_1\\in\\gamma_1\\cap\\gamma_2,\\ ' +
      'e_2\\in\\gamma_2\\cap\\gamma_3,\\ \\ell(e_1)\\ne\\ell(e_2)',
    ...lemma7('EDww'),
    testVectors: [
      ...vectors(['0', '4/3', '99/8', '15/2'], { mu4: '3' }),
      ...vectors(['0', '4/3', '73/8', '6'], { mu4: '9/5', source: 'computed by ntkcalc, Monte Carlo verified' }),
    ],
    notes: ['At mu_4 = 3 it equals hanin-nica/update-ww exactly (tested).'],
  },
  closedForm({
    id: 'hanin-nica/ratio-equal-width',
    docs: 'docs/theory.md#H2',
    title: 'Headline: E[K^2]/E[K]^2 ~ exp(5 d/n) for equal widths (as printed)',
    source: { ...paper, where: 'Sec. 1 and Thm. 1 (equal hidden widths n)' },
    kind: 'up-to-constants',
    convention: 'hanin-nica',
    variables: [d, n],
    lhs: '\\frac{\\mathbb{E}[K^2]}{\\mathbb{E}[K]^2} \\simeq',
    expression: 'exp(5 * d / n)',
    testVectors: [{ values: { d: '50', n: '100' }, expected: Math.exp(2.5), relTol: 1e-14 }],
    notes: [
      'Up to unknown constants and a factor 1 + O(d/n^2). The exact Gaussian ratio divided by prod_{i<d}(1 + ' +
        '5/n_i) falls from about 1 at small beta to about 0.2 at beta = 2-4 (docs/theory.md H3.3; `ntkcalc ' +
        'hanin-nica` prints the exact value).',
      'beta = d/n here counts d layers; the exact growth is prod over the d - 1 hidden layers of (1 + 5/n_i).',
    ],
  }),
  closedForm({
    id: 'hanin-nica/update-ratio-equal-width',
    docs: 'docs/theory.md#H2',
    title: 'Headline: E[dK]/E[K] ~ (d beta/n_0) exp(5 beta), beta = d/n (as printed)',
    source: { ...paper, where: 'Sec. 1 and Thm. 2 (equal hidden widths n)' },
    kind: 'up-to-constants',
    convention: 'hanin-nica',
    variables: [d, n, n0],
    lhs: '\\frac{|\\mathbb{E}[\\Delta K]|}{\\lambda\\,\\mathbb{E}[K]} \\simeq',
    expression: '(d * (d / n) / n0) * exp(5 * d / n)',
    testVectors: [
      { values: { d: '16', n: '64', n0: '64' }, expected: ((16 * 0.25) / 64) * Math.exp(1.25), relTol: 1e-14 },
    ],
    notes: [
      'Holds for |E[dK]|: E[dK] is negative (hanin-nica/update-mean).',
      'Implicitly assumes |x|^2 of order 1. In general |E[dK]|/E[K] scales like (d^2/n) |x|^2/n_0; at n = n_0 = ' +
        '64, d = 16, |x|^2 = n_0 the exact ratio is 10.40 against 0.189 from this formula with beta = 15/64 ' +
        '(docs/theory.md H3.1 item 4; tested).',
    ],
  }),
  {
    id: 'hanin-nica/thm1-bracket',
    docs: 'docs/theory.md#H3.3',
    title: 'Theorem 1 bracket for E[K^2], beta as printed (includes 1/n_d = 1)',
    source: { ...paper, where: 'Thm. 1, as printed' },
    kind: 'up-to-constants',
    convention: 'hanin-nica',
    variables: NET,
    latex:
      'e^{5\\beta}\\Big[\\frac{d^2\\|x\\|^4}{n_0^2} + \\frac{d\\|x\\|^2}{n_0}\\sum_{j=1}^d e^{-5\\sum_{i=1}^j ' +
      '\\frac1{n_i}} + \\sum_{i\\le j} e^{-5\\sum_{l=1}^j \\frac1{n_l}}\\Big],\\ \\beta = \\sum_{i=1}^d \\frac1{n_i}',
    evaluate: bracket(1, 'withBetaPrinted'),
    testVectors: [{ values: TV4, expected: 19092.5, relTol: 1e-5, note: 'TV4, docs/theory.md H6' }],
    notes: [
      'E[K^2] is bounded above and below by unknown constants (depending on mu_4) times this. beta as printed ' +
        'contains 1/n_d = 1, a factor e^5 that the equal-width statements drop; see hanin-nica/thm1-bracket-hidden.',
    ],
  },
  {
    id: 'hanin-nica/thm1-bracket-hidden',
    docs: 'docs/theory.md#H3.3',
    title: 'Theorem 1 bracket for E[K^2], beta over hidden layers only',
    source: { ...paper, where: 'Thm. 1 with beta = sum_{i<d} 1/n_i (docs/theory.md H3.1 item 1)' },
    kind: 'up-to-constants',
    convention: 'hanin-nica',
    variables: NET,
    latex: 'e^{5\\beta_{\\text{hid}}}\\,[\\dots],\\ \\beta_{\\text{hid}} = \\sum_{i=1}^{d-1} \\frac1{n_i}',
    evaluate: bracket(1, 'withBetaHidden'),
    testVectors: [
      { values: TV4, expected: 128.644, relTol: 1e-5, note: 'TV4: exact Gaussian E[K^2] = 58.105 is 0.45x this' },
    ],
    notes: [
      'The proof (p. 18) produces exp(5 sum over hidden layers); the natural exact quantity is prod (1 + 5/n_i).',
    ],
  },
  {
    id: 'hanin-nica/thm2-bracket',
    docs: 'docs/theory.md#H3.3',
    title: 'Theorem 2 bracket for |E[dK]|/lambda, beta as printed',
    source: { ...paper, where: 'Thm. 2, as printed (first exponent summed to l)' },
    kind: 'up-to-constants',
    convention: 'hanin-nica',
    variables: NET,
    latex:
      'e^{5\\beta}\\Big[\\frac{\\|x\\|^4}{n_0^2}\\sum_{i_1<i_2}\\sum_{\\ell=i_1}^{i_2-1}\\frac{1}{n_\\ell}e^{-\\f' +
      'rac{5}{n_\\ell}-6\\sum_{i=i_1}^{\\ell}\\frac1{n_i}} + ' +
      '\\frac{\\|x\\|^2}{n_0}\\sum_{i_1<i_2}e^{-5\\sum_{i=1}^{i_1}\\frac1{n_i}}\\sum_{\\ell=i_1}^{i_2-1}\\frac1{n' +
      '_\\ell}e^{-6\\sum_{i=i_1+1}^{\\ell-1}\\frac1{n_i}}\\Big]',
    evaluate: bracket(2, 'withBetaPrinted'),
    testVectors: [{ values: TV4, expected: 518.75, relTol: 1e-4, note: 'TV4, docs/theory.md H6' }],
    notes: [
      'Needs d >= 2 (the sums over i1 < i2 are empty at d = 1).',
      'Holds for -E[dK]/lambda: E[dK] is negative (hanin-nica/update-mean).',
      'Prop. 3 and the proof sum the first exponent to l - 1; the theorem prints l (a factor e^{-6/n_l}, ' +
        'immaterial up to constants). ntkcalc evaluates it as printed.',
      'The equal-width simplification E[dK]/E[K] ~ (d beta/n_0) e^{5 beta} assumes |x|^2 of order 1 ' +
        '(docs/theory.md H3.1 item 4).',
    ],
  },
  {
    id: 'hanin-nica/thm2-bracket-hidden',
    docs: 'docs/theory.md#H3.3',
    title: 'Theorem 2 bracket for |E[dK]|/lambda, beta over hidden layers only',
    source: { ...paper, where: 'Thm. 2 with beta = sum_{i<d} 1/n_i (docs/theory.md H3.1 item 1)' },
    kind: 'up-to-constants',
    convention: 'hanin-nica',
    variables: NET,
    latex: 'e^{5\\beta_{\\text{hid}}}\\,[\\dots]',
    evaluate: bracket(2, 'withBetaHidden'),
    testVectors: [
      { values: TV4, expected: 3.4953, relTol: 1e-4, note: 'TV4: exact -E[dK]/lambda = 21.25 is 6.08x this' },
    ],
    notes: ['Needs d >= 2.'],
  },
];
