import { type Cell, type Table, visibleColumns } from '../model.js';

/** RFC 4180: a field is quoted when it holds a comma, quote or line break. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const number = (v: number) => (Number.isFinite(v) ? String(v) : '');

/**
 * CSV with full Float64 precision, one header line of column keys. An exact column k becomes two fields,
 * k (its Float64 value) and k_exact; a simulated column k becomes k (the mean) and k_se.
 */
export function renderCsv(table: Table): string {
  const columns = visibleColumns(table, 'csv');
  const kinds = columns.map(({ index }) => {
    for (const row of table.rows) {
      const c = row.cells[index];
      if (c !== null && typeof c === 'object') return c.kind;
    }
    return 'plain';
  });
  const head = columns.flatMap(({ column }, i) =>
    kinds[i] === 'exact'
      ? [column.key, `${column.key}_exact`]
      : kinds[i] === 'estimate'
        ? [column.key, `${column.key}_se`]
        : [column.key],
  );
  const out = [head.map(field).join(',')];
  for (const row of table.rows) {
    const fields: string[] = [];
    columns.forEach(({ index }, i) => {
      const c: Cell = row.cells[index] ?? null;
      const kind = kinds[i];
      if (c === null) fields.push(...(kind === 'plain' ? [''] : ['', '']));
      else if (typeof c === 'string') fields.push(field(c), ...(kind === 'plain' ? [] : ['']));
      else if (typeof c === 'number') fields.push(number(c), ...(kind === 'plain' ? [] : ['']));
      else if (c.kind === 'exact') fields.push(number(c.value), field(c.exact));
      else fields.push(number(c.mean), number(c.se));
    });
    out.push(fields.join(','));
  }
  return `${out.join('\n')}\n`;
}
