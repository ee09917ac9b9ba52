import { formula } from '../../formulas/index.js';
import { allFormulas, type Source, type Table } from '../report/model.js';

/**
 * The table with the registry sources of every formula it names added to its provenance (src/report does
 * not read the registry, so tables name formula ids and the CLI looks their sources up here).
 */
export function withSources(table: Table): Table {
  const sources = new Map<string, Source>();
  for (const s of table.provenance.sources ?? []) sources.set(s.citation, s);
  for (const id of allFormulas(table)) {
    const s = formula(id).source;
    if (!sources.has(s.citation)) sources.set(s.citation, s);
  }
  return { ...table, provenance: { ...table.provenance, sources: [...sources.values()] } };
}
