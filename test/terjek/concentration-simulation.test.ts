import { describe, expect, it } from 'vitest';
import { type Activation, preset } from '../../src/activation/family.js';
import {
  concentrationExperiment,
  limitingNtkMatrix,
  operatorNormOfDifference,
} from '../../src/finite-width/concentrationExperiment.js';
import { logLogSlope } from '../../src/finite-width/fit.js';
import { icdExperiment } from '../../src/finite-width/icdExperiment.js';
import { patternWidths, terjekSampler } from '../../src/finite-width/terjekSampler.js';
import { terjekNtkSequence } from '../../src/kernels/eoc.js';
import { spherePoints } from '../../src/kernels/inputs.js';
import { pairKernels } from '../../src/kernels/pair.js';
import { simulate } from '../../src/montecarlo/simulation.js';
import { NetworkSeries } from '../../src/montecarlo/statistics.js';
import { fromTerjek } from '../../src/spec/conventions.js';
import { relErr } from '../helpers/specs.js';

const three = [
  [1, 0],
  [0, 1],
  [0.5, Math.sqrt(3) / 2],
];

/** Largest excess of |mean - K_inf| over 4 standard errors plus an allowance, over the entries (<= 0: agreement). */
function worstExcess(mean: number[][], se: number[][], limit: number[][], allowance: number): number {
  let worst = -Infinity;
  mean.forEach((row, i) =>
    row.forEach((m, j) => (worst = Math.max(worst, Math.abs(m - limit[i][j]) - 4 * se[i][j] - allowance))),
  );
  return worst;
}

/** Mean and standard error of ||K(theta) - limit|| over networks first..first+S-1, for any (possibly wrong) limit. */
function errorAgainst(
  act: Activation,
  depth: number,
  widths: number[],
  inputs: number[][],
  limit: number[][],
  seed: number,
  first: number,
  samples: number,
) {
  const s = terjekSampler(act, depth, widths, inputs);
  const stats = new NetworkSeries(1);
  for (let i = 0; i < samples; i++)
    stats.add(Float64Array.of(operatorNormOfDifference(s.draw(seed, first + i).ntk, limit)));
  const r = stats.summary();
  return { mean: r.mean[0], se: r.se[0] };
}

describe('pieces of the concentration experiment', () => {
  it('width patterns m_k = m, k m, k^2 m', () => {
    expect(patternWidths('constant', 5, 4)).toEqual([5, 5, 5]);
    expect(patternWidths('linear', 5, 4)).toEqual([5, 10, 15]);
    expect(patternWidths('quadratic', 5, 4)).toEqual([5, 20, 45]);
  });

  it('default data: n unit vectors, the same for the same seed', () => {
    const p = spherePoints(8, 16, 2025);
    expect(p).toHaveLength(8);
    for (const x of p) expect(Math.hypot(...x)).toBeCloseTo(1, 14);
    expect(spherePoints(8, 16, 2025)).toEqual(p);
    expect(spherePoints(8, 16, 2026)).not.toEqual(p);
  });

  it('log-log slope: exact on a power law; standard error by the delta method', () => {
    const x = [16, 64, 256];
    const r = logLogSlope(
      x,
      x.map((m) => 3 * m ** -0.5),
    );
    expect(r.slope).toBeCloseTo(-0.5, 13);
    expect(r.se).toBe(0);
    const two = logLogSlope([1, 4], [2, 1], [0.2, 0.05]);
    expect(two.slope).toBeCloseTo(-0.5, 14);
    expect(two.se).toBeCloseTo(Math.hypot(0.1, 0.05) / Math.log(4), 14);
  });

  it('K_inf (1/n included) equals the canonical recursion through the fromTerjek converter, and docs/theory.md T6.5', () => {
    const act = preset('relu');
    const K = limitingNtkMatrix(0.5, 3, three);
    const c = fromTerjek(act, 3, 2);
    const scaled = three.map((x) => x.map((v) => v * c.inputScale));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(relErr(K[i][j], (c.ntkFactor * pairKernels(c.spec, scaled[i], scaled[j])[2].ntk.xy) / 3)).toBeLessThan(
          1e-12,
        );
    expect(relErr(K[0][1], 0.6857086363 / 3)).toBeLessThan(1e-9);
    expect(relErr(K[1][2], 2.244232387 / 3)).toBeLessThan(1e-9);
    // m_l = 2: K_inf kron I, index (a, k) -> 2a + k.
    const K2 = limitingNtkMatrix(0.5, 3, three, 2);
    expect(K2[2][4]).toBe(K[1][2]);
    expect(K2[2][5]).toBe(0);
  });

  it('refuses what the theorem excludes, naming the hypothesis', async () => {
    const base = {
      activation: preset('relu'),
      inputs: three,
      samples: 4,
      seed: 1,
      cells: [{ pattern: 'quadratic' as const, baseWidth: 8, depth: 3 }],
    };
    await expect(concentrationExperiment({ ...base, activation: preset('linear') })).rejects.toThrow(/Delta_phi = 0/);
    await expect(
      concentrationExperiment({ ...base, cells: [{ pattern: 'constant', baseWidth: 8, depth: 1 }] }),
    ).rejects.toThrow(/l >= 2/);
    await expect(
      concentrationExperiment({ ...base, cells: [{ pattern: 'constant', baseWidth: 0, depth: 3 }] }),
    ).rejects.toThrow(/positive integer/);
    await expect(
      concentrationExperiment({
        ...base,
        inputs: [
          [1, 0],
          [0, 1],
          [2, 0],
        ],
      }),
    ).rejects.toThrow(/inputs 0 and 2 are parallel/);
    await expect(concentrationExperiment({ ...base, inputs: [[1, 0]] })).rejects.toThrow(/n >= 2/);
    await expect(concentrationExperiment({ ...base, samples: 1 })).rejects.toThrow(/>= 2/);
  });

  it("drives the sampler with its own streams: the per-network mean is simulate()'s mean (converted to K_T/n)", async () => {
    const act = preset('relu');
    const c = fromTerjek(act, 3, 2);
    const widths = [7, 9];
    const sampled = terjekSampler(act, 3, widths, three);
    const stats = new NetworkSeries(9);
    for (let i = 0; i < 64; i++) stats.add(sampled.draw(11, i).ntk);
    const mine = stats.summary();
    const scaled = three.map((x) => x.map((v) => v * c.inputScale));
    const r = await simulate(
      { spec: { ...c.spec, hiddenWidths: widths }, inputs: scaled, seed: 11, samples: 64, sampler: 'reduced' },
      { workers: 1 },
    );
    const theirs = (r.quantities.ntk as { mean: number[][] }).mean.flat();
    theirs.forEach((t, i) => expect(relErr(mine.mean[i], (c.ntkFactor * t) / 3)).toBeLessThan(1e-12));
  });
});

describe('measured against simulation (docs/theory.md T3.1; fixed seeds)', () => {
  it('the mean NTK matrix over networks matches K_inf within 4 se + (l/m) max|K_inf|; wrong normalisations fail', async () => {
    const act = preset('relu');
    const depth = 3;
    const m = 256;
    const r = await concentrationExperiment({
      activation: act,
      inputs: three,
      samples: 300,
      seed: 5,
      cells: [{ pattern: 'quadratic', baseWidth: m, depth }],
    });
    const cell = r.cells[0];
    const limit = cell.limitMatrix;
    const allowance = (depth / m) * Math.max(...limit.flat().map(Math.abs));
    expect(worstExcess(cell.meanMatrix, cell.seMatrix, limit, allowance)).toBeLessThan(0);
    // Deliberately wrong: canonical NTK not divided by sigma^2 = 2; no 1/n; depth counted as hidden layers (l - 1).
    const broken = {
      'times sigma^2': limit.map((row) => row.map((v) => 2 * v)),
      'without 1/n': limit.map((row) => row.map((v) => 3 * v)),
      'depth l - 1': limitingNtkMatrix(0.5, depth - 1, three),
    };
    for (const wrong of Object.values(broken))
      expect(worstExcess(cell.meanMatrix, cell.seMatrix, wrong, allowance)).toBeGreaterThan(0);
  });

  it('the error falls like m^(-1/2): ratio at m = 16 and 256 is 4 within 3 se + 15% (k^2 m widths); a wrong K_inf fails', async () => {
    const act = preset('abs');
    const inputs = spherePoints(4, 16, 2025);
    const depth = 4;
    const S = 100;
    const r = await concentrationExperiment({
      activation: act,
      inputs,
      samples: S,
      seed: 3,
      cells: [16, 256].map((baseWidth) => ({ pattern: 'quadratic' as const, baseWidth, depth })),
    });
    const [a, b] = r.cells.map((c) => c.error);
    const ratioWithin = (x: { mean: number; se: number }, y: { mean: number; se: number }) => {
      const ratio = x.mean / y.mean;
      const se = ratio * Math.hypot(x.se / x.mean, y.se / y.mean);
      return Math.abs(ratio - 4) <= 3 * se + 0.6;
    };
    expect(ratioWithin(a, b)).toBe(true);
    const slope = r.slopes.find((s) => s.against === 'm')!;
    expect(Math.abs(slope.error.slope + 0.5)).toBeLessThan(3 * slope.error.se + 0.08);
    // The same networks against K_inf of depth l - 1 (a wrong depth count): the error no longer shrinks like m^(-1/2) (measured ratio 1.42 +/- 0.1, against 4.25 +/- 0.28).
    const wrong = limitingNtkMatrix(1, depth - 1, inputs);
    const [wa, wb] = r.cells.map((c) => errorAgainst(act, depth, c.widths, inputs, wrong, 3, c.firstNetwork, S));
    const correct = errorAgainst(
      act,
      depth,
      r.cells[1].widths,
      inputs,
      r.cells[1].limitMatrix,
      3,
      r.cells[1].firstNetwork,
      S,
    );
    expect(relErr(correct.mean, b.mean)).toBeLessThan(1e-12);
    expect(ratioWithin(wa, wb)).toBe(false);
  });

  it('relative error against depth: about l^(1/2) for m_k = m, nearly flat for m_k = k^2 m', async () => {
    const inputs = spherePoints(4, 16, 2025);
    const cells = (['constant', 'quadratic'] as const).flatMap((pattern) =>
      [4, 16].map((depth) => ({ pattern, depth, baseWidth: 64 })),
    );
    const r = await concentrationExperiment({ activation: preset('abs'), inputs, samples: 48, seed: 9, cells });
    const slope = (p: string) => r.slopes.find((s) => s.pattern === p && s.against === 'l')!.relativeError;
    // Measured: constant 0.516 +/- 0.080, quadratic 0.086 +/- 0.059. Relative fluctuations of K are about (l/m)^(1/2) for
    // constant widths, and sum_k 1/(k^2 m) (bounded in l) for k^2 m.
    const nearlyFlat = (s: { slope: number; se: number }) => s.slope + 3 * s.se < 0.3;
    expect(Math.abs(slope('constant').slope - 0.5)).toBeLessThan(3 * slope('constant').se + 0.1);
    expect(nearlyFlat(slope('quadratic'))).toBe(true);
    // Broken (the width pattern ignored, i.e. constant widths): the same check fails.
    expect(nearlyFlat(slope('constant'))).toBe(false);
  });
});

describe('Fig. 2: inverse cosine distance error per layer (docs/theory.md T5.2)', () => {
  it('refuses what the figure excludes: parallel pair, k = 1, one network', async () => {
    const base = {
      activation: preset('abs'),
      rho1: 0.32,
      series: [{ pattern: 'constant' as const, baseWidth: 8 }],
      layers: [2],
      samples: 4,
      seed: 1,
    };
    await expect(icdExperiment({ ...base, rho1: 1 })).rejects.toThrow(/rho_1 = 1 must lie in \(-1, 1\)/);
    await expect(icdExperiment({ ...base, layers: [1] })).rejects.toThrow(/k must be integers >= 2/);
    await expect(icdExperiment({ ...base, samples: 1 })).rejects.toThrow(/>= 2/);
  });

  it('the mean ICD at large width matches the infinite-width value; the off-by-one layer index fails', async () => {
    const r = await icdExperiment({
      activation: preset('abs'),
      rho1: 0.32,
      series: [{ pattern: 'quadratic', baseWidth: 256 }],
      layers: [8],
      samples: 200,
      seed: 4,
    });
    const p = r.points[0];
    // Allowance: the finite-width bias of w_k, O(k/m) relative (measured -0.12% here; |mean - w^inf| = 0.6 se).
    const allowance = (8 / 256) * p.limit;
    expect(Math.abs(p.icd.mean - p.limit)).toBeLessThan(4 * p.icd.se + allowance);
    // w_k^inf read one layer late (one cosine map too many) is off by about 4/(3 pi) = 0.42.
    const oneLate = 1 / Math.sqrt(terjekNtkSequence((1 - 0.32) / 2, 1, 9).z[8]);
    expect(Math.abs(p.icd.mean - oneLate)).toBeGreaterThan(4 * p.icd.se + allowance);
  });

  it("reproduces the paper's printed means within 3 combined se + 10% (MNIST pairs there, one pair with rho_1 = 0.32 here)", async () => {
    const series = [
      { pattern: 'constant' as const, baseWidth: 64 },
      { pattern: 'linear' as const, baseWidth: 32 },
      { pattern: 'quadratic' as const, baseWidth: 16 },
    ];
    const r = await icdExperiment({
      activation: preset('abs'),
      rho1: 0.32,
      series,
      layers: [8, 16],
      samples: 200,
      seed: 1,
    });
    // docs/theory.md T5.2, mean +/- std over 1000 pairs, at k = 8 and 16.
    const paper: Record<string, [number, number][]> = {
      constant: [
        [1.07, 0.99],
        [2.95, 3.06],
      ],
      linear: [
        [0.7, 0.57],
        [1.14, 0.91],
      ],
      quadratic: [
        [0.6, 0.56],
        [0.71, 0.65],
      ],
    };
    const agrees = (pattern: string, measuredAs: string) =>
      r.points
        .filter((p) => p.pattern === measuredAs)
        .every((p) => {
          const [mean, std] = paper[pattern][p.layer === 8 ? 0 : 1];
          return Math.abs(p.error.mean - mean) <= 3 * Math.hypot(p.error.se, std / Math.sqrt(1000)) + 0.1 * mean;
        });
    // Measured: 1.007, 3.075 (constant); 0.719, 1.044 (linear); 0.582, 0.669 (quadratic).
    for (const pattern of ['constant', 'linear', 'quadratic']) expect(agrees(pattern, pattern)).toBe(true);
    // Broken (the series assigned to the wrong width pattern): fails.
    expect(agrees('linear', 'constant')).toBe(false);
    expect(agrees('quadratic', 'linear')).toBe(false);
    // The error grows fastest with k for m_k = m, then k m, then k^2 m.
    const slope = Object.fromEntries(r.slopes.map((s) => [s.pattern, s.slope.slope]));
    expect(slope.constant).toBeGreaterThan(slope.linear);
    expect(slope.linear).toBeGreaterThan(slope.quadratic);
  });
});
