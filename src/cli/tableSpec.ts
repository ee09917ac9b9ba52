import { z } from 'zod';
import { findFormula } from '../../formulas/index.js';
import {
  coefficientValues,
  deltaValue,
  exactDelta,
  kappaValue,
  rValue,
  slopeKurtosis,
} from '../activation/constants.js';
import { preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { type Quantity, simulate } from '../montecarlo/simulation.js';
import { type Cell, type Column, estimateCell, type Table } from '../report/model.js';
import { EOC_CONVENTION, eocNetwork } from '../report/presets/network.js';
import { readDataFile } from '../spec/file.js';
import { type Fraction, parseRational } from '../util/exact.js';

/**
 * A table of one's own (issue 11): rows are parameter settings, columns are registry formulas evaluated at
 * each row, row variables, or quantities simulated on the canonical network at the edge of chaos.
 */
const SIMULATED = ['ntk-mean', 'ntk-dispersion'] as const;
const header = { name: z.string().min(1).optional(), latex: z.string().min(1).optional() };
const column = z.union([
  z.object({ formula: z.string().min(1), ...header }).strict(),
  z.object({ variable: z.string().min(1), ...header }).strict(),
  z.object({ simulate: z.enum(SIMULATED), ...header }).strict(),
]);
const value = z.union([z.string(), z.number()]);
const specSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'name: letters, digits and dashes (it becomes the LaTeX label tab:NAME)')
      .default('custom'),
    title: z.string().min(1).default('Table'),
    columns: z.array(column).min(1),
    rows: z.array(z.record(z.string(), value)).min(1),
    samples: z.number().int().min(2).default(1000),
    seed: z.number().int().min(0).max(4294967295).default(1),
  })
  .strict();
type Spec = z.infer<typeof specSchema>;
type Row = Spec['rows'][number];

const EXAMPLE = 'e.g. {"columns": [{"formula": "activation/delta"}], "rows": [{"activation": "relu"}]}';

export function readTableSpec(path: string): Spec {
  const data = readDataFile(path, 'table spec');
  const r = specSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(
      `table spec "${path}": ${issue.path.join('.') || '(top level)'}: ${issue.message} (${EXAMPLE})`,
    );
  }
  return r.data;
}

/** A row's variables, exact where they are rational; `activation: NAME` supplies a, b, Delta, kappa and r. */
function rowScope(row: Row, index: number): { exact: Map<string, Fraction>; float: Map<string, number> } {
  const exact = new Map<string, Fraction>();
  const float = new Map<string, number>();
  for (const [k, v] of Object.entries(row)) {
    if (k === 'activation') continue;
    const f = parseRational(String(v), `row ${index + 1}, ${k}`);
    exact.set(k, f);
    float.set(k, f.valueOf());
  }
  if (row.activation !== undefined) {
    const act = preset(String(row.activation));
    const v = coefficientValues(act);
    const exactValues: [string, Fraction, number][] = [
      ['a', act.a, v.a],
      ['b', act.b, v.b],
      ['Delta', exactDelta(act), deltaValue(v)],
      ['r', slopeKurtosis(act), rValue(v)],
    ];
    for (const [k, f, x] of exactValues) {
      exact.set(k, f);
      float.set(k, x);
    }
    float.set('kappa', kappaValue(v));
  }
  return { exact, float };
}

function formulaCell(id: string, scope: ReturnType<typeof rowScope>, index: number): Cell {
  const f = findFormula(id)!;
  const names = f.variables.map((v) => v.name);
  const missing = names.filter((n) => !scope.float.has(n));
  if (missing.length)
    throw new InputError(
      `row ${index + 1}: formula ${id} needs ${names.join(', ')}; the row lacks ${missing.join(', ')} (an ` +
        `activation gives a, b, Delta, kappa, r)`,
    );
  for (const v of f.variables) {
    const reason = v.check?.(scope.float.get(v.name)!);
    if (reason)
      throw new InputError(
        `row ${index + 1}: ${v.name} = ${scope.float.get(v.name)} is outside ${v.domain}: ${reason}`,
      );
  }
  const value = f.evaluate(Object.fromEntries(names.map((n) => [n, scope.float.get(n)!])));
  if (!Number.isFinite(value))
    throw new InputError(`row ${index + 1}: formula ${id} is not finite there (${value}); check the row's values`);
  if (f.exact && names.every((n) => scope.exact.has(n))) {
    const ex = f.exact(Object.fromEntries(names.map((n) => [n, scope.exact.get(n)!])));
    return { kind: 'exact', exact: ex.exact, latex: ex.latex, value };
  }
  return value;
}

async function simulatedCells(spec: Spec, row: Row, index: number): Promise<Record<string, Cell>> {
  const { float } = rowScope(row, index);
  const depth = float.get('L');
  const width = float.get('n');
  if (depth === undefined || width === undefined || !Number.isInteger(depth) || !Number.isInteger(width))
    throw new InputError(
      `row ${index + 1}: simulated columns need integer L (depth) and n (hidden width), e.g. {"activation": ` +
        `"relu", "L": 4, "n": 64}`,
    );
  const spec1 = eocNetwork(preset(String(row.activation ?? 'relu')), depth, width);
  const r = await simulate({ spec: spec1, inputs: [[1, 0]], samples: spec.samples, seed: spec.seed });
  const q = r.quantities.ntk as Quantity;
  return {
    'ntk-mean': estimateCell(q.mean[0][0], q.se[0][0]),
    'ntk-dispersion': estimateCell(q.second_moment_ratio![0][0], q.second_moment_ratio_se![0][0]),
  };
}

const SIM_HEADERS: Record<(typeof SIMULATED)[number], { name: string; latex: string }> = {
  'ntk-mean': { name: 'E[Theta] simulated', latex: '$\\mathrm{E}[\\Theta]$ simulated' },
  'ntk-dispersion': {
    name: 'E[Theta^2]/E[Theta]^2 simulated',
    latex: '$\\mathrm{E}[\\Theta^2]/\\mathrm{E}[\\Theta]^2$',
  },
};

export async function tableFromSpec(spec: Spec): Promise<Table> {
  for (const c of spec.columns)
    if ('formula' in c && !findFormula(c.formula))
      throw new InputError(`unknown formula "${c.formula}" in the table spec (ntkcalc formulas list shows the ids)`);
  const columns: Column[] = spec.columns.map((c, i) => {
    if ('formula' in c) return { key: c.formula, name: c.name ?? c.formula, latex: c.latex };
    if ('variable' in c) {
      const symbol = /^[A-Za-z][A-Za-z0-9]?$/.test(c.variable) ? `$${c.variable}$` : undefined;
      return { key: c.variable, name: c.name ?? c.variable, latex: c.latex ?? symbol };
    }
    return {
      key: `${c.simulate}-${i}`,
      name: c.name ?? SIM_HEADERS[c.simulate].name,
      latex: c.latex ?? SIM_HEADERS[c.simulate].latex,
    };
  });
  const simulates = spec.columns.some((c) => 'simulate' in c);
  const rows = [];
  for (const [index, row] of spec.rows.entries()) {
    const scope = rowScope(row, index);
    const sim = simulates ? await simulatedCells(spec, row, index) : {};
    const cells = spec.columns.map((c): Cell => {
      if ('formula' in c) return formulaCell(c.formula, scope, index);
      if ('simulate' in c) return sim[c.simulate];
      const v = row[c.variable];
      if (v === undefined) throw new InputError(`row ${index + 1} has no variable "${c.variable}" for its column`);
      const f = scope.exact.get(c.variable);
      return f === undefined
        ? String(v)
        : { kind: 'exact', exact: f.toFraction(), latex: f.toLatex(), value: f.valueOf() };
    });
    rows.push({ cells });
  }
  const formulas = spec.columns.flatMap((c) => ('formula' in c ? [c.formula] : []));
  const conventions: string[] = [...new Set(formulas.map((id) => findFormula(id)!.convention))];
  if (simulates) conventions.push(`simulated: ${EOC_CONVENTION}, ${spec.samples} networks, seed ${spec.seed}`);
  return {
    name: spec.name,
    title: spec.title,
    columns,
    rows,
    provenance: { formulas, convention: conventions.join('; ') },
  };
}
