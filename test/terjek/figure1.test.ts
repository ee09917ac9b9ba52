import { describe, expect, it } from 'vitest';
import { FIGURE1_DELTAS, figure1, figure1Datasets } from '../../src/kernels/figure1.js';
import { spherePoints } from '../../src/kernels/inputs.js';
import { conditionNumber, eocNtkMatrices, eocSpectrum } from '../../src/kernels/spectrum.js';
import { cli, cliJson } from '../helpers/cli.js';
import { relErr } from '../helpers/specs.js';

/** docs/theory.md T2.3 pseudocode (ntkEntry), iterated in rho-space: a different method from the z-space recursion. */
function ntkEntryRho(x1: number[], x2: number[], Delta: number, l: number): number {
  const n1 = Math.hypot(...x1);
  const n2 = Math.hypot(...x2);
  let r = Math.min(1, Math.max(-1, x1.reduce((s, v, k) => s + v * x2[k], 0) / (n1 * n2)));
  let u = r;
  for (let k = 2; k <= l; k++) {
    const dr = 1 - Delta * (2 / Math.PI) * Math.acos(r);
    r = r + Delta * (2 / Math.PI) * (Math.sqrt(Math.max(0, 1 - r * r)) - r * Math.acos(r));
    u = dr * u + r;
  }
  return n1 * n2 * u;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const sampleStd = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1));

describe('Fig. 1 of the spectrum paper (docs/theory.md T5.1): mean condition number against depth', () => {
  const small = { datasets: 3, points: 8, dim: 16, depths: [2, 5, 9], Deltas: [0.25, 1], seed: 7 };

  it('matrices at all depths from one recursion equal the rho-space closed form of docs/theory.md T2.3', () => {
    const inputs = spherePoints(6, 16, 3);
    const Ks = eocNtkMatrices(0.625, [2, 7, 40], inputs);
    [2, 7, 40].forEach((l, d) => {
      for (let i = 0; i < 6; i++)
        for (let j = 0; j < 6; j++)
          expect(
            relErr(
              Ks[d][i][j],
              (i === j ? l * Math.hypot(...inputs[i]) ** 2 : ntkEntryRho(inputs[i], inputs[j], 0.625, l)) / 6,
            ),
          ).toBeLessThan(1e-11);
    });
  });

  it('condition numbers reproduce docs/theory.md T6.5 (n = 3, l = 2, ReLU and abs)', () => {
    const three = [
      [1, 0],
      [0, 1],
      [0.5, Math.sqrt(3) / 2],
    ];
    expect(relErr(conditionNumber(eocNtkMatrices(0.5, [2], three)[0]), 15.00382125)).toBeLessThan(1e-8);
    expect(relErr(conditionNumber(eocNtkMatrices(1, [2], three)[0]), 8.095293987)).toBeLessThan(1e-8);
  });

  it('every cell is the mean (and standard error) of the per-dataset eocSpectrum condition numbers', () => {
    const r = figure1(small);
    const all = spherePoints(small.datasets * small.points, small.dim, small.seed);
    expect(r.cells).toHaveLength(6);
    for (const c of r.cells) {
      const kappas = [0, 1, 2].map((d) => eocSpectrum(c.Delta, c.depth, all.slice(d * 8, (d + 1) * 8)).conditionNumber);
      expect(relErr(c.mean, mean(kappas))).toBeLessThan(1e-10);
      expect(relErr(c.std ?? NaN, sampleStd(kappas))).toBeLessThan(1e-8);
      expect(relErr(c.se ?? NaN, sampleStd(kappas) / Math.sqrt(3))).toBeLessThan(1e-8);
    }
    expect(figure1({ ...small, datasets: 1 }).cells[0].se).toBeNull();
  });

  it('is reproducible for a fixed seed, and a larger run extends a smaller one', () => {
    expect(figure1(small)).toEqual(figure1(small));
    expect(figure1({ ...small, seed: 8 }).cells[0].mean).not.toBe(figure1(small).cells[0].mean);
    expect(figure1Datasets(3, 8, 16, 7).slice(0, 2)).toEqual(figure1Datasets(2, 8, 16, 7));
  });

  it('docs/theory.md T4.3: kappa falls with depth towards 1 + n/3, and at depth the larger Delta conditions better', () => {
    const r = figure1({
      datasets: 4,
      points: 32,
      dim: 16,
      depths: [2, 4, 8, 16, 32, 64],
      Deltas: FIGURE1_DELTAS,
      seed: 11,
    });
    const curve = (Delta: number) => r.cells.filter((c) => c.Delta === Delta).map((c) => c.mean);
    for (const Delta of FIGURE1_DELTAS) {
      const k = curve(Delta);
      k.slice(1).forEach((v, i) => expect(v).toBeLessThan(k[i]));
      expect(k[k.length - 1]).toBeGreaterThan(1 + 32 / 3);
    }
    // Same datasets for every Delta, so the ordering at l = 64 is a paired comparison (measured gaps 0.02-2.2, se <= 0.3).
    const atDepth64 = FIGURE1_DELTAS.map((D) => curve(D)[5]);
    atDepth64.slice(1).forEach((v, i) => expect(v).toBeLessThan(atDepth64[i]));
    // The sheet's flag: the ordering is asymptotic only; at l = 2, Delta = 1 is worse than Delta = 3/4.
    expect(curve(1)[0]).toBeGreaterThan(curve(0.75)[0]);
  });

  it("matches the paper's l = 2 values (docs/theory.md T4.3 flags: 39.1 for Delta = 1, 33.6 for Delta = 3/4) within error bars", () => {
    const r = figure1({ datasets: 100, points: 32, dim: 16, depths: [2, 3], Deltas: [0.75, 1], seed: 1 });
    const at = (Delta: number, depth: number) => r.cells.find((c) => c.Delta === Delta && c.depth === depth)!;
    // Both means are over 100 datasets: their difference has about sqrt(2) times our standard error.
    // Measured (seed 1): 38.82 +/- 0.36 (Delta = 1) and 33.52 +/- 0.34 (Delta = 3/4) at l = 2; band +/- 2.0.
    const within = (Delta: number, depth: number, paper: number) =>
      Math.abs(at(Delta, depth).mean - paper) < 4 * Math.SQRT2 * (at(Delta, depth).se ?? 0);
    expect(within(1, 2, 39.1)).toBe(true);
    expect(within(0.75, 2, 33.6)).toBe(true);
    // Deliberately wrong depth convention (l counting hidden layers, i.e. one more weight matrix): 29.33 and 27.22, far outside.
    expect(within(1, 3, 39.1)).toBe(false);
    expect(within(0.75, 3, 33.6)).toBe(false);
  });
});

describe('ntkcalc spectrum --figure1', () => {
  it('prints the table, and JSON/CSV series that equal the library result', () => {
    const args = [
      'spectrum',
      '--figure1',
      '--datasets',
      '2',
      '--points',
      '6',
      '--dim',
      '5',
      '--depths',
      '2..3,8',
      '--seed',
      '4',
    ];
    const lib = figure1({ datasets: 2, points: 6, dim: 5, depths: [2, 3, 8], Deltas: FIGURE1_DELTAS, seed: 4 });
    const json = cliJson<{
      protocol: { depths: number[] };
      series: { Delta: number; depth: number; condition_mean: number; condition_se: number }[];
    }>(...args);
    expect(json.protocol.depths).toEqual([2, 3, 8]);
    expect(json.series.map((s) => [s.Delta, s.depth, s.condition_mean, s.condition_se])).toEqual(
      lib.cells.map((c) => [c.Delta, c.depth, c.mean, c.se]),
    );
    const csvOut = cli(...args, '--csv');
    expect(csvOut.code).toBe(0);
    const lines = csvOut.stdout.trim().split('\n');
    expect(lines[0]).toBe('Delta,depth,condition_mean,condition_se,condition_std');
    expect(lines).toHaveLength(1 + 24);
    expect(Number(lines[1].split(',')[2])).toBe(lib.cells[0].mean);
    const table = cli(...args);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^8 +\d/m);
    expect(table.stdout).toContain('Delta = 0.125');
  });

  it.each([
    [['--datasets', '0'], /--datasets must be a positive integer/],
    [['--points', '1'], /--points must be >= 2/],
    [['--depths', '1..4'], /every depth must be >= 2/],
    [['--depths', '8,4'], /increasing order/],
    [['--dim', '1'], /--dim must be >= 2/],
    [['--activation', 'abs'], /--activation does not apply to --figure1/],
    [['--inputs', 'x.json'], /--inputs does not apply to --figure1/],
    [['--json', '--csv'], /either --json or --csv/],
  ])('refuses bad input %j with one line and exit code 2', (extra, message) => {
    const r = cli('spectrum', '--figure1', ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('refuses --figure1 options without --figure1', () => {
    const r = cli('spectrum', '--depth', '4', '--inputs', 'examples/sphere16.json', '--datasets', '3');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^ntkcalc: error: --datasets applies only to --figure1$/);
  });
});
