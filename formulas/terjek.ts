import {
  activationPrefactor,
  concentrationBoundValue,
  concentrationProbability,
} from '../src/finite-width/concentration.js';
import { spectrumBulk, spectrumCondition, spectrumTop, spectrumXi } from '../src/kernels/spectrum.js';
import { closedForm } from './define.js';
import type { Formula, Variable } from './types.js';

/**
 * Terjek & Gonzalez-Sanchez 2025: the concentration theorem (arXiv 2501.14724) and the spectral
 * theorem (arXiv 2501.13225), docs/theory.md T3-4. Every O(.) in these papers hides an absolute
 * constant the papers never give, so the bounds are entries of kind up-to-constants with the
 * constant exposed as the variable C; nothing here is a numerical guarantee.
 */

const concentration = { citation: 'Terjek & Gonzalez-Sanchez 2025 (concentration)', arxiv: '2501.14724' };
const spectrum = { citation: 'Terjek & Gonzalez-Sanchez 2025 (spectrum)', arxiv: '2501.13225' };

const positive = (what: string) => (v: number) => (v > 0 ? undefined : `${what} must be positive`);
const integerAtLeast = (k: number) => (v: number) =>
  Number.isInteger(v) && v >= k ? undefined : `must be an integer >= ${k}`;

const l: Variable = {
  name: 'l',
  description: 'depth: number of weight matrices',
  domain: 'integer >= 2 (the theorems need l >= 2)',
  check: integerAtLeast(2),
};
const m: Variable = {
  name: 'm',
  description: 'base width; hidden widths m_k = k^2 m',
  domain: 'integer >= 1',
  check: integerAtLeast(1),
};
const ml: Variable = {
  name: 'ml',
  description: 'output dimension m_l',
  domain: 'integer >= 1',
  check: integerAtLeast(1),
};
const n: Variable = {
  name: 'n',
  description: 'number of data points (no parallel pair)',
  domain: 'integer >= 2',
  check: integerAtLeast(2),
};
const tau: Variable = {
  name: 'tau',
  description: 'largest input norm max_i |x_i|',
  domain: '> 0',
  check: positive('tau'),
};
const p: Variable = {
  name: 'p',
  description: 'probability exponent: the event has probability >= 1 - 16 exp(-m^p)',
  domain: '(0, 1)',
  check: (v) => (v > 0 && v < 1 ? undefined : 'must lie in (0, 1)'),
};
const Delta: Variable = {
  name: 'Delta',
  description: 'Delta_phi = b^2/(a^2+b^2)',
  domain: '(0, 1] (the bound divides by Delta)',
  check: (v) =>
    v > 0 && v <= 1
      ? undefined
      : 'must lie in (0, 1]: the theorem divides by Delta_phi, so the linear activation (Delta = 0) is outside it',
};
const kappa: Variable = {
  name: 'kappa',
  description: 'kappa_phi = (|a|+|b|)/sqrt(a^2+b^2)',
  domain: '[1, sqrt 2]',
  check: (v) => (v >= 1 - 1e-12 && v <= Math.SQRT2 + 1e-12 ? undefined : 'must lie in [1, sqrt 2]'),
};
const C: Variable = {
  name: 'C',
  description: 'the absolute constant hidden in O(.), unknown (default 1)',
  domain: '> 0',
  check: positive('C'),
};

export const terjekFormulas: Formula[] = [
  closedForm({
    id: 'terjek/concentration-bound',
    docs: 'docs/theory.md#T3.1',
    title: 'Concentration of the NTK matrix at the EOC: ||K(theta) - K_inf|| <= C (...)',
    source: { ...concentration, where: 'Thm. "Limiting concentration of K(theta)" (docs/theory.md T3.1)' },
    kind: 'up-to-constants',
    convention: 'terjek',
    variables: [l, m, ml, n, tau, p, Delta, kappa, C],
    lhs: '\\|K(\\theta) - K_\\infty\\|',
    relation: '\\le',
    expression: 'C * tau^2 * (Delta^(-2) + (log(l) + sqrt(ml)) * l) * sqrt(log(l * n)) * kappa^2 * m^(-(1 - p) / 2)',
    evaluate: ({ l, m, ml, n, tau, p, Delta, kappa, C }) =>
      concentrationBoundValue({ l, m, ml, n, tau, p, Delta, kappa, C }),
    testVectors: [
      {
        values: { l: '2', m: '1', ml: '1', n: '2', tau: '1', p: '1/2', Delta: '1', kappa: '1', C: '1' },
        expected: (1 + (Math.log(2) + 1) * 2) * Math.sqrt(Math.log(4)),
        relTol: 1e-14,
      },
      {
        values: {
          l: '10',
          m: '10000',
          ml: '1',
          n: '100',
          tau: '1',
          p: '1/2',
          Delta: '1/2',
          kappa: '1.4142135623730951',
          C: '1',
        },
        expected: (4 + (Math.log(10) + 1) * 10) * Math.sqrt(Math.log(1000)) * 2 * 10000 ** -0.25,
        relTol: 1e-12,
      },
    ],
    notes: [
      'Holds with probability >= 1 - 16 exp(-m^p) (terjek/concentration-probability) for widths m_k = k^2 m, equal ' +
        'scaling exponents q_k, n >= 2 points with no parallel pair. Operator norm; the NTK matrix carries the ' +
        'factor 1/n.',
      'C is an absolute constant the paper does not give: the value is the expression at the chosen C, not a ' +
        'guarantee.',
      'Typo in the source proof: the readout step reads (l-1) l^(1/2) eps; the derivation gives (l-1) m_l^(1/2) ' +
        'eps (docs/theory.md T3.1).',
    ],
  }),
  closedForm({
    id: 'terjek/concentration-probability',
    docs: 'docs/theory.md#T3.1',
    title: 'Probability of the concentration event: 1 - 16 exp(-m^p)',
    source: { ...concentration, where: 'Thm. "Limiting concentration of K(theta)" (docs/theory.md T3.1)' },
    kind: 'bound',
    convention: 'terjek',
    variables: [m, p],
    lhs: '\\mathbb{P}',
    relation: '\\ge',
    expression: '1 - 16 * exp(-(m^p))',
    evaluate: (v) => concentrationProbability(v.m, v.p),
    testVectors: [{ values: { m: '10000', p: '1/2' }, expected: 1 - 16 * Math.exp(-100), relTol: 1e-15 }],
    notes: [
      'The only explicit constants of the paper are these probability prefactors (16 overall). With p = log_m(log ' +
        'm) the probability is 1 - 16/m.',
    ],
  }),
  closedForm({
    id: 'terjek/prefactor',
    docs: 'docs/theory.md#T3.1',
    title: 'Activation prefactor Delta^-2 kappa^2 of the concentration bound',
    source: { ...concentration, where: 'Abstract and Introduction: |s| beats ReLU (docs/theory.md T3.1)' },
    kind: 'exact',
    convention: 'terjek',
    variables: [Delta, kappa],
    lhs: '\\Delta_\\phi^{-2} \\kappa_\\phi^2',
    expression: 'kappa^2 / Delta^2',
    evaluate: (v) => activationPrefactor(v.Delta, v.kappa),
    testVectors: [
      { values: { Delta: '1', kappa: '1' }, expected: 1, note: '|s|' },
      { values: { Delta: '1/2', kappa: '1.4142135623730951' }, expected: 8, relTol: 1e-15, note: 'ReLU' },
    ],
    notes: [
      'The headline comparison of the paper: 1 for |s| against 8 for ReLU. Only the leading term; the (log l + ' +
        'm_l^(1/2)) l term does not depend on the activation except through kappa^2.',
    ],
  }),
  closedForm({
    id: 'terjek/spectrum-xi',
    docs: 'docs/theory.md#T4.3',
    title: 'The shift xi of the spectral theorem',
    source: { ...spectrum, where: 'Thm. 18 (docs/theory.md T4.3)' },
    kind: 'up-to-constants',
    convention: 'terjek',
    variables: [
      {
        name: 'W',
        description:
          'dataset ICD scale W in (1, infinity); computed by ntkcalc from the Perron root of the ICD matrix (see ' +
          'notes)',
        domain: '> 1',
        check: (v) => (v > 1 ? undefined : 'must be > 1'),
      },
      Delta,
      l,
    ],
    lhs: '\\xi',
    expression: '(3 / 8) * (pi / (2 * Delta) * W + log(3 * pi / (4 * Delta) * W + l - 1) - 1)',
    evaluate: (v) => spectrumXi(v.W, v.Delta, v.l),
    testVectors: [
      {
        values: { W: '2', Delta: '1', l: '10' },
        expected: (3 / 8) * (Math.PI + Math.log(1.5 * Math.PI + 9) - 1),
        relTol: 1e-14,
      },
    ],
    notes: [
      'The theorem only says "there exists W = Theta(1)". ntkcalc takes the W of the proof of Prop. 17: the ' +
        "solution of omega^(l-1)(W) = lambda_1(W_inf_l)/(n - 1), with lambda_1 the Perron root of the dataset's " +
        'depth-l inverse-cosine-distance matrix.',
    ],
  }),
  closedForm({
    id: 'terjek/spectrum-top',
    docs: 'docs/theory.md#T4.3',
    title: 'Top eigenvalue of the EOC NTK matrix, leading term (unit norms)',
    source: { ...spectrum, where: 'Thm. 18 (docs/theory.md T4.3)' },
    kind: 'up-to-constants',
    convention: 'terjek',
    variables: [n, l, { name: 'xi', description: 'the shift xi of Thm. 18', domain: 'real' }],
    lhs: '\\lambda_1(K_\\infty)',
    relation: '\\approx',
    expression: '(1 + 3 / n) * (l / 4) + (1 - 1 / n) * xi',
    evaluate: (v) => spectrumTop(v.n, v.l, v.xi),
    testVectors: [{ values: { n: '4', l: '8', xi: '1' }, expected: 1.75 * 2 + 0.75, relTol: 1e-15 }],
    notes: [
      'Multiply by tau_max^2 (upper) or tau_min^2 (lower); error O(tau_max^2 (Delta^-1 + Delta^-2 l^-1 + n^-2 l)) ' +
        'with an unknown constant.',
    ],
  }),
  closedForm({
    id: 'terjek/spectrum-bulk',
    docs: 'docs/theory.md#T4.3',
    title: 'Bulk eigenvalues of the EOC NTK matrix, leading term (unit norms)',
    source: { ...spectrum, where: 'Thm. 18 (docs/theory.md T4.3)' },
    kind: 'up-to-constants',
    convention: 'terjek',
    variables: [n, l, { name: 'xi', description: 'the shift xi of Thm. 18', domain: 'real' }],
    lhs: '\\lambda_{\\mathrm{bulk}}(K_\\infty)',
    relation: '\\approx',
    expression: '(3 / 4 * l - xi) / n',
    evaluate: (v) => spectrumBulk(v.n, v.l, v.xi),
    testVectors: [{ values: { n: '4', l: '8', xi: '1' }, expected: 1.25, relTol: 1e-15 }],
    notes: [
      'The remaining (n-1) m_l eigenvalues; error O(tau_max^2 (Delta^-1 n^-1 + Delta^-2 l^-1 + n^-2 l)) with an ' +
        'unknown constant.',
    ],
  }),
  closedForm({
    id: 'terjek/spectrum-condition',
    docs: 'docs/theory.md#T4.3',
    title: 'Condition number of the EOC NTK matrix, leading term (equal norms)',
    source: { ...spectrum, where: 'Thm. 18 (docs/theory.md T4.3)' },
    kind: 'up-to-constants',
    convention: 'terjek',
    variables: [n, l, { name: 'xi', description: 'the shift xi of Thm. 18', domain: 'real, xi < 3l/4' }],
    lhs: '\\kappa(K_\\infty)',
    relation: '\\approx',
    expression: '1 + n / 3 + (16 / 9) * n * xi / (l - (4 / 3) * xi)',
    evaluate: (v) => spectrumCondition(v.n, v.l, v.xi),
    testVectors: [{ values: { n: '3', l: '8', xi: '0' }, expected: 2, relTol: 1e-15 }],
    notes: [
      "The paper's limit kappa -> 1 + n/3 as l -> infinity is supported by the leading term and its Fig. 1; the " +
        'O(1) error terms do not strictly prove it. With unequal norms multiply by tau_max^2/tau_min^2.',
    ],
  }),
];
