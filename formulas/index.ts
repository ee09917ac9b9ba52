import { activationFormulas } from './activation.js';
import { finiteWidthFormulas } from './finite-width.js';
import { haninNicaFormulas } from './hanin-nica.js';
import { infiniteWidthFormulas } from './infinite-width.js';
import { seleznovaKutyniokFormulas } from './seleznova-kutyniok.js';
import { terjekFormulas } from './terjek.js';
import { type Formula, formulaLoadSchema, type formulaSchema } from './types.js';

export type { Convention, Formula, Kind, SourceRef, TestVector, Variable } from './types.js';
export { CONVENTIONS, KINDS } from './types.js';

/** Validates every entry (schema and unique ids); throws naming the first broken entry. */
export function validateRegistry(
  entries: readonly Formula[],
  schema: typeof formulaLoadSchema | typeof formulaSchema = formulaLoadSchema,
): Map<string, Formula> {
  const byId = new Map<string, Formula>();
  for (const f of entries) {
    const parsed = schema.safeParse(f);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `formula registry: entry "${String((f as { id?: unknown }).id)}" is invalid at ` +
          `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
    }
    if (byId.has(f.id)) throw new Error(`formula registry: duplicate id "${f.id}"`);
    byId.set(f.id, f);
  }
  return byId;
}

const registry = validateRegistry([
  ...activationFormulas,
  ...infiniteWidthFormulas,
  ...finiteWidthFormulas,
  ...terjekFormulas,
  ...haninNicaFormulas,
  ...seleznovaKutyniokFormulas,
]);

export function allFormulas(): Formula[] {
  return [...registry.values()];
}

/** The entry with this id; throws if there is none (a programming error inside ntkcalc). */
export function formula(id: string): Formula {
  const f = registry.get(id);
  if (!f) throw new Error(`formula registry: no entry "${id}"`);
  return f;
}

export function findFormula(id: string): Formula | undefined {
  return registry.get(id);
}
