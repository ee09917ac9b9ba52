import { describe, expect, it } from 'vitest';
import { summarize, Totals } from '../../src/montecarlo/statistics.js';
import {
  estimateOf,
  holm,
  momentsFromPowerSums,
  momentsOf,
  skewness,
  twoSidedP,
  zTest,
} from '../../src/verify/statistics.js';

const data = [1, 2, 3, 4, 10];

describe('validate statistics', () => {
  it('mean, second moment and variance with their standard errors', () => {
    const mo = momentsOf(data);
    const mean = estimateOf('mean', mo);
    expect(mean.estimate).toBe(4);
    // sample variance 12.5 (n - 1), se = sqrt(12.5 / 5)
    expect(mean.se).toBeCloseTo(Math.sqrt(12.5 / 5), 14);
    const sq = data.map((v) => v * v);
    const m2 = estimateOf('second_moment', mo);
    const sqMo = momentsOf(sq);
    expect(m2.estimate).toBeCloseTo(sqMo.m, 12);
    expect(m2.se).toBeCloseTo(estimateOf('mean', sqMo).se, 12);
    const v = estimateOf('variance', mo);
    expect(v.estimate).toBeCloseTo(12.5, 12);
    // (mu4 - sigma^4 (S-3)/(S-1)) / S with the 1/S central moments
    expect(v.se).toBeCloseTo(Math.sqrt((mo.c4 - (mo.c2 * mo.c2 * 2) / 4) / 5), 12);
  });

  it('the moment ratio and its delta-method se agree with the sampler statistics', () => {
    const t = new Totals(1);
    const sums = new Float64Array(4);
    for (const x of data) for (let k = 0; k < 4; k++) sums[k] += x ** (k + 1);
    t.addBlock({ block: 0, count: data.length, sums });
    const s = summarize(t);
    const r = estimateOf('ratio', momentsOf(data));
    expect(r.estimate).toBeCloseTo(s.ratio[0], 12);
    expect(r.se).toBeCloseTo(s.ratioSe[0], 12);
  });

  it('moments from power sums equal moments about the mean', () => {
    const p = [1, 2, 3, 4].map((k) => data.reduce((s, v) => s + v ** k, 0));
    const a = momentsFromPowerSums(data.length, p[0], p[1], p[2], p[3]);
    const b = momentsOf(data);
    for (const k of ['m', 'c2', 'c3', 'c4'] as const) expect(a[k]).toBeCloseTo(b[k], 10);
    expect(skewness(b)).toBeGreaterThan(1);
  });

  it('two-sided p-values, two-sample standard errors and tolerances', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(twoSidedP(30)).toBeGreaterThan(0);
    const t = zTest({ estimate: 1.5, se: 0.3, samples: 10 }, 1, 0.4);
    expect(t.se).toBeCloseTo(0.5, 15);
    expect(t.z).toBeCloseTo(1, 15);
    expect(zTest({ estimate: 1.5, se: 0.1, samples: 10 }, 1, 0, 0.4).z).toBeCloseTo(1, 12);
    expect(zTest({ estimate: 0.7, se: 0.1, samples: 10 }, 1, 0, 0.4).z).toBe(0);
  });

  it("Holm's adjusted p-values", () => {
    const adj = holm([0.01, 0.04, 0.03, 0.5]);
    expect(adj[0]).toBeCloseTo(0.04, 15);
    expect(adj[2]).toBeCloseTo(0.09, 15);
    expect(adj[1]).toBeCloseTo(0.09, 15);
    expect(adj[3]).toBeCloseTo(0.5, 15);
  });
});
