import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preset } from '../../src/activation/family.js';
import { concentrationBound } from '../../src/finite-width/concentration.js';
import { eocSpectrum, omegaIterate } from '../../src/kernels/spectrum.js';
import { cli, cliJson } from '../helpers/cli.js';
import { relErr } from '../helpers/specs.js';

const sphere = JSON.parse(readFileSync(new URL('../../examples/sphere16.json', import.meta.url), 'utf8')) as number[][];
const three = [
  [1, 0],
  [0, 1],
  [0.5, Math.sqrt(3) / 2],
];

describe('spectrum of the EOC NTK matrix (docs/theory.md T2.3, 4, 6.5)', () => {
  it('reproduces docs/theory.md T6.5 (n = 3, ReLU l = 2 and abs l = 2)', () => {
    const r = eocSpectrum(0.5, 2, three);
    [0.08906548655, 0.5746118735, 1.33632264].forEach((want, i) =>
      expect(relErr(r.eigenvalues[i], want)).toBeLessThan(1e-8),
    );
    expect(relErr(r.conditionNumber, 15.00382125)).toBeLessThan(1e-8);
    expect(relErr(eocSpectrum(1, 2, three).conditionNumber, 8.095293987)).toBeLessThan(1e-8);
  });

  it('W reproduces the Perron root of the ICD matrix: omega^(l-1)(W) = lambda_1/(n-1)', () => {
    const r = eocSpectrum(1, 64, sphere);
    expect(relErr(omegaIterate(r.W, 63, 1), r.icdPerronRoot / 31)).toBeLessThan(1e-10);
    expect(r.W).toBeGreaterThan(1);
  });

  it('the ICD approximation is one-sided (an upper bound) with a gap shrinking like 1/l', () => {
    const g64 = eocSpectrum(1, 64, sphere);
    const g512 = eocSpectrum(1, 512, sphere);
    expect(g64.icdMinGap).toBeGreaterThan(0);
    expect(g512.icdMinGap).toBeGreaterThan(0);
    // gap * l stays near 6 for |s| (docs/theory.md T4.1): within 25% between l = 64 and l = 512.
    const ratio = (g512.icdMaxGap * 512) / (g64.icdMaxGap * 64);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  });

  it('the leading terms of Thm. 18 approach the exact spectrum as l grows (32 points on S^15)', () => {
    const deep = eocSpectrum(1, 4096, sphere);
    expect(relErr(deep.conditionNumber, deep.theorem.condition.upper)).toBeLessThan(2e-3);
    expect(relErr(deep.eigenvalues[31], deep.theorem.top.upper)).toBeLessThan(1e-3);
    expect(relErr(deep.eigenvalues[15], deep.theorem.bulk.upper)).toBeLessThan(1e-3);
    const shallow = eocSpectrum(1, 8, sphere);
    expect(relErr(shallow.conditionNumber, shallow.theorem.condition.upper)).toBeGreaterThan(0.2);
    expect(deep.theorem.conditionLimit).toBeCloseTo(1 + 32 / 3, 14);
  });

  it('refuses what the theorem excludes, naming the hypothesis', () => {
    expect(() =>
      eocSpectrum(0.5, 4, [
        [1, 0],
        [2, 0],
        [0, 1],
      ]),
    ).toThrow(/inputs 0 and 1 are parallel/);
    expect(() =>
      eocSpectrum(0.5, 4, [
        [1, 0],
        [-1, 0],
      ]),
    ).toThrow(/parallel \(cosine -1\)/);
    expect(() => eocSpectrum(0, 4, three)).toThrow(/Delta_phi = 0/);
    expect(() => eocSpectrum(0.5, 1, three)).toThrow(/l >= 2/);
    expect(() => eocSpectrum(0.5, 3, [[1, 0]])).toThrow(/n >= 2/);
  });
});

describe('concentration bound (docs/theory.md T3.1)', () => {
  const base = { depth: 10, baseWidth: 1000, outDim: 1, points: 100, tauMax: 1, constant: 1 };

  it('exposes the constant, and the optimal p gives probability 1 - 16/m', () => {
    const r = concentrationBound(preset('abs'), base);
    expect(r.probability).toBeCloseTo(1 - 16 / 1000, 12);
    expect(concentrationBound(preset('abs'), { ...base, constant: 3 }).bound).toBeCloseTo(3 * r.boundOverC, 12);
    expect(r.widths).toEqual([1000, 4000, 9000, 16000, 25000, 36000, 49000, 64000, 81000]);
  });

  it('headline comparison: prefactor 1 for |s| against 8 for ReLU', () => {
    expect(concentrationBound(preset('abs'), base).prefactor).toBe(1);
    expect(concentrationBound(preset('relu'), base).prefactor).toBeCloseTo(8, 13);
    expect(concentrationBound(preset('relu'), base).boundOverC).toBeGreaterThan(
      concentrationBound(preset('abs'), base).boundOverC,
    );
  });

  it('the bound decays like m^-(1-p)/2 at fixed p', () => {
    const a = concentrationBound(preset('relu'), { ...base, p: 0.5 });
    const b = concentrationBound(preset('relu'), { ...base, baseWidth: 16000, p: 0.5 });
    expect(a.boundOverC / b.boundOverC).toBeCloseTo(2, 12);
  });

  it('refuses the linear activation, l = 1, n = 1 and p outside (0, 1)', () => {
    expect(() => concentrationBound(preset('linear'), base)).toThrow(/Delta_phi\^-2/);
    expect(() => concentrationBound(preset('relu'), { ...base, depth: 1 })).toThrow(/l >= 2/);
    expect(() => concentrationBound(preset('relu'), { ...base, points: 1 })).toThrow(/n >= 2/);
    expect(() => concentrationBound(preset('relu'), { ...base, p: 1 })).toThrow(/outside \(0, 1\)/);
  });
});

describe('CLI: concentration and spectrum', () => {
  it('concentration --json says the constant is unknown', () => {
    const j = cliJson<{ warning: string; kind: string; bound_over_C: number }>(
      'concentration',
      '--activation',
      'relu',
      '--depth',
      '10',
      '--width',
      '1000',
      '--n',
      '100',
    );
    expect(j.kind).toBe('up-to-constants');
    expect(j.warning).toMatch(/does not give/);
    expect(j.bound_over_C).toBeGreaterThan(0);
  });

  it('spectrum --json and bad input', () => {
    const j = cliJson<{ eigenvalues: number[]; condition_number: number }>(
      'spectrum',
      '--activation',
      'relu',
      '--depth',
      '10',
      '--inputs',
      'examples/sphere16.json',
    );
    expect(j.eigenvalues).toHaveLength(32);
    const r = cli('spectrum', '--activation', 'linear', '--depth', '10', '--inputs', 'examples/sphere16.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Delta_phi = 0/);
    expect(cli('concentration', '--activation', 'relu', '--depth', '1', '--width', '100', '--n', '5').stderr).toMatch(
      /l >= 2/,
    );
  });
});
