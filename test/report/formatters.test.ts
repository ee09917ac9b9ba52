import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/format/index.js';
import { escapeLatex, latexDocument } from '../../src/report/format/latex.js';
import { renderText } from '../../src/report/format/text.js';
import type { Table } from '../../src/report/model.js';
import { estimateText, latexNumber, meanDigits } from '../../src/report/numbers.js';
import { layerTable, textTable } from '../../src/report/table.js';
import { SAMPLE } from './sample.js';

/** A table of n rows: depth, an exact rational and a Float64 value. */
function long(n: number): Table {
  return {
    name: 'long',
    title: 'Long',
    columns: [
      { key: 'depth', name: 'L' },
      { key: 'x', name: 'x' },
      { key: 'v', name: 'v' },
    ],
    rows: Array.from({ length: n }, (_, i) => ({
      cells: [
        String(i + 1),
        { kind: 'exact', exact: `1/${i + 1}`, latex: `\\frac{1}{${i + 1}}`, value: 1 / (i + 1) },
        Math.sqrt(i),
      ],
    })),
    provenance: {},
    rowNoun: 'layers',
  };
}

describe('numbers', () => {
  it('keeps the mean to the second significant digit of its standard error', () => {
    expect(meanDigits(0.40123456, 0.0023)).toBe(4);
    expect(estimateText(0.40123456, 0.0023)).toBe('0.4012 +/- 0.0023');
    expect(estimateText(123.456, 7.89)).toBe('123.5 +/- 7.9');
    expect(estimateText(1.5, 0)).toBe('1.5 +/- 0');
  });
  it('writes LaTeX numbers in scientific form outside 10^-4 .. 10^6', () => {
    expect(latexNumber(0.123456789, 3)).toBe('0.123');
    expect(latexNumber(-2.5e-7, 6)).toBe('-2.5 \\times 10^{-7}');
    expect(latexNumber(12345678, 3)).toBe('1.23 \\times 10^{7}');
    expect(latexNumber(1e-9, 3)).toBe('10^{-9}');
    expect(latexNumber(Number.POSITIVE_INFINITY, 3)).toBe('\\infty');
  });
});

describe('text formatter', () => {
  it('aligns columns two spaces apart with title, notes and provenance', () => {
    const out = render(SAMPLE, 'text');
    expect(out).toBe(
      [
        'Sample of every cell kind',
        '',
        'quantity        exact    value    simulated          time (s)  LaTeX',
        'Delta_phi       81/202   0.40099  0.4012 +/- 0.0023  1.23      \\frac{81}{202}',
        'kappa_phi & co  sqrt(2)  -2.5e-7                     12300000  \\sqrt{2}',
        '',
        'Numbers are 50% made up, under_score.',
        '',
        'sources: Hanin & Nica 2019; Terjek & Gonzalez-Sanchez 2025',
        'formulas: activation/kappa, activation/delta',
        'convention: activation',
        '',
      ].join('\n'),
    );
  });
  it('rounds every number to --digits when asked', () => {
    expect(render(SAMPLE, 'text', { digits: 2 })).toContain('Delta_phi       81/202   0.4      0.4 +/- 0.0023');
  });
  it('is the textTable look of earlier releases', () => {
    expect(
      textTable(
        ['a', 'bb'],
        [
          ['x', 1],
          ['yyy', 22],
        ],
      ),
    ).toBe('a    bb\nx    1\nyyy  22');
  });
  it('shows the first and last ten rows of a long table and says how many it left out', () => {
    const out = renderText(long(1000), { bare: true });
    const lines = out.split('\n');
    expect(lines).toHaveLength(1 + 10 + 1 + 10 + 1);
    expect(lines[11]).toMatch(/^\.\.\.\s+\.\.\.\s+\.\.\.$/);
    expect(lines[12]).toMatch(/^991 /);
    expect(lines.at(-1)).toBe('(980 layers not shown; --format csv or --format json gives every row)');
    expect(
      layerTable(
        ['L'],
        Array.from({ length: 201 }, (_, i) => [i]),
      ),
    ).toMatch(/\(181 layers not shown; --json gives every layer\)$/);
    expect(
      layerTable(
        ['L'],
        Array.from({ length: 200 }, (_, i) => [i]),
      ).split('\n'),
    ).toHaveLength(201);
  });
  it('abbreviates exact values too long to read', () => {
    const big = {
      ...SAMPLE,
      rows: [{ cells: ['q', { kind: 'exact' as const, exact: '1'.repeat(50), latex: '1', value: 1 }] }],
    };
    expect(render(big, 'text')).toContain('(50-character exact value; see --format json)');
  });
});

describe('markdown formatter', () => {
  it('writes a pipe table, numeric columns right-aligned, pipes escaped, LaTeX-only columns left out', () => {
    const out = render(SAMPLE, 'markdown');
    const lines = out.split('\n');
    expect(lines[0]).toBe('**Sample of every cell kind**');
    expect(lines[2]).toBe('| quantity | exact | value | simulated | time (s) |');
    expect(lines[3]).toBe('| --- | ---: | ---: | ---: | ---: |');
    expect(lines[4]).toBe('| Delta_phi | 81/202 | 0.40099 | 0.4012 +/- 0.0023 | 1.23 |');
    expect(lines[5]).toBe('| kappa_phi & co | sqrt(2) | -2.5e-7 |  | 12300000 |');
    expect(out).toContain('Sources: Hanin & Nica 2019; Terjek & Gonzalez-Sanchez 2025.');
    expect(out).toContain('Formulas: `activation/kappa`, `activation/delta`.');
    const piped = { ...SAMPLE, rows: [{ cells: ['a|b'] }] };
    expect(render(piped, 'markdown')).toContain('| a\\|b |');
  });
});

describe('csv formatter', () => {
  it('gives full precision, exact columns as value and exact, simulated ones as mean and se', () => {
    const lines = render(SAMPLE, 'csv').trimEnd().split('\n');
    expect(lines).toEqual([
      'quantity,exact,exact_exact,value,sim,sim_se,time',
      `Delta_phi,${81 / 202},81/202,${81 / 202},0.40123456,0.0023,1.23456`,
      `kappa_phi & co,${Math.SQRT2},sqrt(2),-2.5e-7,,,12345678`,
    ]);
  });
  it('quotes fields holding commas, quotes and line breaks', () => {
    const t = { ...SAMPLE, columns: [SAMPLE.columns[0]], rows: [{ cells: ['a,"b"\nc'] }] };
    expect(render(t, 'csv')).toBe('quantity\n"a,""b""\nc"\n');
  });
});

describe('json formatter', () => {
  it('keys rows by column key, exact as {exact, latex, value}, simulated as {mean, se}, with provenance', () => {
    const j = JSON.parse(render(SAMPLE, 'json', { jsonExtra: { version: 'x' } }));
    expect(j.version).toBe('x');
    expect(j.name).toBe('sample');
    expect(j.provenance.formulas).toEqual(['activation/kappa']);
    expect(j.columns.map((c: { key: string }) => c.key)).toEqual(['quantity', 'exact', 'value', 'sim', 'time']);
    expect(j.columns[4].unit).toBe('s');
    expect(j.rows[0]).toEqual({
      quantity: 'Delta_phi',
      exact: { exact: '81/202', latex: '\\frac{81}{202}', value: 81 / 202 },
      value: 81 / 202,
      sim: { mean: 0.40123456, se: 0.0023 },
      time: 1.23456,
      provenance: SAMPLE.rows[0].provenance,
    });
    expect(j.rows[1].sim).toBeNull();
  });
});

describe('latex formatter', () => {
  const out = render(SAMPLE, 'latex', { digits: 3 });
  it('writes a booktabs float with exact values in math mode and numbers to --digits', () => {
    expect(out).toContain('\\begin{tabular}{lrrrr}');
    expect(out).toContain('\\toprule\n    quantity & $x$ & $v$ & $\\hat v$ & time (s) \\\\\n    \\midrule');
    expect(out).toContain(
      'Delta\\_phi & $\\frac{81}{202}$ & $0.401$ & $0.4012 \\pm 0.0023$ & $1.23$ \\\\\n    kappa\\_phi \\& co & $\\sqrt{2}$ & $-2.5 \\times 10^{-7}$ &  & $1.23 \\times 10^{7}$ \\\\',
    );
    expect(out).toContain('\\bottomrule');
    expect(out).not.toContain('\\frac{81}{202} \\\\');
  });
  it('names the sources in the caption with \\cite keys and labels the table', () => {
    expect(out).toContain(
      '\\caption{Sample of every cell kind. Sources: Hanin \\& Nica 2019~\\cite{HaninNica2019}; Terjek \\& Gonzalez-Sanchez 2025~\\cite{TerjekGonzalezSanchez2025concentration}.}',
    );
    expect(out).toContain('\\label{tab:sample}');
    expect(out).toMatch(
      /^% ntkcalc table sample; formulas: activation\/kappa, activation\/delta\n% convention: activation\n% note: Numbers are 50% made up, under_score.\n/,
    );
  });
  it('wraps a complete document loading only booktabs and amsmath when standalone', () => {
    const doc = render(SAMPLE, 'latex', { standalone: true });
    expect(
      doc.startsWith('\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{amsmath}\n\\begin{document}\n'),
    ).toBe(true);
    expect(doc.endsWith('\\end{table}\n\n\\end{document}\n')).toBe(true);
    expect(doc.match(/\\usepackage/g)).toHaveLength(2);
    expect(latexDocument(['x'], 'references')).toContain('\\bibliographystyle{plain}\n\\bibliography{references}\n');
  });
  it('escapes the ten special characters of text', () => {
    expect(escapeLatex('\\&%$#_{}~^')).toBe(
      '\\textbackslash{}\\&\\%\\$\\#\\_\\{\\}\\textasciitilde{}\\textasciicircum{}',
    );
  });
});

describe('long tables', () => {
  it('renders 10^5 rows in every format with every row (text: first and last ten)', () => {
    const t = long(100_000);
    expect(render(t, 'csv').split('\n')).toHaveLength(100_000 + 2);
    expect(
      render(t, 'markdown')
        .split('\n')
        .filter((l) => l.startsWith('| ')),
    ).toHaveLength(100_002);
    expect(JSON.parse(render(t, 'json')).rows).toHaveLength(100_000);
    expect(render(t, 'latex').match(/\\\\\n/g)).toHaveLength(100_001);
    expect(render(t, 'text').split('\n').length).toBeLessThan(30);
  });
});
