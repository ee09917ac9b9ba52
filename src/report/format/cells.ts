import type { Cell, Column } from '../model.js';
import { estimateText, sig } from '../numbers.js';

/** Exact expressions longer than this show their size in terminal and Markdown tables (JSON has them whole). */
export const MAX_EXACT_TEXT = 40;

/** An exact expression for reading: in full when short, otherwise its size. */
export function exactText(exact: string): string {
  return exact.length <= MAX_EXACT_TEXT ? exact : `(${exact.length}-character exact value; see --format json)`;
}

/** A cell as plain text (terminal and Markdown); `digits` overrides the column's significant digits. */
export function plainCell(c: Cell, column: Column, digits?: number): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return sig(c, digits ?? column.digits ?? 12);
  if (c.kind === 'exact') return exactText(c.exact);
  return estimateText(c.mean, c.se, digits ?? column.digits);
}

/** A header with its unit: "time (s)". */
export function headerText(column: Column): string {
  return column.unit === undefined ? column.name : `${column.name} (${column.unit})`;
}
