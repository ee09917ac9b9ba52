import { floatField } from '../src/finite-width/field.js';
import { ntkMeanCorrection, ntkVarianceCoefficient, vertexCoefficient } from '../src/finite-width/oneOverN.js';
import { closedForm } from './define.js';
import type { Formula, Variable } from './types.js';

/**
 * Order-1/n corrections for phi = a s + b|s| at criticality (docs/theory.md F): bias-free,
 * NTK parameterization, sigma_w^2 = 1/A_2 on every layer, equal hidden widths n, one input.
 * Stated in the canonical convention (PDLT's C_W = sigma_w^2, a_+- = a +- b).
 */

const pdlt = { citation: 'Roberts, Yaida & Hanin 2022 (PDLT)', arxiv: '2106.10165' };

const r: Variable = {
  name: 'r',
  description: 'slope kurtosis A_4/A_2^2 of the activation',
  domain: '[1, 2]',
  check: (v) =>
    v >= 1 - 1e-15 && v <= 2 + 1e-15 ? undefined : 'must lie in [1, 2] (r = A_4/A_2^2 for phi = a s + b|s|)',
};
const L: Variable = {
  name: 'L',
  description: 'depth: number of weight layers',
  domain: 'integer >= 1',
  check: (v) => (Number.isInteger(v) && v >= 1 ? undefined : 'must be an integer >= 1'),
};

export const finiteWidthFormulas: Formula[] = [
  closedForm({
    id: 'finite-width/vertex',
    docs: 'docs/theory.md#F.',
    title: 'Four-point vertex at criticality: V^(L)/(n K^2) = (3r - 1)(L - 1)/n',
    source: {
      ...pdlt,
      where:
        'scale-invariant activations, four-point vertex recursion V^(l+1) = V^(l) + (3r - 1) K^2 (docs/theory.md F)',
    },
    kind: 'asymptotic',
    convention: 'canonical-ntk',
    variables: [r, L],
    lhs: 'n\\,\\frac{V^{(L)}}{n K^2}',
    expression: '(3 * r - 1) * (L - 1)',
    evaluate: (v) => vertexCoefficient(floatField, v.r, v.L),
    testVectors: [
      {
        values: { r: '2', L: '4' },
        expected: 15,
        exact: '15',
        note: 'ReLU: 3r - 1 = 5 per layer, the 5 of Hanin-Nica exp(5 beta)',
      },
      { values: { r: '1', L: '4' }, expected: 6, exact: '6', note: 'linear and |s|: 2 per layer' },
    ],
    notes: [
      'E[z_i^2 z_j^2] - K^2 = V/n for i != j, with K = sigma_w^2 |x|^2/n_0 the layer-independent kernel at ' +
        'criticality; leading order in 1/n.',
      'In (a, b): 3r - 1 = 2 (a^4 + 8 a^2 b^2 + b^4)/(a^2 + b^2)^2 = 2 + 12 Delta (1 - Delta).',
    ],
  }),
  closedForm({
    id: 'finite-width/ntk-variance',
    docs: 'docs/theory.md#F.',
    title: 'NTK variance at criticality: Var[Theta^(L)]/E[Theta^(L)]^2 = c(r, L)/n + O(1/n^2)',
    source: {
      ...pdlt,
      where: 'NTK fluctuation recursions for A, B, D summed in closed form (docs/theory.md F, [derived])',
    },
    kind: 'derived',
    convention: 'canonical-ntk',
    variables: [r, L],
    lhs: 'c(r, L)',
    expression: '(7 * r - 3) * (L - 1) * (2 * L - 1) / (6 * L) + (r - 1) * (L - 1) / (2 * L)',
    evaluate: (v) => ntkVarianceCoefficient(floatField, v.r, v.L),
    testVectors: [
      { values: { r: '2', L: '2' }, expected: 3, exact: '3', note: 'ReLU, docs/theory.md F' },
      { values: { r: '2', L: '4' }, expected: 10, exact: '10', note: 'ReLU, docs/theory.md F' },
      { values: { r: '2', L: '8' }, expected: 24.5, exact: '49/2', note: 'ReLU, docs/theory.md F' },
      { values: { r: '1', L: '4' }, expected: 3.5, exact: '7/2', note: '|s| and linear, docs/theory.md F' },
    ],
    notes: [
      'Derived in docs/theory.md F from the PDLT recursions B^(l+1) = B^(l) + r Theta_l^2, D^(l+1) = D^(l) + ' +
        'V^(l+1) + (r - 1) K Theta_l, A^(l+1) = A^(l) + 2 D^(l) + V^(l) + r (3K^2 + 2K Theta_l + Theta_l^2) - (K + ' +
        'Theta_l)^2, with Var = (A + 2B)/n; ntkcalc checks it against those recursions, against the limit of the ' +
        'exact Hanin-Nica moments, and against simulation.',
      'Slope (7r - 3)/3 per layer at large L: 11/3 for ReLU, 4/3 for |s| and linear.',
    ],
  }),
  closedForm({
    id: 'finite-width/ntk-mean-correction',
    docs: 'docs/theory.md#F.',
    title: 'Finite-width correction to the mean NTK at criticality (none)',
    source: {
      citation: 'Guillen, Misof & Gerken 2025',
      arxiv: '2508.11522',
      where: 'bias-free scale-invariant networks, diagonal NTK (docs/theory.md F)',
    },
    kind: 'exact',
    convention: 'canonical-ntk',
    variables: [L],
    lhs: 'E[\\Theta^{(L)}(x,x)] - L K',
    expression: '0 * L',
    evaluate: (v) => ntkMeanCorrection(floatField, v.L),
    testVectors: [{ values: { L: '5' }, expected: 0, exact: '0' }],
    notes: ['Theta^(L)(x,x) has mean L K at every width, to all orders in 1/n (bias-free, scale-invariant, diagonal).'],
  }),
];
