import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { presetNames } from '../../src/cli/presets.js';
import { latexDocument } from '../../src/report/format/latex.js';
import { latexNumber, meanDigits } from '../../src/report/numbers.js';
import { cli } from '../helpers/cli.js';

/**
 * Every preset compiles with the real pdflatex (Debian texlive, installed by .ci/run) inside a document that
 * loads only booktabs and amsmath, and its numbers are in the PDF; a document citing through `ntkcalc bib`
 * builds with bibtex with every citation resolved.
 */
const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-latex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); .ci/run installs texlive and poppler-utils`);
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function pdflatex(name: string): void {
  const r = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`]);
  expect(r.code, r.out.slice(-2000)).toBe(0);
}

/** The PDF's text with the math minus sign as ASCII. */
function pdfText(name: string): string {
  return execFileSync('pdftotext', [join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' }).replace(/\u2212/g, '-');
}

type JsonCell = null | string | number | { exact: string; value: number } | { mean: number; se: number };

/** How a cell's number reads in the PDF, where it is one run of characters (not a fraction or a power of ten). */
function printed(c: JsonCell): string | undefined {
  if (typeof c === 'number') {
    const t = latexNumber(c, 6);
    return t.includes('\\') ? undefined : t;
  }
  if (c !== null && typeof c === 'object' && 'mean' in c) return latexNumber(c.mean, meanDigits(c.mean, c.se));
  if (c !== null && typeof c === 'object' && /^-?\d+$/.test(c.exact)) return c.exact;
  return undefined;
}

describe('LaTeX tables compile with pdflatex', () => {
  it.each(presetNames())('preset %s compiles standalone and its numbers are in the PDF', (name) => {
    const tex = cli('table', '--preset', name, '--format', 'latex', '--standalone');
    expect(tex.code, tex.stderr).toBe(0);
    expect(tex.stdout.match(/\\usepackage\{(\w+)\}/g)).toEqual(['\\usepackage{booktabs}', '\\usepackage{amsmath}']);
    writeFileSync(join(dir, `${name}.tex`), tex.stdout);
    pdflatex(name);
    const text = pdfText(name);
    const json = JSON.parse(cli('table', '--preset', name, '--format', 'json').stdout) as {
      rows: Record<string, JsonCell>[];
    };
    const numbers = json.rows.flatMap((r) => Object.values(r).map(printed)).filter((t) => t !== undefined);
    expect(numbers.length).toBeGreaterThan(json.rows.length);
    for (const t of numbers) expect(text, `${name}: ${t}`).toContain(t);
  });

  it('builds a document citing through the .bib with bibtex, every citation resolved', () => {
    const bib = cli('bib', '--out', join(dir, 'references.bib'));
    expect(bib.code, bib.stderr).toBe(0);
    const tables = ['constants', 'hanin-nica', 'terjek-bound', 'one-over-n'].map(
      (name) => cli('table', '--preset', name, '--format', 'latex').stdout,
    );
    writeFileSync(join(dir, 'paper.tex'), latexDocument(['\\nocite{*}', ...tables], 'references'));
    pdflatex('paper');
    const b = run('bibtex', ['paper']);
    expect(b.out).not.toMatch(/error message|Warning/);
    pdflatex('paper');
    pdflatex('paper');
    const log = readFileSync(join(dir, 'paper.log'), 'utf8');
    expect(log).not.toMatch(/Citation `[^']*' .*undefined/);
    const text = pdfText('paper');
    expect(text.replace(/\s+/g, ' ')).toContain('Finite depth and width corrections to the neural tangent kernel');
    expect(text).toContain('Hanin & Nica 2019 [');
    expect(text).not.toContain('[?]');
  });
});
