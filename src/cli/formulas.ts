import { type Command, Option } from 'commander';
import { allFormulas, type Formula, findFormula, KINDS } from '../../formulas/index.js';
import type { Variable } from '../../formulas/types.js';
import { InputError } from '../errors.js';
import { textTable } from '../report/table.js';
import { type ExactValue, evaluateExact, evaluateFloat } from '../symbolic/closedForm.js';
import { derivativeExpression } from '../symbolic/derivative.js';
import { evaluateHighPrecision, type HighPrecisionValue, MAX_DIGITS } from '../symbolic/highPrecision.js';
import { type Fraction, float64Neighbours, parseRational, toNumber } from '../util/exact.js';
import { VERSION } from '../version.js';
import { addOutputOptions, fmt, type OutputOptions, parsePositiveInt, printJson } from './options.js';
import { emit, rowsTable } from './output.js';

/** `ntkcalc formulas list|show|eval`: the registry (formulas/) as the user sees it. */

export function sourceText(f: Formula): string {
  return [f.source.citation, f.source.arxiv ? `arXiv:${f.source.arxiv}` : undefined, f.source.where]
    .filter(Boolean)
    .join(', ');
}

const NO_EXACT =
  'unsupported: this formula is computed by code (a recursion or a sum) in Float64 and has no exact evaluator';
const NO_DIGITS =
  'unsupported: this formula is computed by code (a recursion or a sum) in Float64, with neither a closed form nor ' +
  'an exact value to evaluate at high precision';

export function formulaJson(f: Formula) {
  return {
    id: f.id,
    title: f.title,
    kind: f.kind,
    source: f.source,
    convention: f.convention,
    variables: f.variables.map(({ name, description, domain }) => ({ name, description, domain })),
    latex: f.latex,
    expression: f.expression ?? null,
    exact_evaluator: f.exact !== undefined,
    notes: f.notes,
    test_vectors: f.testVectors,
  };
}

/** Where the docs explain an entry: "docs/theory.md#H3.2" reads "docs/theory.md, section H3.2". */
export function docsText(f: Formula): string {
  const [page, section] = f.docs.split('#');
  return `${page}, section "${section}"`;
}

/** Formulas whose kind is `kind` and whose id prefix, citation or arXiv id contains `source`. */
export function selectFormulas(kind?: string, source?: string): Formula[] {
  const needle = source?.toLowerCase();
  return allFormulas().filter(
    (f) =>
      (kind === undefined || f.kind === kind) &&
      (needle === undefined ||
        [f.id.split('/')[0], f.source.citation, f.source.arxiv ?? ''].some((s) => s.toLowerCase().includes(needle))),
  );
}

function lookup(id: string): Formula {
  const f = findFormula(id);
  if (!f) throw new InputError(`unknown formula "${id}" (see ntkcalc formulas list)`);
  return f;
}

/** Exact values of "name=value" settings, checked against the formula's variables and domains. */
export function parseSettings(f: Formula, settings: readonly string[]): Record<string, Fraction> {
  const known = new Map(f.variables.map((v) => [v.name, v]));
  const values: Record<string, Fraction> = {};
  for (const s of settings) {
    const eq = s.indexOf('=');
    if (eq < 1) throw new InputError(`--set expects name=value (e.g. --set rho=1/2), got "${s}"`);
    const name = s.slice(0, eq).trim();
    const v = known.get(name);
    if (!v)
      throw new InputError(
        `${f.id} has no variable "${name}"; its variables are ${[...known.keys()].join(', ') || '(none)'}`,
      );
    if (name in values) throw new InputError(`--set ${name} is given twice`);
    values[name] = parseRational(s.slice(eq + 1), `--set ${name}`);
    const reason = domainReason(v, values[name]);
    if (reason)
      throw new InputError(
        `--set ${name}=${s.slice(eq + 1).trim()} is outside the domain of ${name} (${v.domain}): ${reason}`,
      );
  }
  for (const v of f.variables) {
    const reason = Object.keys(values).length === f.variables.length ? v.relation?.(values) : undefined;
    if (reason) throw new InputError(`--set ${v.name}=${values[v.name].toFraction()} is outside its domain: ${reason}`);
  }
  const missing = f.variables.filter((v) => !(v.name in values)).map((v) => v.name);
  if (missing.length > 0)
    throw new InputError(
      `${f.id} needs ${missing.map((m) => `--set ${m}=...`).join(' ')} (${missing.join(', ')}: ` +
        `${missing.map((m) => known.get(m)!.domain).join('; ')})`,
    );
  return values;
}

/**
 * A domain check written for Float64 values, applied to an exact value: both Float64 neighbours of
 * the exact value must pass, so 1.0000000000000000001 (which rounds to 1) is outside [-1, 1].
 */
function domainReason(v: Variable, value: Fraction): string | undefined {
  if (!v.check) return undefined;
  const rounded = v.check(toNumber(value));
  if (rounded) return rounded;
  const [below, above] = float64Neighbours(value);
  const reason = v.check(below) ?? v.check(above);
  return reason && `${reason} (the exact value; Float64 rounds it to ${toNumber(value)})`;
}

type Unsupported = { readonly unsupported: string };

export interface EvalResult {
  readonly id: string;
  readonly title: string;
  readonly kind: Formula['kind'];
  /** d/d(variable) of the closed form, when asked for. */
  readonly derivative?: { readonly variable: string; readonly expression: string };
  readonly values: Record<string, string>;
  readonly value: number;
  readonly exact?: ExactValue | Unsupported;
  readonly high_precision?: HighPrecisionValue | Unsupported;
}

export interface EvalRequest {
  readonly exact?: boolean;
  readonly digits?: number;
  /** Evaluate the derivative of the closed form in this variable instead of the formula itself. */
  readonly derivative?: string;
}

/** Evaluates a formula (or the derivative of its closed form) at exact values. */
export function evaluateFormula(f: Formula, values: Record<string, Fraction>, req: EvalRequest = {}): EvalResult {
  const floats = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toNumber(v)]));
  let expression = f.expression;
  let derivative: EvalResult['derivative'];
  if (req.derivative !== undefined) {
    if (expression === undefined) throw new InputError(`--derivative needs a closed form; ${f.id} is computed by code`);
    if (!f.variables.some((v) => v.name === req.derivative))
      throw new InputError(`${f.id} has no variable "${req.derivative}" to differentiate in`);
    expression = derivativeExpression(expression, req.derivative);
    derivative = { variable: req.derivative, expression };
  }
  const value = derivative ? evaluateFloat(derivative.expression, floats) : f.evaluate(floats);
  if (!Number.isFinite(value))
    throw new InputError(
      `${f.id}${derivative ? ` (d/d${derivative.variable})` : ''} is undefined at ${settingsText(values)} (Float64 ` +
        `gives ${value})`,
    );
  const exactOf = derivative ? (v: Record<string, Fraction>) => evaluateExact(derivative.expression, v) : f.exact;
  // Without a closed form, the digits come from the exact value, so it is needed for --digits too.
  const exact =
    req.exact || (req.digits !== undefined && expression === undefined) ? exactOrReason(exactOf, values) : undefined;
  let high: HighPrecisionValue | Unsupported | undefined;
  if (req.digits !== undefined) {
    if (expression !== undefined) high = evaluateHighPrecision(expression, values, req.digits);
    else
      high =
        exact && 'exact' in exact ? evaluateHighPrecision(exact.exact, {}, req.digits) : { unsupported: NO_DIGITS };
  }
  return {
    id: f.id,
    title: f.title,
    kind: f.kind,
    ...(derivative ? { derivative } : {}),
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.toFraction()])),
    value,
    ...(req.exact && exact ? { exact } : {}),
    ...(high ? { high_precision: high } : {}),
  };
}

/** The exact value, or why there is none (no exact evaluator, or a refusal at these values). */
function exactOrReason(exactOf: Formula['exact'], values: Record<string, Fraction>): ExactValue | Unsupported {
  if (!exactOf) return { unsupported: NO_EXACT };
  try {
    return exactOf(values);
  } catch (e) {
    if (e instanceof InputError) return { unsupported: e.message };
    throw e;
  }
}

function settingsText(values: Record<string, Fraction>): string {
  return (
    Object.entries(values)
      .map(([k, v]) => `${k} = ${v.toFraction()}`)
      .join(', ') || '(no variables)'
  );
}

function evalRows(r: EvalResult): string[][] {
  const rows = [
    [
      'variables',
      Object.entries(r.values)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ') || '(none)',
    ],
  ];
  if (r.derivative) rows.push([`d/d${r.derivative.variable}`, r.derivative.expression]);
  rows.push(['value (Float64)', fmt(r.value, 17)]);
  if (r.exact)
    rows.push(
      ...('unsupported' in r.exact
        ? [['exact', r.exact.unsupported]]
        : [
            ['exact', r.exact.exact],
            ['exact (LaTeX)', r.exact.latex],
          ]),
    );
  if (r.high_precision) {
    const h = r.high_precision;
    rows.push(
      'unsupported' in h
        ? ['high precision', h.unsupported]
        : [
            `${h.digits} digits`,
            h.zeroBelow ? `0 (|value| < ${h.zeroBelow}: the terms cancel at every working precision)` : h.value,
          ],
    );
  }
  return rows;
}

function showText(f: Formula): string {
  const lines = [
    `${f.id}: ${f.title}`,
    `kind:        ${f.kind}`,
    `source:      ${sourceText(f)}`,
    `explained:   ${docsText(f)}`,
    `convention:  ${f.convention}`,
    `plain text:  ${f.expression ?? '(computed by code: a recursion or a sum; its statement is the LaTeX below)'}`,
    `LaTeX:       ${f.latex}`,
    `exact:       ${f.exact ? 'exact evaluation at rational values (--exact)' : 'none (Float64 only)'}`,
    `digits:      ${f.expression || f.exact ? 'any number of digits (--digits)' : 'none (Float64 only)'}`,
    '',
    'variables:',
    f.variables.length === 0
      ? '  (none)'
      : textTable(
          ['name', 'domain', 'description'],
          f.variables.map((v) => [v.name, v.domain, v.description]),
        ).replace(/^/gm, '  '),
    '',
    'notes:',
    ...(f.notes.length === 0 ? ['  (none)'] : f.notes.map((n) => `  - ${n}`)),
    '',
    'test vectors:',
    textTable(
      ['values', 'expected', 'exact', 'rel. tol.', 'note'],
      f.testVectors.map((tv) => [
        settingsText(Object.fromEntries(Object.entries(tv.values).map(([k, v]) => [k, parseRational(v, k)]))),
        fmt(tv.expected, 17),
        tv.exact ?? '',
        String(tv.relTol ?? 1e-14),
        tv.note ?? '',
      ]),
    ).replace(/^/gm, '  '),
  ];
  return lines.join('\n');
}

export function register(program: Command): void {
  const cmd = program
    .command('formulas')
    .description('the formula registry: every formula with its source, kind, LaTeX and evaluators')
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc formulas list --source terjek\n  ntkcalc formulas show activation/kappa\n' +
        '  ntkcalc formulas eval activation/kappa --set a=11/20 --set b=9/20 --exact',
    );

  const list = cmd
    .command('list')
    .description('id, title, kind and source of every formula')
    .addHelpText('after', '\nExamples:\n  ntkcalc formulas list\n  ntkcalc formulas list --kind bound --json')
    .addOption(new Option('--kind <kind>', 'only formulas of this kind').choices(KINDS))
    .option(
      '--source <text>',
      'only formulas whose id prefix, citation or arXiv id contains this text (e.g. terjek, 2501.13225)',
    );
  addOutputOptions(list).action((o: OutputOptions & { kind?: string; source?: string }) => {
    const fs = selectFormulas(o.kind, o.source);
    const table = rowsTable(
      'formulas',
      'Formulas of the registry',
      ['id', 'title', 'kind', 'source'],
      fs.map((f) => [f.id, f.title, f.kind, sourceText(f)]),
      { sources: [...new Map(fs.map((f) => [f.source.citation, f.source])).values()] },
    );
    emit(o, {
      json: () => ({
        version: VERSION,
        formulas: fs.map((f) => ({ id: f.id, title: f.title, kind: f.kind, source: f.source })),
      }),
      tables: () => [table],
      text: (view) => (fs.length === 0 ? 'no formula matches\n' : `${view.bare(table)}\n`),
    });
  });

  cmd
    .command('show <id>')
    .description(
      'statement (LaTeX and plain text), source, kind, convention, variables, notes and test vectors of one formula',
    )
    .addHelpText('after', '\nExample:\n  ntkcalc formulas show hanin-nica/mean-weights')
    .option('--json', 'machine-readable output')
    .action((id: string, o: { json?: boolean }) => {
      const f = lookup(id);
      if (o.json) printJson({ version: VERSION, ...formulaJson(f) });
      else process.stdout.write(`${showText(f)}\n`);
    });

  cmd
    .command('eval <id>')
    .description('evaluate one formula at the given values (exact rationals: 0.55 or 11/20)')
    .option(
      '--set <name=value>',
      'a variable value; repeat for each variable',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--exact', 'also the exact value (rationals and radicals stay exact), with its LaTeX')
    .option('--digits <n>', `also the value to n significant digits (decimal.js; 1 to ${MAX_DIGITS})`)
    .option('--derivative <variable>', 'evaluate the derivative of the closed form in this variable (mathjs) instead')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc formulas eval activation/kappa --set a=11/20 --set b=9/20 --exact\n  ntkcalc ' +
        'formulas eval infinite-width/varrho --set rho=1/2 --set Delta=1/2 --digits 30\n  ntkcalc formulas eval ' +
        'infinite-width/varrho --set rho=0.3 --set Delta=1 --derivative rho --exact',
    )
    .action(
      (id: string, o: { set: string[]; exact?: boolean; digits?: string; derivative?: string; json?: boolean }) => {
        const f = lookup(id);
        const values = parseSettings(f, o.set);
        const digits = o.digits === undefined ? undefined : parsePositiveInt(o.digits, '--digits');
        const r = evaluateFormula(f, values, { exact: o.exact, digits, derivative: o.derivative });
        if (o.json) printJson({ version: VERSION, ...r });
        else
          process.stdout.write(`${f.id}: ${f.title} [${f.kind}]\n${textTable(['quantity', 'value'], evalRows(r))}\n`);
      },
    );
}
