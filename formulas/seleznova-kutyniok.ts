import {
  biasesLimit,
  chaoticLimit,
  crossLimit,
  eocLimit,
  finiteWidthThreshold,
  type Include,
  nearCriticalLimit,
  orderedLimit,
  skDispersion,
  weightsLimit,
} from '../src/finite-width/dispersion.js';
import { exactField, floatField } from '../src/finite-width/field.js';
import { type Fraction, rationalLatex } from '../src/util/exact.js';
import { closedForm } from './define.js';
import type { Formula, Variable } from './types.js';

/**
 * Seleznova & Kutyniok 2022, "Neural Tangent Kernel Beyond the Infinite-Width Limit: Effects of
 * Depth and Initialization" (arXiv 2202.00553; docs/theory.md part S). The paper's text was not
 * available: every constant here is DERIVED (docs/theory.md S3) for the setup of the
 * authors' code, and verified in test/finite-width against the exact DP and Monte Carlo. None is
 * transcribed from the paper. Convention 'seleznova-kutyniok': L hidden layers of width M,
 * standard parameterisation W ~ N(0, sigma_w^2/fan_in) on every layer, sigma_b = 0 with trainable
 * biases, D = E[K^2]/E[K]^2 of the on-diagonal NTK.
 */

const paper = { citation: 'Seleznova & Kutyniok 2022', arxiv: '2202.00553' };
const NOT_TRANSCRIBED =
  "Derived in docs/theory.md part S for the authors' experimental setup, not transcribed from the paper (its text " +
  'was not available to ntkcalc).';
const CLAIM =
  "The paper's claim (abstract): NTK variability grows exponentially with depth at the EOC and in the chaotic " +
  'phase, but not in the ordered phase. Here the growth rate is e^{5 lambda} with a prefactor that is not 1.';
const intAtLeast1 = (v: number) => (Number.isInteger(v) && v >= 1 ? undefined : 'must be an integer >= 1');
const positive = (v: number) => (v > 0 ? undefined : 'must be > 0');

const NET: Variable[] = [
  { name: 'sw2', description: 'sigma_w^2 (every layer, output included)', domain: '> 0', check: positive },
  {
    name: 'L',
    description: 'number of hidden layers (canonical depth L + 1)',
    domain: 'integer >= 1',
    check: intAtLeast1,
  },
  { name: 'M', description: 'width of every hidden layer', domain: 'integer >= 1', check: intAtLeast1 },
  { name: 'n0', description: 'input dimension', domain: 'integer >= 1', check: intAtLeast1 },
  { name: 'N0', description: '|x|^2', domain: '> 0', check: positive },
];
const lambda: Variable = { name: 'lambda', description: 'depth-to-width ratio L/M', domain: '> 0', check: positive };
const omega: Variable = { name: 'omega', description: "lim |x|^2 M/n0 (the authors' code: 1)", domain: '> 0' };

const row = (sw2: string, L: string, M: string, n0: string, N0 = '1') => ({ sw2, L, M, n0, N0 });
/** docs/theory.md S6.1 rows. */
const R1 = row('2', '1', '10', '10');
const R2 = row('1', '1', '10', '10');
const R4 = row('2', '2', '4', '3');
const DEAD_NOTE =
  'the docs/theory.md S6.1 value ignores the inactive-layer event (probability 1 - (15/16)^2 here); ntkcalc is ' +
  'exact, Monte Carlo verified';

function exactOf(f: Fraction) {
  return { exact: f.toFraction(), latex: rationalLatex(f) };
}

function momentEntry(
  id: string,
  title: string,
  latex: string,
  what: 'EK' | 'EK2' | 'D',
  include: Include,
  testVectors: Formula['testVectors'],
  notes: string[],
): Formula {
  return {
    id,
    docs: what === 'EK' ? 'docs/theory.md#S3.2' : 'docs/theory.md#S3.4',
    title,
    source: {
      ...paper,
      where:
        'non-asymptotic moments claimed in the paper; exact form from docs/theory.md S3.1-3.4, dead layers included',
    },
    kind: 'derived',
    convention: 'seleznova-kutyniok',
    variables: NET,
    latex,
    evaluate: (v) => skDispersion(floatField, v.sw2, v.L, v.M, v.n0, v.N0, include)[what],
    exact: (v) =>
      exactOf(skDispersion(exactField, v.sw2, v.L.valueOf(), v.M.valueOf(), v.n0.valueOf(), v.N0, include)[what]),
    testVectors,
    notes: [NOT_TRANSCRIBED, ...notes],
  };
}

const limitEntry = (
  id: string,
  title: string,
  where: string,
  latex: string,
  evaluate: Formula['evaluate'],
  vars: Variable[],
  testVectors: Formula['testVectors'],
  notes: string[],
): Formula => ({
  id,
  docs: 'docs/theory.md#S3.6',
  title,
  source: { ...paper, where },
  kind: 'derived',
  convention: 'seleznova-kutyniok',
  variables: vars,
  latex,
  evaluate,
  testVectors,
  notes: [NOT_TRANSCRIBED, ...notes],
});

const W_LATEX = '\\frac{(9\\lambda^2+6\\lambda-1)e^{5\\lambda}+e^{-\\lambda}}{27\\lambda^2}';

export const seleznovaKutyniokFormulas: Formula[] = [
  momentEntry(
    'seleznova-kutyniok/mean',
    'Exact mean of the NTK E[K(x,x)], finite L and M',
    '\\mathbb{E}[K] = \\|x\\|^2 c^L\\Big(1 + \\frac{LM}{n_0}\\Big) + 1 + \\sum_{l=1}^{L} ' +
      'c^{L+1-l}(1-2^{-M})^{l-1},\\quad c = \\sigma_w^2/2',
    'EK',
    'both',
    [
      { values: R1, expected: 4, exact: '4', note: 'docs/theory.md S6.1' },
      { values: R2, expected: 2.5, exact: '5/2', note: 'docs/theory.md S6.1' },
      { values: R4, expected: 317 / 48, exact: '317/48', relTol: 1e-13, note: `without the event: 20/3; ${DEAD_NOTE}` },
      {
        values: row('2.2', '49', '100', '100'),
        expected: 6499.856,
        relTol: 1e-6,
        note: "authors' grid, docs/theory.md S6.2 worked check",
      },
    ],
    [
      'No finite-width correction to the weight part; the bias of hidden layer l contributes c^{L+1-l} ' +
        'prod_{i<l}(1 - 2^{-M}) and the output bias exactly 1. The formula of docs/theory.md S3.2 (without the ' +
        '2^{-M} factors) is the M -> infinity form.',
    ],
  ),
  momentEntry(
    'seleznova-kutyniok/second-moment',
    'Exact second moment E[K(x,x)^2], finite L and M',
    '\\mathbb{E}[K^2] \\text{ (word automaton, docs/theory.md S3.4, with the inactive-layer event)}',
    'EK2',
    'both',
    [
      {
        values: R1,
        expected: 18.9,
        exact: '189/10',
        note: 'docs/theory.md S6.1 (L = 1: exact with or without the inactive-layer event)',
      },
      { values: R2, expected: 279 / 40, exact: '279/40', relTol: 1e-13, note: 'docs/theory.md S6.1' },
      {
        values: R4,
        expected: 20525 / 192,
        exact: '20525/192',
        relTol: 1e-13,
        note: `without the event: 643/6; ${DEAD_NOTE}`,
      },
    ],
    [],
  ),
  momentEntry(
    'seleznova-kutyniok/dispersion',
    'NTK dispersion D = E[K^2]/E[K]^2 (weights and biases)',
    'D = \\mathbb{E}[K^2]/\\mathbb{E}[K]^2',
    'D',
    'both',
    [
      { values: R1, expected: 1.18125, exact: '189/160', note: 'docs/theory.md S6.1' },
      { values: R2, expected: 1.116, exact: '279/250', note: 'docs/theory.md S6.1' },
      {
        values: row('1.5', '6', '16', '6'),
        expected: 1.97095,
        relTol: 1e-5,
        note: 'docs/theory.md S3.5 (1.97089 without the 2^-16 inactive-layer terms; MC 1.97132)',
      },
      { values: row('2.2', '10', '30', '30'), expected: 2.55663, relTol: 1e-5, note: 'docs/theory.md S3.5' },
    ],
    [
      CLAIM,
      'If the paper\'s "dispersion" is Var/mean^2, subtract 1 (docs/theory.md S8 item 6).',
      "On the event that a hidden layer is entirely inactive (probability about L 2^-M) this uses ReLU'(0) = 0, as " +
        "PyTorch and JAX do; the library option deadLayers: 'canonical' gives the value for phi'(0) = 1/2 " +
        '(docs/conventions.md, the Monte Carlo sampler), which the tests check against the sampler at M = 4 and M ' +
        '= 20.',
    ],
  ),
  momentEntry(
    'seleznova-kutyniok/dispersion-weights',
    'NTK dispersion, weight gradients only',
    'D_w = \\mathbb{E}[K_w^2]/\\mathbb{E}[K_w]^2',
    'D',
    'weights',
    [
      { values: row('2', '1', '10', '10'), expected: 1.3, exact: '13/10', note: 'docs/theory.md S6.1' },
      {
        values: row('1', '49', '100', '100'),
        expected: 6.9983,
        relTol: 1e-5,
        note: 'docs/theory.md S3.4: same for every sigma_w^2',
      },
      { values: row('7/2', '49', '100', '100'), expected: 6.9983, relTol: 1e-5, note: 'docs/theory.md S3.4' },
    ],
    [
      'Independent of sigma_w: each weight word carries exactly c^L, so all phase dependence of D comes from the ' +
        'bias gradients.',
    ],
  ),
  momentEntry(
    'seleznova-kutyniok/dispersion-biases',
    'NTK dispersion, bias gradients only',
    'D_b = \\mathbb{E}[K_b^2]/\\mathbb{E}[K_b]^2',
    'D',
    'biases',
    [
      {
        values: row('2', '1', '10', '10'),
        expected: 1.125,
        exact: '9/8',
        note: 'hand check: K_b = (2/10) chi^2_k + 1, k ~ Bin(10, 1/2)',
      },
    ],
    [],
  ),
  closedForm({
    id: 'seleznova-kutyniok/ordered-limit',
    docs: 'docs/theory.md#S3.6',
    title: 'Ordered phase: D as L -> infinity at fixed width M',
    source: { ...paper, where: 'ordered-phase dispersion; closed form from docs/theory.md S3.6 (a)' },
    kind: 'derived',
    convention: 'seleznova-kutyniok',
    variables: [NET[0], NET[2]],
    lhs: 'D_{\\text{ord}}',
    expression: 'M * (4 - sw2^2) / (M * (4 - sw2^2) - 5 * sw2^2)',
    evaluate: (v) => orderedLimit(floatField, v.sw2, v.M) ?? Infinity,
    testVectors: [
      {
        values: { sw2: '1', M: '100' },
        expected: 75 / 73.75,
        exact: '60/59',
        relTol: 1e-14,
        note: 'docs/theory.md S6.4',
      },
      {
        values: { sw2: '3/2', M: '100' },
        expected: 43.75 / 40.9375,
        exact: '140/131',
        relTol: 1e-14,
        note: 'docs/theory.md S6.4',
      },
      {
        values: { sw2: '19/10', M: '100' },
        expected: 9.75 / 5.2375,
        exact: '780/419',
        relTol: 1e-14,
        note: 'docs/theory.md S6.4',
      },
      { values: { sw2: '1', M: '10' }, expected: 1.2, exact: '6/5', relTol: 1e-14, note: 'docs/theory.md S6.4' },
      {
        values: { sw2: '3/2', M: '20' },
        expected: 28 / 19,
        exact: '28/19',
        relTol: 1e-14,
        note: 'docs/theory.md S6.4',
      },
    ],
    notes: [
      NOT_TRANSCRIBED,
      CLAIM,
      'Finite iff c^2 (1 + 5/M) < 1, i.e. sigma_w^2 < 2 sqrt(M/(M+5)) (seleznova-kutyniok/finite-width-threshold); ' +
        'otherwise D grows without bound and the evaluator returns Infinity.',
      'It is the limit for 1 << L << 2^M: at fixed M every hidden layer is eventually inactive (probability 2^-M ' +
        'per layer), and the exact D then tends to 1. At M = 100 the difference is invisible; at M = 10, L = 80 ' +
        'the exact D is 1.2184 against 1.2.',
      'Tends to 1 as M -> infinity: the NTK becomes deterministic in the ordered phase. Whether this is the ' +
        "paper's ordered-phase formula is unknown.",
    ],
  }),
  closedForm({
    id: 'seleznova-kutyniok/finite-width-threshold',
    docs: 'docs/theory.md#S2',
    title: 'Largest sigma_w^2 with bounded dispersion at width M as L -> infinity',
    source: { ...paper, where: 'docs/theory.md S2 "Finite-width shift"' },
    kind: 'derived',
    convention: 'seleznova-kutyniok',
    variables: [NET[2]],
    lhs: '\\sigma_{w,\\text{max}}^2',
    expression: '2 * sqrt(M / (M + 5))',
    evaluate: (v) => finiteWidthThreshold(v.M),
    testVectors: [
      { values: { M: '100' }, expected: 1.9518, relTol: 1e-4, note: 'docs/theory.md S2' },
      { values: { M: '10' }, expected: 1.633, relTol: 1e-4 },
    ],
    notes: [
      NOT_TRANSCRIBED,
      'Between this threshold and 2 the network is ordered in mean-field terms, yet its finite-width NTK ' +
        'dispersion diverges with depth.',
    ],
  }),
  limitEntry(
    'seleznova-kutyniok/eoc-limit',
    'EOC joint limit D_EOC(lambda, omega)',
    'EOC dispersion in the joint limit L, M -> infinity, L/M -> lambda; closed form from docs/theory.md S3.6 (b)',
    'D_{\\text{EOC}} = \\frac{\\omega^2 W(\\lambda) + 2\\omega C(\\lambda) + ' +
      'B(\\lambda)}{\\lambda^2(1+\\omega)^2},\\ W = ' +
      '\\tfrac{(9\\lambda^2+6\\lambda-1)e^{5\\lambda}+e^{-\\lambda}}{27},\\ C = ' +
      '\\tfrac{(15\\lambda+11)e^{5\\lambda}-45\\lambda-36+25e^{-\\lambda}}{225},\\ B = ' +
      '\\tfrac{2e^{5\\lambda}-10\\lambda-2}{25}',
    (v) => eocLimit(v.lambda, v.omega).D,
    [lambda, omega],
    [
      { values: { lambda: '1/2', omega: '1' }, expected: 4.252806, relTol: 1e-6, note: 'docs/theory.md S6.3' },
      { values: { lambda: '1/2', omega: '10' }, expected: 6.971364, relTol: 1e-6, note: 'docs/theory.md S6.3' },
      { values: { lambda: '1', omega: '1' }, expected: 30.505833, relTol: 1e-6, note: 'docs/theory.md S6.3' },
      { values: { lambda: '1', omega: '10' }, expected: 66.486525, relTol: 1e-6, note: 'docs/theory.md S6.3' },
    ],
    [
      CLAIM,
      "omega = lim |x|^2 M/n0: the authors' code (n0 = M, |x| = 1) has omega = 1; omega -> infinity gives weights " +
        'only. Small lambda: D = 1 + 9 lambda/4 + 61 lambda^2/16 + ... at omega = 1. The exact DP approaches it as ' +
        'O(1/M) (tested at M = 100, 400, 1600).',
      'Anchoring to exp(5 lambda) exactly would be off by a factor 3-8 at lambda = 0.5-1.',
    ],
  ),
  limitEntry(
    'seleznova-kutyniok/weights-limit',
    'Joint limit of the weights-only dispersion D_w(lambda)',
    'docs/theory.md S3.6 (b), omega -> infinity',
    `D_w = ${W_LATEX}`,
    (v) => weightsLimit(v.lambda),
    [lambda],
    [
      { values: { lambda: '1/2' }, expected: 7.760316, relTol: 1e-6, note: 'docs/theory.md S6.3' },
      { values: { lambda: '1' }, expected: 76.968597, relTol: 1e-6, note: 'docs/theory.md S6.3' },
    ],
    ['Small lambda: 1 + 11 lambda/3 + 47 lambda^2/6 + ...; large lambda: about e^{5 lambda}(1/3 + 2/(9 lambda)).'],
  ),
  limitEntry(
    'seleznova-kutyniok/biases-limit',
    'Joint limit of the biases-only dispersion D_b(lambda)',
    'docs/theory.md S3.6 (b), omega = 0',
    'D_b = \\frac{2(e^{5\\lambda}-1-5\\lambda)}{25\\lambda^2}',
    (v) => biasesLimit(v.lambda),
    [lambda],
    [
      { values: { lambda: '1/2' }, expected: 2.778398, relTol: 1e-6, note: 'docs/theory.md S6.3' },
      { values: { lambda: '1' }, expected: 11.393053, relTol: 1e-6, note: 'docs/theory.md S6.3' },
    ],
    [],
  ),
  limitEntry(
    'seleznova-kutyniok/cross-limit',
    'Joint limit of E[K_w K_b]/(E K_w E K_b) at the EOC',
    'docs/theory.md S3.6 (b)',
    'C(\\lambda)/\\lambda^2',
    (v) => crossLimit(v.lambda),
    [lambda],
    [
      { values: { lambda: '1/2' }, expected: 3.236256, relTol: 1e-6, note: 'docs/theory.md S6.3' },
      { values: { lambda: '1' }, expected: 16.830841, relTol: 1e-6, note: 'docs/theory.md S6.3' },
    ],
    ['Small lambda: 1 + 11 lambda/6 + ...'],
  ),
  limitEntry(
    'seleznova-kutyniok/chaotic-limit',
    'Chaotic phase joint limit D_chaos(lambda)',
    'chaotic-phase dispersion; docs/theory.md S3.6 (c)',
    `D_{\\text{chaos}} = D_w = ${W_LATEX}`,
    (v) => chaoticLimit(v.lambda),
    [lambda],
    [{ values: { lambda: '1/2' }, expected: 7.760316, relTol: 1e-6, note: 'docs/theory.md S6.3' }],
    [
      CLAIM,
      'Any fixed sigma_w^2 > 2 and omega > 0: the bias part becomes negligible, so the limit does not depend on ' +
        "sigma_w. At finite size it does (M = 100, L = 49: 5.62 at sigma_w^2 = 2.1, 6.91 at 3.5). If the paper's " +
        'chaotic formula contains sigma_w, its scaling differs (see seleznova-kutyniok/near-critical).',
    ],
  ),
  limitEntry(
    'seleznova-kutyniok/near-critical',
    'Near-critical double scaling sigma_w^2 = 2(1 + a/M), L/M -> lambda',
    'extension, not from the paper: docs/theory.md S3.6 (e)',
    'D_a(\\lambda,\\omega) = \\lim_{M\\to\\infty} D\\big(\\sigma_w^2 = 2(1+a/M),\\ L = \\lambda M,\\ n_0 = M,\\ ' +
      '\\|x\\|^2 = \\omega\\big)',
    (v) => nearCriticalLimit(v.a, v.lambda, v.omega),
    [{ name: 'a', description: 'criticality offset: sigma_w^2 = 2(1 + a/M)', domain: 'real' }, lambda, omega],
    [
      {
        values: { a: '-2', lambda: '1/2', omega: '1' },
        expected: 3.233,
        relTol: 5e-4,
        note: 'docs/theory.md S3.6 (e), continuum integrals',
      },
      {
        values: { a: '10', lambda: '1/2', omega: '1' },
        expected: 6.996,
        relTol: 5e-4,
        note: 'docs/theory.md S3.6 (e)',
      },
    ],
    [
      'Evaluated as the exact DP (Float64) at M = 800 and 1600, Richardson-extrapolated (error O(1/M^2), about ' +
        '2e-5 relative at a = 0 against the closed D_EOC). Interpolates between 1 (a -> -infinity) and D_w (a -> ' +
        '+infinity).',
    ],
  ),
];
