import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/cli/presets.js';
import { cli, listedNames } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('ntkcalc table', () => {
  it('lists the presets one a line, name first', () => {
    expect(listedNames('table')).toEqual(PRESETS.map((p) => p.name));
  });

  it('prints a preset in every format with its sources', () => {
    const text = cli('table', '--preset', 'constants');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^leaky:0\.1 +11\/20 +9\/20 +81\/202 +\(10\/101\)\*sqrt\(202\) /m);
    const csv = cli('table', '--preset', 'constants', '--format', 'csv').stdout.split('\n');
    expect(csv[0]).toBe(
      'activation,a,a_exact,b,b_exact,Delta,Delta_exact,kappa,kappa_exact,A2,A2_exact,A4,A4_exact,r,r_exact,eoc_sigma_w2,eoc_sigma_w2_exact',
    );
    expect(csv[1]).toBe('relu,0.5,1/2,0.5,1/2,0.5,1/2,1.414213562373095,sqrt(2),0.5,1/2,0.5,1/2,2,2,2,2');
    const json = JSON.parse(cli('table', '--preset', 'constants', '--format', 'json').stdout);
    expect(json.provenance.sources.map((s: { citation: string }) => s.citation)).toContain(
      'Terjek & Gonzalez-Sanchez 2025',
    );
    expect(json.rows[2].Delta).toMatchObject({ exact: '81/202', latex: '\\frac{81}{202}' });
    expect(json.rows[2].Delta.value).toBeCloseTo(81 / 202, 15);
    const tex = cli('table', '--preset', 'ntk-depth', '--format', 'latex', '--digits', '4').stdout;
    expect(tex).toContain('\\label{tab:ntk-depth}');
    expect(tex).toContain('$2$ & $2$ & $0.3183$ & $0.3183$ & $0.2528$ \\\\');
    expect(cli('table', '--preset', 'ntk-depth', '--format', 'markdown').stdout).toContain('| 2 | 2 | 0.318309886 |');
  });

  it('evaluates a YAML or JSON spec file: formulas exact where the row is exact', () => {
    const yaml = spec(
      't.yaml',
      'name: mine\ncolumns:\n  - variable: L\n  - formula: finite-width/ntk-variance\n    name: c\nrows:\n  - { activation: relu, L: 3 }\n  - { r: 1.5, L: 2 }\n',
    );
    const r = cli('table', '--file', yaml, '--format', 'csv');
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(lines[0]).toEqual(['L', 'L_exact', 'finite-width/ntk-variance', 'finite-width/ntk-variance_exact']);
    expect(lines[1][3]).toBe('58/9');
    expect(Number(lines[1][2])).toBeCloseTo(58 / 9, 14);
    expect(lines[2]).toEqual(['2', '2', '2', '2']);
    const json = spec(
      't.json',
      JSON.stringify({ columns: [{ formula: 'terjek/prefactor' }], rows: [{ activation: 'abs' }] }),
    );
    const j = JSON.parse(cli('table', '--file', json, '--format', 'json').stdout);
    expect(j.rows[0]['terjek/prefactor']).toBeTypeOf('number');
    expect(j.provenance.formulas).toEqual(['terjek/prefactor']);
  });

  it('simulates columns with a fixed seed', () => {
    const s = spec(
      'sim.yaml',
      'columns:\n  - variable: n\n  - simulate: ntk-mean\n  - simulate: ntk-dispersion\nsamples: 200\nrows:\n  - { activation: relu, L: 3, n: 16 }\n',
    );
    const a = cli('table', '--file', s, '--format', 'json');
    expect(a.code, a.stderr).toBe(0);
    const row = JSON.parse(a.stdout).rows[0];
    expect(row['ntk-mean-1'].se).toBeGreaterThan(0);
    expect(Math.abs(row['ntk-mean-1'].mean - 3)).toBeLessThan(5 * row['ntk-mean-1'].se);
    expect(cli('table', '--file', s, '--format', 'json').stdout).toBe(a.stdout);
  });

  it.each([
    [['table'], /give one of --preset NAME or --file SPEC/],
    [['table', '--preset', 'nope'], /unknown preset "nope"; the presets are constants, /],
    [['table', '--preset', 'constants', '--standalone'], /--standalone goes with --format latex/],
    [['table', '--preset', 'constants', '--digits', '30'], /--digits must be from 1 to 17/],
    [['table', '--preset', 'constants', '--format', 'pdf'], /argument 'pdf' is invalid/],
    [['table', '--file', '/nonexistent.yaml'], /cannot read table spec "\/nonexistent.yaml": ENOENT/],
  ])('refuses bad input in one line with exit code 2: %j', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['bad.yaml', 'columns: [', /is not valid YAML/],
    ['empty.json', '{"columns": [], "rows": [{}]}', /columns: .*at least 1|columns: Too small/],
    ['unknown.json', '{"columns": [{"formula": "x/y"}], "rows": [{"a": 1}]}', /unknown formula "x\/y"/],
    [
      'missing.json',
      '{"columns": [{"formula": "finite-width/vertex"}], "rows": [{"r": 2}]}',
      /row 1: formula finite-width\/vertex needs r, L; the row lacks L/,
    ],
    ['nan.json', '{"columns": [{"variable": "L"}], "rows": [{"L": "abc"}]}', /row 1, L: "abc" is not a number/],
  ])('refuses a bad spec file %s in one line', (name, content, message) => {
    const r = cli('table', '--file', spec(name, content));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('ntkcalc bib', () => {
  it('writes a BibTeX entry for every source the registry cites', () => {
    const r = cli('bib');
    expect(r.code).toBe(0);
    for (const key of ['HaninNica2019', 'SeleznovaKutyniok2022', 'TerjekGonzalezSanchez2025spectrum', 'ntkcalc'])
      expect(r.stdout).toMatch(new RegExp(`^@\\w+\\{${key},$`, 'm'));
  });
});
