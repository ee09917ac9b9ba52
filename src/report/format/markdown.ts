import { allFormulas, allSources, type Cell, isNumeric, type Table, visibleColumns } from '../model.js';
import { headerText, plainCell } from './cells.js';

export interface MarkdownOptions {
  readonly digits?: number;
}

/** Pipes and line breaks would end a Markdown table cell. */
const mdEscape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A GitHub-flavoured Markdown table with its title above and notes and sources below. */
export function renderMarkdown(table: Table, options: MarkdownOptions = {}): string {
  const columns = visibleColumns(table, 'markdown');
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    `**${mdEscape(table.title)}**`,
    '',
    line(columns.map(({ column }) => mdEscape(headerText(column)))),
    line(columns.map(({ index }) => (isNumeric(table, index) ? '---:' : '---'))),
  ];
  for (const row of table.rows)
    out.push(
      line(columns.map(({ column, index }) => mdEscape(plainCell(row.cells[index] as Cell, column, options.digits)))),
    );
  if (table.notes?.length) out.push('', ...table.notes.map(mdEscape));
  const sources = allSources(table);
  if (sources.length) out.push('', `Sources: ${sources.map((s) => s.citation).join('; ')}.`);
  const formulas = allFormulas(table);
  if (formulas.length) out.push('', `Formulas: ${formulas.map((f) => `\`${f}\``).join(', ')}.`);
  if (table.provenance.convention) out.push('', `Convention: ${mdEscape(table.provenance.convention)}.`);
  return `${out.join('\n')}\n`;
}
