import Table from 'cli-table3';
import { allFormulas, allSources, type Cell, type Table as Model, visibleColumns } from '../model.js';
import { headerText, plainCell } from './cells.js';

/** More rows than this are not readable on a terminal (and cli-table3 slows to minutes at 10^6 rows). */
export const MAX_TEXT_ROWS = 200;
/** Rows shown at each end of a table cut to fit a terminal. */
const KEEP = 10;

export interface TextOptions {
  /** Significant digits of every number (default: each column's own). */
  readonly digits?: number;
  /** Only the aligned rows, without title, notes and provenance (for commands that print their own). */
  readonly bare?: boolean;
  /** Rows beyond which the table shows its first and last ten (default MAX_TEXT_ROWS). */
  readonly maxRows?: number;
  /** The line under a cut table (default names the row noun and the formats that give every row). */
  readonly omitted?: (n: number) => string;
}

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** Columns aligned by cli-table3 without borders, two spaces apart, trailing blanks trimmed. */
function aligned(head: string[], rows: string[][]): string {
  const table = new Table({
    head,
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const r of rows) table.push(r);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** A table for the terminal: the aligned rows, and unless `bare`, its title above and notes and sources below. */
export function renderText(table: Model, options: TextOptions = {}): string {
  const columns = visibleColumns(table, 'text');
  const line = (cells: readonly Cell[]) =>
    columns.map(({ column, index }) => plainCell(cells[index], column, options.digits));
  const max = options.maxRows ?? MAX_TEXT_ROWS;
  const n = table.rows.length;
  const head = columns.map(({ column }) => headerText(column));
  let body: string;
  if (n <= max)
    body = aligned(
      head,
      table.rows.map((r) => line(r.cells)),
    );
  else {
    const shown = [...table.rows.slice(0, KEEP), ...table.rows.slice(-KEEP)].map((r) => line(r.cells));
    const omitted =
      options.omitted ??
      ((k: number) => `(${k} ${table.rowNoun ?? 'rows'} not shown; --format csv or --format json gives every row)`);
    const elided = [...shown.slice(0, KEEP), head.map(() => '...'), ...shown.slice(KEEP)];
    body = `${aligned(head, elided)}\n${omitted(n - 2 * KEEP)}`;
  }
  if (options.bare) return body;
  const out = [table.title, '', body];
  if (table.notes?.length) out.push('', ...table.notes);
  const sources = allSources(table);
  if (sources.length) out.push('', `sources: ${sources.map((s) => s.citation).join('; ')}`);
  const formulas = allFormulas(table);
  if (formulas.length) out.push(`formulas: ${formulas.join(', ')}`);
  if (table.provenance.convention) out.push(`convention: ${table.provenance.convention}`);
  return `${out.join('\n')}\n`;
}
