import { describe, expect, it } from 'vitest';
import { cli, cliJson } from '../helpers/cli.js';

interface SimulateJson {
  mode: string;
  seed: number;
  samples: number;
  inputs: { n: number; points: number[][] };
  series: {
    pattern: string;
    m: number;
    l: number;
    error_mean: number;
    error_se: number;
    theorem_shape_C1: number | null;
  }[];
  slopes: { pattern: string; against: string; error_slope: number; error_slope_se: number }[];
}

describe('ntkcalc concentration --simulate / --icd', () => {
  it('--json: one series row per (pattern, m, l) with standard errors, slopes against m and l, the data and seed', () => {
    const j = cliJson<SimulateJson>(
      'concentration',
      '--simulate',
      '--activation',
      'abs',
      '--depth',
      '3,5',
      '--width',
      '8,32',
      '--samples',
      '4',
      '--n',
      '4',
    );
    expect(j.mode).toBe('simulate');
    expect(j.seed).toBe(1);
    expect(j.inputs.points).toHaveLength(4);
    expect(j.series).toHaveLength(8);
    for (const s of j.series) {
      expect(s.error_mean).toBeGreaterThan(0);
      expect(s.error_se).toBeGreaterThan(0);
      expect(s.theorem_shape_C1 === null).toBe(s.pattern === 'constant');
    }
    expect(j.slopes.filter((s) => s.against === 'm')).toHaveLength(4);
    expect(j.slopes.filter((s) => s.against === 'l')).toHaveLength(4);
  });

  it('--csv: a header and one line per row; the text table says the theorem shape is not a bound', () => {
    const args = [
      'concentration',
      '--simulate',
      '--activation',
      'relu',
      '--depth',
      '3',
      '--width',
      '8,16',
      '--pattern',
      'quadratic',
      '--samples',
      '3',
      '--n',
      '3',
    ];
    const c = cli(...args, '--csv');
    expect(c.code).toBe(0);
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'pattern,m,l,first_network,error_mean,error_se,error_std,relative_error_mean,relative_error_se,mean_deviation,k_inf_norm,theorem_shape_C1',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^quadratic,16,3,3,/);
    const t = cli(...args);
    expect(t.stdout).toMatch(/Fitted log-log slopes/);
    expect(t.stdout.split('\n')[0]).toMatch(/networks per row, seed \d+, phi'\(0\) = a$/);
    expect(t.stdout).toMatch(/not a bound \(the absolute constant C is unknown\)/);
  });

  it('--icd --json: the Fig. 2 series per pattern and layer', () => {
    const j = cliJson<{
      mode: string;
      series: { pattern: string; k: number; icd_limit: number; error_mean: number }[];
      slopes: unknown[];
    }>('concentration', '--icd', '--activation', 'abs', '--width', '8', '--layers', '2,4', '--samples', '4');
    expect(j.mode).toBe('icd');
    expect(j.series.map((s) => `${s.pattern}:${s.k}`)).toEqual([
      'constant:2',
      'constant:4',
      'linear:2',
      'linear:4',
      'quadratic:2',
      'quadratic:4',
    ]);
    // w_2^inf for rho_1 = 0.32 and |s| (docs/theory.md T2.2: rho_2 = varrho(0.32)).
    expect(j.series[0].icd_limit).toBeCloseTo(2.46, 2);
    expect(j.slopes).toHaveLength(3);
  });

  it('bad input: exit 2 and one line naming what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['--simulate', '--width', '0'], /--width must be a positive integer/],
      [['--simulate', '--pattern', 'cubic'], /width pattern "cubic" is unknown/],
      [['--simulate', '--depth', '1,4'], /needs depth l >= 2/],
      [['--simulate', '--activation', 'linear'], /Delta_phi = 0 .*Delta_phi\^-2/],
      [['--simulate', '--inputs', 'examples/inputs.json'], /inputs 0 and 3 are parallel/],
      [['--simulate', '--p', '0.5'], /--p applies to the bound mode/],
    ];
    for (const [args, message] of cases) {
      const r = cli('concentration', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
