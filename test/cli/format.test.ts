import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latexDocument } from '../../src/report/format/latex.js';
import { cli } from '../helpers/cli.js';

/**
 * --format text|markdown|csv|json|latex on the commands that print tables (src/cli/output.ts): text is the
 * default output, json the --json output, and the other three render the same numbers.
 */
const COMMANDS: string[][] = [
  ['constants', '--activation', 'leaky:0.1'],
  ['phase', '--activation', 'abs', '--sw2', '0.9', '--sb2', '0.1'],
  ['kernel', '--activation', 'relu', '--depth', '3', '--x', '1,0', '--y', '0,1', '--asymptotics'],
  ['kernel', '--activation', 'relu', '--depth', '2', '--inputs', 'examples/inputs.json'],
  ['hanin-nica', '--widths', '2,4,4,1', '--x', '1,1', '--exact'],
  ['dispersion', '--sw2', '2', '--depth', '2', '--width', '4', '--n0', '3', '--exact'],
  ['dispersion', '--limit', '--lambda', '0.5'],
  ['finite-width', '--activation', 'relu', '--depth', '4', '--width', '100'],
  ['concentration', '--activation', 'relu', '--depth', '10', '--width', '1000', '--n', '100'],
  ['spectrum', '--activation', 'abs', '--depth', '8', '--inputs', 'examples/sphere16.json'],
  ['simulate', '--activation', 'relu', '--width', '16', '--depth', '3', '--x', '1,0', '--samples', '50'],
];

const ok = (...args: string[]) => {
  const r = cli(...args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--format on every table command', () => {
  it.each(COMMANDS.map((c) => [c.join(' '), c]))('%s: text is the default, json is --json', (_, args) => {
    expect(ok(...args, '--format', 'text')).toBe(ok(...args));
    expect(ok(...args, '--format', 'json')).toBe(ok(...args, '--json'));
  });

  it('csv keeps full Float64 precision under the JSON field names', () => {
    const lines = ok('kernel', '--activation', 'relu', '--depth', '3', '--x', '1,0', '--y', '0,1', '--format', 'csv')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('layer,nngp_xx,nngp_xy,nngp_yy,sdot_xy,ntk_xx,ntk_xy,ntk_yy,cosine');
    const layer2 = lines[2].split(',');
    // Orthogonal unit inputs, ReLU at sigma_w^2 = 2: Theta^(2)(x, y) = Sigma^(2)(x, y) = 1/pi (arc-cosine kernel).
    expect(Number(layer2[6])).toBeCloseTo(1 / Math.PI, 15);
    expect(layer2[6].length).toBeGreaterThan(15);
  });

  it('csv of an exact column gives its Float64 value and the exact expression', () => {
    const csv = ok('constants', '--activation', 'leaky:0.1', '--format', 'csv');
    expect(csv.split('\n')[0]).toBe('quantity,value,value_exact');
    const [name, value, exact] = csv.split('\n')[1].split(',');
    expect([name, exact]).toEqual(['Delta_phi', '81/202']);
    expect(Number(value)).toBeCloseTo(81 / 202, 15);
  });

  it('markdown is a pipe table with numeric columns right-aligned and the sources under it', () => {
    const md = ok('constants', '--activation', 'leaky:0.1', '--format', 'markdown');
    expect(md).toContain('| quantity | exact | value | LaTeX |\n| --- | ---: | ---: | --- |\n');
    expect(md).toContain('| Delta_phi | 81/202 | 0.400990099009901 | \\frac{81}{202} |');
    expect(md).toMatch(/\nSources: .+\.\n/);
  });

  it('latex: exact values in math mode, means with errors, one labelled table per table', () => {
    const hn = ok('hanin-nica', '--widths', '2,4,4,1', '--x', '1,1', '--exact', '--format', 'latex');
    expect(hn).toMatch(/\n {4}E\[K\] & \$\\frac\{\d+\}\{\d+\}\$ & \$[\d.]+\$ & hanin-nica\/mean \\\\\n/);
    expect(hn.match(/\\label\{tab:[^}]+\}/g)).toEqual([
      '\\label{tab:hanin-nica-moments}',
      '\\label{tab:hanin-nica-brackets}',
    ]);
    const sim = ok(
      'simulate',
      '--activation',
      'relu',
      '--width',
      '16',
      '--depth',
      '3',
      '--x',
      '1,0',
      '--samples',
      '50',
    );
    const simTex = ok(
      'simulate',
      ...[
        '--activation',
        'relu',
        '--width',
        '16',
        '--depth',
        '3',
        '--x',
        '1,0',
        '--samples',
        '50',
        '--format',
        'latex',
      ],
    );
    const [mean, se] = sim.match(/NTK Theta\s+\(1,1\)\s+(\S+) \+\/- (\S+)/)!.slice(1);
    expect(simTex).toMatch(
      new RegExp(`NTK Theta & \\(1,1\\) & \\$${Number(mean).toPrecision(2).slice(0, 3)}\\d* \\\\pm ${se}\\$`),
    );
  });

  it('the latex of several commands compiles in one document with pdflatex', () => {
    const tables = COMMANDS.filter((c) => c[0] !== 'simulate').map((c) => ok(...c, '--format', 'latex'));
    writeFileSync(join(dir, 'commands.tex'), latexDocument(tables.map((t) => t.replace(/~\\cite\{[^}]*\}/g, ''))));
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'commands.tex'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.error) throw new Error(`pdflatex could not run (${r.error.message}); .ci/run installs texlive`);
    expect(r.status, r.stdout.slice(-2000)).toBe(0);
  });

  it('--csv is --format csv; contradicting formats are refused in one line before any work', () => {
    const fig = ['spectrum', '--figure1', '--datasets', '2', '--points', '4', '--depths', '2,3'];
    expect(ok(...fig, '--csv')).toBe(ok(...fig, '--format', 'csv'));
    expect(ok(...fig, '--csv').split('\n')[0]).toBe('Delta,depth,condition_mean,condition_se,condition_std');
    for (const [extra, message] of [
      [['--json', '--format', 'csv'], /--json means --format json; it cannot go with --format csv/],
      [['--json', '--csv'], /give either --json or --csv, not both/],
      [['--format', 'html'], /argument 'html' is invalid/],
    ] as const) {
      const r = cli(...fig, ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('csv and markdown give every layer of a long table where text shows the first and last ten', () => {
    const args = ['kernel', '--activation', 'abs', '--depth', '1000', '--x', '1,0', '--y', '0,1'];
    expect(ok(...args)).toContain('(980 layers not shown; --json gives every layer)');
    const csv = ok(...args, '--format', 'csv')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(1001);
    expect(csv[1000].startsWith('1000,')).toBe(true);
    expect(ok(...args, '--format', 'markdown')).toMatch(/\n\| 1000 \| 0\.5 \|/);
  });

  it('--digits sets the significant digits of text and LaTeX numbers', () => {
    const args = ['kernel', '--activation', 'relu', '--depth', '2', '--x', '1,0', '--y', '0,1', '--digits', '4'];
    expect(ok(...args)).toMatch(/\n2\s+1\s+0\.3183\s/);
    expect(ok(...args, '--format', 'latex')).toContain('$2$ & $1$ & $0.3183$');
  });
});
