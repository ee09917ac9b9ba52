import {
  a2Value,
  a4Value,
  deltaValue,
  eocSigmaW2Value,
  kappaValue,
  rValue,
  slopeNegativeValue,
  slopePositiveValue,
} from '../src/activation/constants.js';
import { closedForm } from './define.js';
import type { Formula, Variable } from './types.js';

/** Constants of phi(s) = a s + b|s| (docs/conventions.md, "Names used in output"; docs/theory.md T1.1, 1.3). */

const terjek = { citation: 'Terjek & Gonzalez-Sanchez 2025', arxiv: '2501.14724' };

const ab: Variable[] = [
  { name: 'a', description: 'odd (linear) coefficient of phi(s) = a s + b|s|', domain: 'real, not both a and b zero' },
  {
    name: 'b',
    description: 'even (absolute-value) coefficient of phi(s) = a s + b|s|',
    domain: 'real, not both a and b zero',
  },
];

const RELU = { a: '1/2', b: '1/2' };
const ABS = { a: '0', b: '1' };
const LEAKY = { a: '11/20', b: '9/20' };
const LINEAR = { a: '1', b: '0' };

export const activationFormulas: Formula[] = [
  closedForm({
    id: 'activation/delta',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Nonlinearity Delta_phi',
    source: { ...terjek, where: 'Section 3.1, definition of Delta_phi' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: '\\Delta_\\phi',
    expression: 'b^2 / (a^2 + b^2)',
    evaluate: (v) => deltaValue({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: 0.5, exact: '1/2' },
      { values: ABS, expected: 1, exact: '1' },
      { values: LEAKY, expected: 0.40099009901, exact: '81/202', relTol: 1e-11 },
      { values: LINEAR, expected: 0, exact: '0' },
    ],
    notes: ['Delta_phi = 0 (linear) is valid; anything that divides by Delta_phi refuses it.'],
  }),
  closedForm({
    id: 'activation/kappa',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Lipschitz-to-Gaussian-norm ratio kappa_phi',
    source: { ...terjek, where: 'Section 3.1, definition of kappa_phi' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: '\\kappa_\\phi',
    expression: '(abs(a) + abs(b)) / sqrt(a^2 + b^2)',
    evaluate: (v) => kappaValue({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: Math.SQRT2, exact: 'sqrt(2)' },
      { values: ABS, expected: 1, exact: '1' },
      { values: LEAKY, expected: 1.40719508946, relTol: 1e-11 },
      { values: LINEAR, expected: 1, exact: '1' },
    ],
    notes: ['kappa_phi = ||phi||_Lip / ||phi||_{N(0,1)} lies in [1, sqrt(2)].'],
  }),
  closedForm({
    id: 'activation/a2',
    docs: 'docs/conventions.md#Names used in output',
    title: "Second Gaussian moment A_2 = E[phi(g)^2] = E[phi'(g)^2]",
    source: { citation: 'docs/conventions.md (ntkcalc spec)', where: 'Names used in output' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: 'A_2',
    expression: 'a^2 + b^2',
    evaluate: (v) => a2Value({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: 0.5, exact: '1/2' },
      { values: LEAKY, expected: 0.505, exact: '101/200' },
    ],
    notes: ['Equals ((a+b)^2 + (a-b)^2)/2, the mean squared slope.'],
  }),
  closedForm({
    id: 'activation/a4',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Fourth slope moment A_4',
    source: { citation: 'docs/conventions.md (ntkcalc spec)', where: 'Names used in output' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: 'A_4',
    expression: 'a^4 + 6 * a^2 * b^2 + b^4',
    evaluate: (v) => a4Value({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: 0.5, exact: '1/2' },
      { values: ABS, expected: 1, exact: '1' },
      { values: LEAKY, expected: 0.50005, exact: '10001/20000' },
    ],
    notes: ['Equals ((a+b)^4 + (a-b)^4)/2.'],
  }),
  closedForm({
    id: 'activation/r',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Slope kurtosis r = A_4 / A_2^2',
    source: { citation: 'docs/conventions.md (ntkcalc spec)', where: 'Names used in output' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: 'r',
    expression: '(a^4 + 6 * a^2 * b^2 + b^4) / (a^2 + b^2)^2',
    evaluate: (v) => rValue({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: 2, exact: '2' },
      { values: ABS, expected: 1, exact: '1' },
      { values: LINEAR, expected: 1, exact: '1' },
      { values: LEAKY, expected: 20002 / 10201, exact: '20002/10201' },
    ],
    notes: ['r = 1 exactly when |a+b| = |a-b| (linear, abs); ReLU has r = 2.'],
  }),
  closedForm({
    id: 'activation/eoc-sigma-w2',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Edge-of-chaos weight variance sigma_w^2 = 1/A_2',
    source: { ...terjek, where: 'Definition "EOC initialization" (section 1.3 of docs/theory.md part T)' },
    kind: 'exact',
    convention: 'canonical-ntk',
    variables: ab,
    lhs: '\\sigma_w^2',
    expression: '1 / (a^2 + b^2)',
    evaluate: (v) => eocSigmaW2Value({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: 2, exact: '2' },
      { values: ABS, expected: 1, exact: '1' },
      { values: LEAKY, expected: 1.9801980198, exact: '200/101', relTol: 1e-10 },
    ],
    notes: [
      'The edge of chaos of this family is the single point sigma_b^2 = 0, sigma_w^2 = 1/A_2 (docs/conventions.md).',
    ],
  }),
  closedForm({
    id: 'activation/eoc-sigma-b2',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Edge-of-chaos bias variance sigma_b^2 = 0',
    source: { ...terjek, where: 'Definition "EOC initialization" (section 1.3 of docs/theory.md part T)' },
    kind: 'exact',
    convention: 'canonical-ntk',
    variables: [],
    lhs: '\\sigma_b^2',
    expression: '0',
    testVectors: [{ values: {}, expected: 0, exact: '0' }],
    notes: [
      'Any sigma_b^2 > 0 makes the variance map q -> sigma_w^2 A_2 q + sigma_b^2 grow without bound at sigma_w^2 = ' +
        '1/A_2.',
    ],
  }),
  closedForm({
    id: 'activation/slope-positive',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Slope on s > 0',
    source: { citation: 'docs/conventions.md (ntkcalc spec)', where: 'Canonical network' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: 'a_+',
    expression: 'a + b',
    evaluate: (v) => slopePositiveValue({ a: v.a, b: v.b }),
    testVectors: [{ values: RELU, expected: 1, exact: '1' }],
    notes: ['PDLT a_+; neural-tangents ABRelu b_nt.'],
  }),
  closedForm({
    id: 'activation/slope-negative',
    docs: 'docs/conventions.md#Names used in output',
    title: 'Slope on s < 0',
    source: { citation: 'docs/conventions.md (ntkcalc spec)', where: 'Canonical network' },
    kind: 'exact',
    convention: 'activation',
    variables: ab,
    lhs: 'a_-',
    expression: 'a - b',
    evaluate: (v) => slopeNegativeValue({ a: v.a, b: v.b }),
    testVectors: [
      { values: RELU, expected: 0, exact: '0' },
      { values: LEAKY, expected: 0.1, exact: '1/10' },
    ],
    notes: ['PDLT a_-; neural-tangents ABRelu a_nt.'],
  }),
];
