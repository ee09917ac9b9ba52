import { icdApproximation, oneMinusCosineAsymptotic } from '../src/kernels/asymptotics.js';
import { dualKernels, varrho, varrhoPrime, zeta } from '../src/kernels/cosineMap.js';
import { terjekNtk } from '../src/kernels/eoc.js';
import { closedForm } from './define.js';
import type { Formula, Variable } from './types.js';

/**
 * Infinite-width maps of phi = a s + b|s| (docs/conventions.md "Infinite-width recursion";
 * docs/theory.md T2.2-2.4, 4.1). Closed forms are strings; where the string would lose digits (arccos
 * near 1), the evaluator is the stable z-form of src/kernels/cosineMap.ts and the tests check the
 * two against each other.
 */

const spectrum = { citation: 'Terjek & Gonzalez-Sanchez 2025 (spectrum)', arxiv: '2501.13225' };

const nonzero = (v: number) => (v > 0 ? undefined : 'must be positive');
const delta: Variable = {
  name: 'Delta',
  description: 'Delta_phi = b^2/(a^2+b^2)',
  domain: '[0, 1]',
  check: (v) => (v >= 0 && v <= 1 ? undefined : 'must lie in [0, 1]'),
};
const rho: Variable = {
  name: 'rho',
  description: 'cosine of the pre-activation pair',
  domain: '[-1, 1]',
  check: (v) => (v >= -1 && v <= 1 ? undefined : 'must lie in [-1, 1]'),
};
const depth: Variable = {
  name: 'l',
  description: 'depth: number of weight layers',
  domain: 'integer >= 1',
  check: (v) => (Number.isInteger(v) && v >= 1 ? undefined : 'must be an integer >= 1'),
};
const ab: Variable[] = [
  { name: 'a', description: 'odd coefficient of phi', domain: 'real, not both a and b zero' },
  { name: 'b', description: 'even coefficient of phi', domain: 'real, not both a and b zero' },
];
const cov: Variable[] = [
  { name: 'q1', description: 'variance of u', domain: '> 0', check: nonzero },
  { name: 'q2', description: 'variance of v', domain: '> 0', check: nonzero },
  {
    name: 'c',
    description: 'covariance of (u, v)',
    domain: 'c^2 <= q1 q2',
    relation: ({ c, q1, q2 }) => (c.mul(c).compare(q1.mul(q2)) <= 0 ? undefined : 'must satisfy c^2 <= q1 q2'),
  },
];

export const infiniteWidthFormulas: Formula[] = [
  closedForm({
    id: 'infinite-width/dual-phi',
    docs: 'docs/conventions.md#Closed forms',
    title: 'Dual kernel E[phi(u) phi(v)]',
    source: {
      citation: 'Cho & Saul 2009; docs/conventions.md closed form',
      where: 'docs/conventions.md, "Closed forms for phi(s) = a s + b|s|"',
    },
    kind: 'exact',
    convention: 'canonical-ntk',
    variables: [...ab, ...cov],
    lhs: '\\mathbb{E}[\\phi(u)\\phi(v)]',
    expression:
      'a^2 * c + b^2 * (2 / pi) * sqrt(q1 * q2) * (sin(acos(c / sqrt(q1 * q2))) + (pi / 2 - acos(c / sqrt(q1 * ' +
      'q2))) * c / sqrt(q1 * q2))',
    evaluate: (v) => dualKernels(v.a, v.b, v.q1, v.q2, v.c).phiPhi,
    testVectors: [
      {
        values: { a: '1/2', b: '1/2', q1: '1', q2: '1', c: '0' },
        expected: 1 / (2 * Math.PI),
        note: 'ReLU, orthogonal: 1/(2 pi)',
      },
      { values: { a: '0', b: '1', q1: '1', q2: '1', c: '-1' }, expected: 1, note: '|s| is even: E[|u||-u|] = 1' },
      { values: { a: '1', b: '0', q1: '2', q2: '3', c: '1/2' }, expected: 0.5, note: 'linear: the covariance itself' },
    ],
    notes: [
      'The angle is computed as atan2(sqrt(q1 q2 - c^2), c), never as acos of a rounded ratio; pi/2 when a ' +
        'variance is 0.',
    ],
  }),
  closedForm({
    id: 'infinite-width/dual-dphi',
    docs: 'docs/conventions.md#Closed forms',
    title: "Derivative dual kernel E[phi'(u) phi'(v)]",
    source: {
      citation: 'Cho & Saul 2009; docs/conventions.md closed form',
      where: 'docs/conventions.md, "Closed forms for phi(s) = a s + b|s|"',
    },
    kind: 'exact',
    convention: 'canonical-ntk',
    variables: [...ab, ...cov],
    lhs: "\\mathbb{E}[\\phi'(u)\\phi'(v)]",
    expression: 'a^2 + b^2 * (1 - 2 * acos(c / sqrt(q1 * q2)) / pi)',
    evaluate: (v) => dualKernels(v.a, v.b, v.q1, v.q2, v.c).dphiDphi,
    testVectors: [
      { values: { a: '1/2', b: '1/2', q1: '1', q2: '1', c: '0' }, expected: 0.25 },
      { values: { a: '1/2', b: '1/2', q1: '1', q2: '1', c: '1' }, expected: 0.5 },
      { values: { a: '0', b: '1', q1: '1', q2: '1', c: '-1' }, expected: -1 },
    ],
    notes: ["phi'(0) := a; the event u = 0 has probability 0 unless a variance is 0 (then the kernel is a^2)."],
  }),
  closedForm({
    id: 'infinite-width/varrho',
    docs: 'docs/theory.md#T2.2',
    title: 'EOC cosine map varrho(rho)',
    source: { ...spectrum, where: 'Prop. "Cosine map" (docs/theory.md T2.2)' },
    kind: 'exact',
    convention: 'terjek',
    variables: [rho, delta],
    lhs: '\\varrho(\\rho)',
    expression: 'rho + Delta * (2 / pi) * (sqrt(1 - rho^2) - rho * acos(rho))',
    evaluate: (v) => varrho(v.rho, v.Delta),
    testVectors: [
      { values: { rho: '0', Delta: '1/2' }, expected: 1 / Math.PI },
      { values: { rho: '1/2', Delta: '1/2' }, expected: 0.608997781044, relTol: 1e-11 },
      { values: { rho: '1/2', Delta: '1' }, expected: 0.717995562088, relTol: 1e-11 },
      { values: { rho: '-1', Delta: '1/4' }, expected: -0.5, note: 'varrho(-1) = -1 + 2 Delta' },
      { values: { rho: '1', Delta: '1' }, expected: 1 },
    ],
    notes: ['Evaluated as 1 - 2 zeta((1 - rho)/2) so that rho near 1 keeps its digits.'],
  }),
  closedForm({
    id: 'infinite-width/varrho-prime',
    docs: 'docs/theory.md#T2.2',
    title: "Derivative of the EOC cosine map varrho'(rho)",
    source: { ...spectrum, where: 'Prop. "Cosine map" (docs/theory.md T2.2)' },
    kind: 'exact',
    convention: 'terjek',
    variables: [rho, delta],
    lhs: "\\varrho'(\\rho)",
    expression: '1 - Delta * (2 / pi) * acos(rho)',
    evaluate: (v) => varrhoPrime(v.rho, v.Delta),
    testVectors: [
      { values: { rho: '0', Delta: '1/2' }, expected: 0.5 },
      { values: { rho: '1/2', Delta: '1' }, expected: 1 / 3 },
      { values: { rho: '-1', Delta: '1' }, expected: -1 },
      { values: { rho: '1', Delta: '3/4' }, expected: 1 },
    ],
    notes: [
      "varrho(1) = varrho'(1) = 1 (chi_1 = 1 at the EOC). Negative for rho < cos(pi/(2 Delta)) when Delta > 1/2.",
    ],
  }),
  closedForm({
    id: 'infinite-width/zeta',
    docs: 'docs/theory.md#T2.3',
    title: 'Squared-cosine-distance map zeta(z) = (1 - varrho(1 - 2z))/2',
    source: { ...spectrum, where: 'Props. 11-12 (docs/theory.md T2.4)' },
    kind: 'exact',
    convention: 'terjek',
    variables: [
      {
        name: 'z',
        description: 'squared cosine distance (1 - rho)/2',
        domain: '[0, 1]',
        check: (v) => (v >= 0 && v <= 1 ? undefined : 'must lie in [0, 1]'),
      },
      delta,
    ],
    lhs: '\\zeta(z)',
    expression: 'z - (Delta / pi) * (2 * sqrt(z * (1 - z)) - (1 - 2 * z) * 2 * asin(sqrt(z)))',
    evaluate: (v) => zeta(v.z, v.Delta),
    testVectors: [
      { values: { z: '1/2', Delta: '1/2' }, expected: (1 - 1 / Math.PI) / 2 },
      { values: { z: '1', Delta: '1' }, expected: 0 },
      {
        values: { z: '1/1000000', Delta: '1' },
        expected: 1e-6 - (8 / (3 * Math.PI)) * 1e-9 - (4 / (15 * Math.PI)) * 1e-15,
        relTol: 1e-12,
        note: 'series z - Delta (b_3 z^{3/2} + b_5 z^{5/2}) with b_3 = 8/(3 pi), b_5 = 4/(15 pi)',
      },
    ],
    notes: [
      'Below angle 1 the evaluator sums the series of sin t - t cos t instead of the closed form, which cancels.',
    ],
  }),
  {
    id: 'terjek/ntk-eoc',
    docs: 'docs/theory.md#T2.3',
    title: 'Limiting NTK at the EOC, normalised: u_l = K_inf(x1,x2)/(|x1||x2|)',
    source: { ...spectrum, where: 'Prop. "K_inf at the EOC" (docs/theory.md T2.3)' },
    kind: 'exact',
    convention: 'terjek',
    variables: [rho, delta, depth],
    latex:
      "u_1 = \\rho_1,\\quad u_{k+1} = \\varrho'(\\rho_k)\\,u_k + \\rho_{k+1},\\quad \\rho_{k+1} = " +
      '\\varrho(\\rho_k),\\quad K_\\infty(x_1,x_2) = \\|x_1\\|\\|x_2\\|\\,u_l',
    evaluate: (v) => terjekNtk(v.rho, v.Delta, v.l),
    testVectors: [
      { values: { rho: '0', Delta: '1/2', l: '2' }, expected: 0.318309886184, relTol: 1e-11 },
      { values: { rho: '0', Delta: '1/2', l: '3' }, expected: 0.685708636283, relTol: 1e-11 },
      { values: { rho: '1/2', Delta: '1/2', l: '3' }, expected: 1.35147956112, relTol: 1e-11 },
      { values: { rho: '1/2', Delta: '1', l: '3' }, expected: 1.26028153482, relTol: 1e-11 },
      { values: { rho: '-1', Delta: '1', l: '3' }, expected: 3, relTol: 1e-14 },
      { values: { rho: '0', Delta: '81/202', l: '3' }, expected: 0.586292435729, relTol: 1e-11 },
      { values: { rho: '1/2', Delta: '0', l: '3' }, expected: 1.5, relTol: 1e-14 },
    ],
    notes: [
      'Terjek convention: no 1/sqrt(n_0) at the input, sigma^2 = 1/(a^2+b^2), no biases; K_T = Theta_canonical / ' +
        'sigma^2 with inputs scaled by sqrt(n_0) (docs/conventions.md).',
      'The paper requires l >= 2; l = 1 gives the linear model K = <x1, x2>.',
      'Evaluated by the z-form recursion (cosine distance with a series near 0) so that depth 10^5 keeps 11+ digits.',
    ],
  },
  closedForm({
    id: 'terjek/depth-asymptotic-distance',
    docs: 'docs/theory.md#T2.4',
    title: 'Depth asymptotics of the cosine: 1 - rho_l ~ 9 pi^2 / (8 Delta^2 l^2)',
    source: { ...spectrum, where: 'consequence of Prop. 13 (docs/theory.md T2.4, [derived])' },
    kind: 'asymptotic',
    convention: 'terjek',
    variables: [delta, depth],
    lhs: '1 - \\rho_l',
    expression: '9 * pi^2 / (8 * Delta^2 * l^2)',
    evaluate: (v) => oneMinusCosineAsymptotic(v.Delta, v.l),
    testVectors: [
      { values: { Delta: '1/2', l: '1' }, expected: 44.41321980490211, relTol: 1e-12 },
      { values: { Delta: '1', l: '10' }, expected: 0.1110330495122553, relTol: 1e-12 },
    ],
    notes: [
      'Derived in docs/theory.md part T from w_k ~ (4 Delta/(3 pi)) k; convergence is slow (log correction): at l ' +
        '= 1000, ReLU has (1 - rho) l^2 = 43.2 against 44.4.',
      'Undefined for Delta = 0 (linear: the cosine never moves).',
    ],
  }),
  closedForm({
    id: 'terjek/icd-approximation',
    docs: 'docs/theory.md#T4.1',
    title: 'Inverse-cosine-distance approximation of the EOC NTK (one-sided)',
    source: { ...spectrum, where: 'Prop. 14 (docs/theory.md T4.1)' },
    kind: 'bound',
    convention: 'terjek',
    variables: [
      {
        name: 'w',
        description: 'inverse cosine distance ((1 - rho_l)/2)^(-1/2) of layer l',
        domain: '>= 1',
        check: (v) => (v >= 1 ? undefined : 'must be >= 1'),
      },
      {
        ...delta,
        domain: '(0, 1]',
        check: (v) => (v > 0 && v <= 1 ? undefined : 'must lie in (0, 1]: the approximation divides by Delta'),
      },
    ],
    lhs: 'u_l',
    relation: '\\le',
    expression: '3 * pi / (16 * Delta) * w - 1 / 8',
    evaluate: (v) => icdApproximation(v.w, v.Delta),
    testVectors: [
      {
        values: { w: '215.128424', Delta: '1/2' },
        expected: 253.317203,
        relTol: 1e-8,
        note: 'docs/theory.md T6.4, ReLU orthogonal l = 1000',
      },
      {
        values: { w: '6.488958', Delta: '1' },
        expected: 3.697311,
        relTol: 1e-6,
        note: 'docs/theory.md T6.4, abs orthogonal l = 10',
      },
    ],
    notes: [
      'An upper bound on u_l; the gap is O(Delta^-2 / l) (1.5 for ReLU at l = 3). Diagonal entries are exactly l ' +
        '|x|^2 and are not approximated.',
      'Not defined for parallel inputs (w = infinity) or Delta = 0.',
    ],
  }),
];
