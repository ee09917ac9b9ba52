import { citeKey } from '../bibliography.js';
import { allFormulas, allSources, type Cell, isNumeric, type Table, visibleColumns } from '../model.js';
import { latexNumber, meanDigits } from '../numbers.js';

export interface LatexOptions {
  /** Significant digits of numbers (default 6); exact values stay exact. */
  readonly digits?: number;
  /** A complete document (article, booktabs, amsmath) instead of a table environment to \input. */
  readonly standalone?: boolean;
  /** With standalone: the .bib file (without extension) the document's bibliography is built from. */
  readonly bibliography?: string;
}

export const DEFAULT_LATEX_DIGITS = 6;

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Plain text as LaTeX text: the ten special characters escaped. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (c) => SPECIAL[c]);
}

function cellLatex(c: Cell, digits: number | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return escapeLatex(c);
  if (typeof c === 'number') return `$${latexNumber(c, digits ?? DEFAULT_LATEX_DIGITS)}$`;
  if (c.kind === 'exact') return `$${c.latex}$`;
  // The standard error, not --digits, decides how many digits of a mean mean something.
  return `$${latexNumber(c.mean, meanDigits(c.mean, c.se))} \\pm ${latexNumber(c.se, 2)}$`;
}

/** "Title. Sources: Hanin \& Nica 2019~\cite{HaninNica2019}." */
function caption(table: Table): string {
  const title = table.latexTitle ?? escapeLatex(table.title);
  const parts = [/[.!?]$/.test(title) ? title : `${title}.`];
  const sources = allSources(table);
  if (sources.length) {
    const cited = new Map<string, string[]>();
    for (const s of sources) {
      const key = citeKey(s);
      cited.set(key, [...(cited.get(key) ?? []), s.citation]);
    }
    const names = [...cited].map(([key, [first]]) => `${escapeLatex(first)}~\\cite{${key}}`);
    parts.push(`Sources: ${names.join('; ')}.`);
  }
  return parts.join(' ');
}

/** A booktabs table float with caption (sources cited) and \label{tab:name}, or a complete document. */
export function renderLatex(table: Table, options: LatexOptions = {}): string {
  const columns = visibleColumns(table, 'latex');
  const header = columns.map(({ column }) => {
    const h = column.latex ?? escapeLatex(column.name);
    return column.unit === undefined ? h : `${h} (${escapeLatex(column.unit)})`;
  });
  const spec = columns.map(({ index }) => (isNumeric(table, index) ? 'r' : 'l')).join('');
  const rows = table.rows.map(
    (row) => `    ${columns.map(({ index }) => cellLatex(row.cells[index], options.digits)).join(' & ')} \\\\`,
  );
  const formulas = allFormulas(table);
  const lines = [
    `% ntkcalc table ${table.name}${formulas.length ? `; formulas: ${formulas.join(', ')}` : ''}`,
    ...(table.provenance.convention ? [`% convention: ${table.provenance.convention.replace(/\n/g, ' ')}`] : []),
    // Notes are plain text (symbols like |x|^2 would need LaTeX of their own): comments for the author.
    ...(table.notes ?? []).map((n) => `% note: ${n.replace(/\n/g, ' ')}`),
    '\\begin{table}[htbp]',
    '  \\centering',
    `  \\caption{${caption(table)}}`,
    `  \\label{tab:${table.name}}`,
    `  \\begin{tabular}{${spec}}`,
    '    \\toprule',
    `    ${header.join(' & ')} \\\\`,
    '    \\midrule',
    rows.join('\n'),
    '    \\bottomrule',
    '  \\end{tabular}',
    '\\end{table}',
  ];
  const body = `${lines.join('\n')}\n`;
  return options.standalone ? latexDocument([body], options.bibliography) : body;
}

/** A complete article loading only booktabs and amsmath around these bodies, with a bibliography if named. */
export function latexDocument(bodies: readonly string[], bibliography?: string): string {
  const bib = bibliography === undefined ? [] : ['\\bibliographystyle{plain}', `\\bibliography{${bibliography}}`];
  return [
    '\\documentclass{article}',
    '\\usepackage{booktabs}',
    '\\usepackage{amsmath}',
    '\\begin{document}',
    ...bodies,
    ...bib,
    '\\end{document}',
    '',
  ].join('\n');
}
