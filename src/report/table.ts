import Table from 'cli-table3';

/** A plain aligned text table (cli-table3 without borders), for terminal output. */
export function textTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({
    head,
    chars: {
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
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const r of rows) table.push(r.map(String));
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** More layer rows than this are not readable on a terminal (and cli-table3 slows to minutes). */
export const MAX_LAYER_ROWS = 200;

/**
 * A table of per-layer rows: all of them up to MAX_LAYER_ROWS, otherwise the first and last ten
 * around a row of dots, and a line saying how many were left out (--json still gives every layer).
 */
export function layerTable(head: string[], rows: (string | number)[][]): string {
  if (rows.length <= MAX_LAYER_ROWS) return textTable(head, rows);
  const dots = head.map(() => '...');
  return `${textTable(head, [...rows.slice(0, 10), dots, ...rows.slice(-10)])}
(${rows.length - 20} layers not shown; --json gives every layer)`;
}
