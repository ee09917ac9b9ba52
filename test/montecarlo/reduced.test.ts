import { describe, expect, it } from 'vitest';
import { fromCoefficients } from '../../src/activation/family.js';
import { denseSampler, type Sampler } from '../../src/montecarlo/dense.js';
import type { McNetwork } from '../../src/montecarlo/layout.js';
import { householderQr } from '../../src/montecarlo/linalg.js';
import { mcNetwork } from '../../src/montecarlo/network.js';
import { networkStream } from '../../src/montecarlo/random.js';
import { type ReducedOptions, reducedSampler } from '../../src/montecarlo/reduced.js';
import { ksTwoSample } from '../../src/montecarlo/statistics.js';
import type { NetworkSpec } from '../../src/spec/network.js';
import { spec } from '../helpers/specs.js';

/** S networks' sample vectors, one row per network. */
function draw(sampler: Sampler, seed: number, S: number): Float64Array[] {
  return Array.from({ length: S }, (_, i) => {
    const v = new Float64Array(sampler.layout.size);
    sampler.sample(networkStream(seed, i), v);
    return v;
  });
}

/** Smallest two-sample KS p-value over every scalar the samplers return (outputs, NNGP, NTK, per-layer terms). */
function minP(net: McNetwork, S: number, options: ReducedOptions = {}): number {
  const dense = draw(denseSampler(net), 101, S);
  const reduced = draw(reducedSampler(net, options), 202, S);
  let p = 1;
  for (let k = 0; k < dense[0].length; k++) {
    const col = (rows: Float64Array[]) => rows.map((r) => r[k]);
    p = Math.min(p, ksTwoSample(col(dense), col(reduced)).pValue);
  }
  return p;
}

const X3 = [
  [1, 0.2, -0.4],
  [0.3, -1, 0.8],
];
const CONFIGS: [string, NetworkSpec, number[][], number, ReducedOptions][] = [
  ['ReLU with biases, N = 2', spec('relu', 4, { sw2: '2', sb2: '0.2', widths: [6, 6, 6] }), X3, 1, {}],
  [
    '|s| without biases, N = 3, every layer reduced',
    spec('abs', 3, { widths: [5, 5] }),
    [...X3, [0.5, 0.5, 0.5]],
    1,
    { alwaysReduce: true },
  ],
  [
    'asymmetric (a, b) = (0.3, -0.7), standard param., 2 outputs',
    {
      ...spec('relu', 3, { sw2: '1.5', sb2: '0.1', param: 'standard', widths: [6, 5] }),
      activation: fromCoefficients('0.3', '-0.7'),
    },
    X3,
    2,
    { alwaysReduce: true },
  ],
  [
    'width-1 layers, parallel inputs (rank-deficient H)',
    spec('relu', 4, { sw2: '2', sb2: '0.3', widths: [4, 1, 4] }),
    [
      [1, 2, -1],
      [2, 4, -2],
    ],
    1,
    { alwaysReduce: true },
  ],
];

describe('reduced sampler is equal in law to the dense sampler (two-sample KS, fixed seeds)', () => {
  it.each(CONFIGS)('%s', (_name, s, x, outDim, options) => {
    const p = minP(mcNetwork(s, x, { outDim }), 5000, options);
    // Deterministic at these seeds; 1e-4 over ~50 scalars is a family-wise level of about 0.5%.
    expect(p).toBeGreaterThan(1e-4);
  });

  it.each<[ReducedOptions['brokenForTests']]>([['drop-orthogonal'], ['skip-projection']])(
    'the same test fails on a broken reduced sampler (%s)',
    (broken) => {
      const [, s, x, outDim] = CONFIGS[0];
      expect(minP(mcNetwork(s, x, { outDim }), 3000, { alwaysReduce: true, brokenForTests: broken })).toBeLessThan(
        1e-6,
      );
    },
  );
});

describe('Householder thin QR', () => {
  it('A = Q R with orthonormal Q, also for rank-deficient and wide A', () => {
    for (const [n, m, cols] of [
      [
        5,
        3,
        [
          [1, 2, 3, 4, 5],
          [2, 4, 6, 8, 10],
          [0, 1, 0, -1, 2],
        ],
      ],
      [
        2,
        3,
        [
          [1, 2],
          [3, -1],
          [0, 0],
        ],
      ],
    ] as [number, number, number[][]][]) {
      const a = Float64Array.from(cols.flat());
      const k = Math.min(n, m);
      const r = new Float64Array(k * m);
      const q = new Float64Array(n * k);
      householderQr(a.slice(), n, m, r, new Float64Array(n * k), q);
      for (let c = 0; c < m; c++) {
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let j = 0; j < k; j++) v += q[j * n + i] * r[j * m + c];
          expect(v).toBeCloseTo(a[c * n + i], 12);
        }
      }
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let v = 0;
          for (let t = 0; t < n; t++) v += q[i * n + t] * q[j * n + t];
          expect(v).toBeCloseTo(i === j ? 1 : 0, 12);
        }
      }
    }
  });
});

describe('reduced sampler, N = 1 at width 1024, depth 64', () => {
  it('draws O(sum n_l) numbers per network, not O(sum n_l^2)', () => {
    const s = spec('relu', 64, { sw2: '2', widths: Array.from({ length: 63 }, () => 1024) });
    const net = mcNetwork(s, [[1, 0]]);
    let count = 0;
    const inner = networkStream(1, 0);
    const counting = {
      fillNormal: (o: Float64Array, f = 0, t = o.length) => {
        count += t - f;
        inner.fillNormal(o, f, t);
      },
      fillWeights: (_law: 'gaussian' | 'uniform', o: Float64Array, f = 0, t = o.length) => {
        count += t - f;
        inner.fillNormal(o, f, t);
      },
    };
    const sampler = reducedSampler(net);
    sampler.sample(counting, new Float64Array(sampler.layout.size));
    expect(count).toBeLessThan(2 * 64 * 1024 + 10);
  });
});
