import type { Cell, Column, Provenance, Table } from './model.js';

/** Small builders of Tables for the common shapes of command output. */

/** A table of plain rows; a column given as a string is its own key and name. */
export function rowsTable(
  name: string,
  title: string,
  columns: readonly (string | Column)[],
  rows: readonly (readonly Cell[])[],
  provenance: Provenance,
): Table {
  return {
    name,
    title,
    columns: columns.map((c) => (typeof c === 'string' ? { key: c, name: c } : c)),
    rows: rows.map((cells) => ({ cells })),
    provenance,
  };
}

/** Records (one object a row, the same keys) as a table whose CSV is the plot-ready series: keys are the columns. */
export function recordsTable(
  name: string,
  title: string,
  records: readonly Record<string, unknown>[],
  provenance: Provenance,
  omit: readonly string[] = [],
): Table {
  const keys = Object.keys(records[0] ?? {}).filter((k) => !omit.includes(k));
  return rowsTable(
    name,
    title,
    keys,
    records.map((r) => keys.map((k) => r[k] as Cell)),
    provenance,
  );
}

/** A two-column table of labelled results ("quantity", "value"), the shape of most single-point outputs. */
export function quantityTable(
  name: string,
  title: string,
  rows: readonly (readonly Cell[])[],
  provenance: Provenance,
  valueDigits?: number,
): Table {
  return {
    name,
    title,
    columns: [
      { key: 'quantity', name: 'quantity' },
      { key: 'value', name: 'value', digits: valueDigits },
    ],
    rows: rows.map((cells) => ({ cells })),
    provenance,
  };
}
