/**
 * The table model every output goes through (issue 11): a command builds one Table, and one formatter per
 * format (src/report/format/) renders it as text, Markdown, CSV, JSON or LaTeX.
 */

export const FORMATS = ['text', 'markdown', 'csv', 'json', 'latex'] as const;
export type Format = (typeof FORMATS)[number];

/** Where a source is cited: the registry's SourceRef (formulas/types.ts) has this shape. */
export interface Source {
  /** Short citation, e.g. "Hanin & Nica 2019". */
  readonly citation: string;
  readonly arxiv?: string;
  /** Theorem, proposition or equation in the source. */
  readonly where?: string;
}

/** Where numbers come from: registry formula ids, the convention they are stated in, and their sources. */
export interface Provenance {
  readonly formulas?: readonly string[];
  readonly convention?: string;
  readonly sources?: readonly Source[];
}

export interface Column {
  /** Field name in CSV and JSON; stable, so scripts can rely on it. */
  readonly key: string;
  /** Header in text and Markdown. */
  readonly name: string;
  /** Header in LaTeX (raw LaTeX, e.g. "$\\sigma_w^2$"); the escaped name when absent. */
  readonly latex?: string;
  /** Unit shown after the header, e.g. "s"; none for dimensionless quantities. */
  readonly unit?: string;
  /** Significant digits of numbers in text and Markdown unless the caller asks for others (default 12). */
  readonly digits?: number;
  /** Only these formats show the column (e.g. a column of LaTeX source is for the terminal only). */
  readonly formats?: readonly Format[];
}

/** An exact value: its exact expression, the same in LaTeX, and its Float64 value. */
export interface ExactCell {
  readonly kind: 'exact';
  readonly exact: string;
  readonly latex: string;
  readonly value: number;
}

/** A simulated quantity: mean over networks and its standard error. */
export interface EstimateCell {
  readonly kind: 'estimate';
  readonly mean: number;
  readonly se: number;
}

/** A number is a Float64 value, a string is text, null an empty cell. */
export type Cell = string | number | null | ExactCell | EstimateCell;

export interface Row {
  readonly cells: readonly Cell[];
  readonly provenance?: Provenance;
}

export interface Table {
  /** Identifier: the LaTeX \label is tab:<name>, report files are named after it. */
  readonly name: string;
  /** One line saying what the table shows, in plain text; the LaTeX caption starts with it. */
  readonly title: string;
  /** The title in LaTeX (symbols in math mode), when plain text would read badly on a page. */
  readonly latexTitle?: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  readonly provenance: Provenance;
  /** Plain-text remarks printed under the table (in LaTeX, comment lines above it). */
  readonly notes?: readonly string[];
  /** What a row is, for "(n layers not shown)" in long terminal tables (default "rows"). */
  readonly rowNoun?: string;
}

export function exactCell(q: { readonly exact: string; readonly latex: string; readonly value: number }): ExactCell {
  return { kind: 'exact', exact: q.exact, latex: q.latex, value: q.value };
}

export function estimateCell(mean: number, se: number): EstimateCell {
  return { kind: 'estimate', mean, se };
}

/** The columns a format shows, with their positions in each row's cells. */
export function visibleColumns(table: Table, format: Format): { column: Column; index: number }[] {
  return table.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.formats === undefined || column.formats.includes(format));
}

/** Whether a column holds numbers (right-aligned in Markdown and LaTeX). */
export function isNumeric(table: Table, index: number): boolean {
  for (const row of table.rows) {
    const c = row.cells[index];
    if (c === null || c === undefined) continue;
    return typeof c !== 'string';
  }
  return false;
}

/** Every source of the table and its rows, each once, in order of first appearance. */
export function allSources(table: Table): Source[] {
  const seen = new Map<string, Source>();
  const add = (p: Provenance | undefined) => {
    for (const s of p?.sources ?? []) if (!seen.has(s.citation)) seen.set(s.citation, s);
  };
  add(table.provenance);
  for (const row of table.rows) add(row.provenance);
  return [...seen.values()];
}

/** Every formula id of the table and its rows, each once. */
export function allFormulas(table: Table): string[] {
  const ids = new Set(table.provenance.formulas ?? []);
  for (const row of table.rows) for (const id of row.provenance?.formulas ?? []) ids.add(id);
  return [...ids];
}
