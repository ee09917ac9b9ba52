import { render } from '../report/format/index.js';
import { renderText } from '../report/format/text.js';
import type { Table } from '../report/model.js';
import { VERSION } from '../version.js';
import { parseDigits } from './formatOption.js';
import { type OutputOptions, outputFormat } from './options.js';
import { withSources } from './provenance.js';
import { writeOut } from './writeOut.js';

/**
 * Printing a command's result in the format its output options ask for (addOutputOptions in options.ts):
 * the command builds its Tables once; text renders them inside the command's own lines, json is the
 * command's JSON object, and Markdown, CSV and LaTeX render the tables.
 */

/** Renders a table's aligned rows for the terminal, numbers to --digits when given. */
export interface TextView {
  /** Every row. */
  readonly bare: (table: Table) => string;
  /** A per-layer table: beyond MAX_TEXT_ROWS (format/text.ts) the first and last ten rows. */
  readonly layers: (table: Table) => string;
}

/** What a command prints, in every format. */
export interface Output {
  /** The terminal text, its tables rendered by the view. */
  readonly text: (view: TextView) => string;
  /** The JSON object (its field names are the command's documented interface). */
  readonly json: () => unknown;
  /** The tables, rendered in turn for Markdown, CSV and LaTeX (CSV: blank line between tables). */
  readonly tables: () => readonly Table[];
  /** For CSV, when it differs from the tables: the plot-ready series. */
  readonly csv?: () => Table;
}

/** Writes `out` in the format the options ask for, to standard output or to `file`. */
export function emit(o: OutputOptions, out: Output, file?: string): void {
  writeOut(formatted(o, out), file);
}

function formatted(o: OutputOptions, out: Output): string {
  const format = outputFormat(o);
  const digits = parseDigits(o.digits);
  if (format === 'text') return out.text(textView(digits));
  if (format === 'json') return `${JSON.stringify(out.json(), null, 2)}\n`;
  const tables = format === 'csv' && out.csv ? [out.csv()] : out.tables();
  return tables.map((t) => render(withSources(t), format, { digits, jsonExtra: { version: VERSION } })).join('\n');
}

export function textView(digits?: number): TextView {
  return {
    bare: (table) => renderText(table, { bare: true, digits, maxRows: Number.POSITIVE_INFINITY }),
    layers: (table) =>
      renderText(table, { bare: true, digits, omitted: (n) => `(${n} layers not shown; --json gives every layer)` }),
  };
}

export { quantityTable, recordsTable, rowsTable } from '../report/build.js';
