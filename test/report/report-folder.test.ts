import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latexDocument } from '../../src/report/format/latex.js';
import { cli } from '../helpers/cli.js';

/**
 * The default report (`npm start` = `ntkcalc report`) writes its folder: index.md, one LaTeX table and one SVG
 * plot per section, references.bib and results.json; the tables are the `ntkcalc table` presets', the plots
 * `ntkcalc plot`'s, and the tables build as one LaTeX document with bibtex.
 */
const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-report-folder-'));
const out = join(dir, 'my report');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = cli('report', '--out', out);

interface Results {
  version: string;
  tables: { name: string; rows: Record<string, unknown>[] }[];
}

describe('ntkcalc report', () => {
  it('writes index.md, tables/*.tex, plots/*.svg, references.bib and results.json into the folder --out names', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Written to ${out}/`);
    for (const f of ['index.md', 'references.bib', 'results.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const names = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).tables.map(
      (t: { name: string }) => t.name,
    );
    expect(names).toEqual(['constants', 'ntk-depth', 'hanin-nica', 'simulated', 'terjek-bound']);
    expect(readdirSync(join(out, 'tables')).sort()).toEqual(names.map((n: string) => `${n}.tex`).sort());
    expect(readdirSync(join(out, 'plots')).sort()).toEqual(
      ['correlation', 'dispersion', 'hanin-nica', 'phase', 'spectrum-figure1'].map((n) => `${n}.svg`),
    );
  });

  it('its plots are the SVGs `ntkcalc plot` draws, each linked from index.md', () => {
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    for (const name of ['correlation', 'hanin-nica', 'phase']) {
      const svg = readFileSync(join(out, 'plots', `${name}.svg`), 'utf8');
      expect(svg.startsWith('<svg'), name).toBe(true);
      expect(svg, name).toBe(cli('plot', name).stdout);
      expect(index).toContain(`](plots/${name}.svg)`);
    }
  });

  it('writes the same LaTeX as `ntkcalc table --preset` for the presets it shows whole', () => {
    for (const name of ['constants', 'ntk-depth', 'hanin-nica', 'simulated']) {
      const preset = cli('table', '--preset', name, '--format', 'latex');
      expect(readFileSync(join(out, 'tables', `${name}.tex`), 'utf8'), name).toBe(preset.stdout);
    }
  });

  it('index.md has a section and a Markdown table per table, results.json every row', () => {
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    expect(index.match(/^## \d\. /gm)).toHaveLength(results.tables.length);
    for (const t of results.tables) expect(index).toContain(`](tables/${t.name}.tex)`);
    expect(index).toContain('| relu | 1/2 | 1/2 | 1/2 | sqrt(2) |');
    const terjek = results.tables.find((t) => t.name === 'terjek-bound')!;
    expect(terjek.rows.map((r) => [r.m, r.depth])).toEqual(
      [100, 1000, 10_000, 100_000].flatMap((m) => [
        [m, 2],
        [m, 10],
      ]),
    );
  });

  it('its tables and references.bib build one document with pdflatex and bibtex, every citation resolved', () => {
    const tex = readdirSync(join(out, 'tables')).map((f) => readFileSync(join(out, 'tables', f), 'utf8'));
    writeFileSync(join(dir, 'references.bib'), readFileSync(join(out, 'references.bib')));
    writeFileSync(join(dir, 'all.tex'), latexDocument(tex, 'references'));
    const step = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); .ci/run installs texlive`);
      expect(r.status, `${cmd}: ${`${r.stdout}${r.stderr}`.slice(-2000)}`).toBe(0);
    };
    const latex = () => step('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'all.tex']);
    latex();
    step('bibtex', ['all']);
    latex();
    latex();
    expect(readFileSync(join(dir, 'all.log'), 'utf8')).not.toMatch(/Citation `[^']*' .*undefined/);
  });

  it('refuses a folder it cannot create in one line, exit code 2', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const r = cli('report', '--out', join(file, 'sub'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ntkcalc: error: cannot create the report folder ".*": ENOTDIR\n$/);
  });
});
