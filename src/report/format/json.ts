import { type Cell, type Provenance, type Table, visibleColumns } from '../model.js';

function cellJson(c: Cell): unknown {
  if (c === null || typeof c !== 'object') return c ?? null;
  if (c.kind === 'exact') return { exact: c.exact, latex: c.latex, value: c.value };
  return { mean: c.mean, se: c.se };
}

function provenanceJson(p: Provenance) {
  return {
    ...(p.formulas ? { formulas: p.formulas } : {}),
    ...(p.convention ? { convention: p.convention } : {}),
    ...(p.sources ? { sources: p.sources } : {}),
  };
}

/**
 * The table as JSON: name, title, provenance, columns, and one object per row keyed by column key (an exact
 * value as {exact, latex, value}, a simulated one as {mean, se}). One row a line, so a 10^6-row table stays
 * fast to write and to diff.
 */
export function renderJson(table: Table, extra: Record<string, unknown> = {}): string {
  const columns = visibleColumns(table, 'json');
  const header = {
    ...extra,
    name: table.name,
    title: table.title,
    provenance: provenanceJson(table.provenance),
    ...(table.notes?.length ? { notes: table.notes } : {}),
    columns: columns.map(({ column }) => ({
      key: column.key,
      name: column.name,
      ...(column.latex ? { latex: column.latex } : {}),
      ...(column.unit ? { unit: column.unit } : {}),
    })),
  };
  const rows = table.rows.map((row) => {
    const o: Record<string, unknown> = {};
    for (const { column, index } of columns) o[column.key] = cellJson(row.cells[index] ?? null);
    if (row.provenance) o.provenance = provenanceJson(row.provenance);
    return `    ${JSON.stringify(o)}`;
  });
  const head = JSON.stringify(header, null, 2);
  return `${head.slice(0, -2)},\n  "rows": [\n${rows.join(',\n')}\n  ]\n}\n`;
}
