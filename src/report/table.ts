import { renderText } from './format/text.js';
import type { Table } from './model.js';

/** Header and rows as a Table of plain cells, for the commands that print their own titles and notes. */
function plainTable(head: string[], rows: (string | number)[][]): Table {
  return {
    name: 'table',
    title: '',
    columns: head.map((name, i) => ({ key: `c${i}`, name })),
    rows: rows.map((r) => ({ cells: r.map(String) })),
    provenance: {},
  };
}

/** A plain aligned text table (no borders), for terminal output. */
export function textTable(head: string[], rows: (string | number)[][]): string {
  return renderText(plainTable(head, rows), { bare: true, maxRows: Number.POSITIVE_INFINITY });
}

/**
 * A table of per-layer rows: all of them up to MAX_TEXT_ROWS (format/text.ts), otherwise the first and last ten
 * around a row of dots, and a line saying how many were left out (--json still gives every layer).
 */
export function layerTable(head: string[], rows: (string | number)[][]): string {
  return renderText(plainTable(head, rows), {
    bare: true,
    omitted: (n) => `(${n} layers not shown; --json gives every layer)`,
  });
}
