import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { type NetworkJson, networkProblem, networkSchema } from './networkJson.js';
import { QUANTITIES, QUANTITY_NAMES, type QuantityName } from './quantities.js';

/**
 * The results file (docs/validate.md): `{"results": [ROW, ...]}` in JSON or YAML, CSV with one
 * scalar row per line, or the JSON that `ntkcalc simulate --json` writes (each of its quantities
 * becomes rows). schemas/results.schema.json is generated from `resultsFileSchema`.
 */

const finite = z.number().describe('a finite number');
const vector = z.array(finite).min(1);

export const rowSchema = z
  .object({
    name: z.string().min(1).describe("the user's label, shown in every report"),
    network: networkSchema,
    inputs: z.array(vector).min(1).describe('the input vectors x_0, x_1, ...'),
    entry: z
      .array(z.number().int().min(0))
      .min(1)
      .max(2)
      .optional()
      .describe('[i, j] (0-based input indices); [i] means [i, i]; may be left out with one input'),
    quantity: z.enum(QUANTITY_NAMES),
    values: z
      .array(finite)
      .min(2, 'give at least 2 values (one per network; a standard error needs two)')
      .optional()
      .describe('one number per sampled network'),
    estimate: finite.optional(),
    se: z
      .number()
      .min(0, 'must be >= 0 (a standard error), e.g. 0.05')
      .optional()
      .describe('standard error of the estimate over networks'),
    samples: z
      .number()
      .int()
      .min(2, 'must be an integer >= 2 (a standard error needs two networks)')
      .optional()
      .describe('number of networks behind the estimate'),
  })
  .superRefine((r, ctx) => {
    const problem = networkProblem(r.network);
    // The network parser's message names the field itself ("network.depth: ...").
    if (problem) ctx.addIssue({ code: 'custom', path: [], message: problem });
    const n0 = r.inputs[0].length;
    r.inputs.forEach((x, i) => {
      if (x.length !== n0)
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', i],
          message: `has ${x.length} coordinates but inputs[0] has ${n0}; all inputs must have the same length`,
        });
    });
    if (r.entry === undefined && r.inputs.length > 1)
      ctx.addIssue({ code: 'custom', path: ['entry'], message: 'missing: give [i, j] (0-based) with several inputs' });
    const n = r.inputs.length;
    for (const i of r.entry ?? [])
      if (i >= n)
        ctx.addIssue({
          code: 'custom',
          path: ['entry'],
          message: `index ${i} is out of range: there are ${n} inputs (0-based, 0..${n - 1})`,
        });
    if (r.entry?.length === 2 && r.entry[0] !== r.entry[1] && QUANTITIES[r.quantity].diagonalOnly)
      ctx.addIssue({ code: 'custom', path: ['entry'], message: `${r.quantity} takes one input: [i] or [i, i]` });
    const scalar = [r.estimate, r.se, r.samples];
    if (r.values !== undefined && scalar.some((v) => v !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: 'give either values or estimate/se/samples, not both',
      });
    else if (r.values === undefined)
      (['estimate', 'se', 'samples'] as const).forEach((k, i) => {
        if (scalar[i] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: 'missing: give values (one number per network) or estimate, se and samples',
          });
      });
  });

export type RowJson = z.infer<typeof rowSchema>;

export const resultsSchema = z.object({
  results: z.array(rowSchema).min(1),
});

const matrix = z.array(z.array(z.number()));
const simQuantity = z.object({ mean: matrix, se: matrix });
export const simulationSchema = z.object({
  spec: networkSchema.superRefine((n, ctx) => {
    const problem = networkProblem(n);
    if (problem) ctx.addIssue({ code: 'custom', path: [], message: problem });
  }),
  inputs: z.array(vector).min(1),
  out_dim: z.number().int().min(1),
  weights: z.enum(['gaussian', 'uniform']),
  networks: z.number().int().min(2),
  seed: z.number().int().min(0),
  quantities: z.object({
    output: simQuantity,
    nngp: simQuantity,
    ntk: simQuantity.extend({
      second_moment_ratio: z.array(z.array(z.number().nullable())).optional(),
      second_moment_ratio_se: z.array(z.array(z.number().nullable())).optional(),
    }),
    update: simQuantity.optional(),
  }),
});

/** The whole file: a list of rows, or the output of `ntkcalc simulate --json`. */
export const resultsFileSchema = z.union([resultsSchema, simulationSchema]);

/** One row, checked, with where it came from. */
export interface Row {
  readonly file: string;
  /** 1-based position in the file (the N of "row N" in messages). */
  readonly row: number;
  readonly name: string;
  readonly network: NetworkJson;
  readonly inputs: readonly (readonly number[])[];
  readonly entry: readonly [number, number];
  readonly quantity: QuantityName;
  readonly measurement:
    | { readonly values: readonly number[] }
    | { readonly estimate: number; readonly se: number; readonly samples: number };
}

/** Errors shown at most (one bad row does not hide the others, but a broken file is not flooded). */
export const MAX_ERRORS = 50;

export class MalformedFile extends InputError {
  constructor(readonly errors: readonly string[]) {
    super(
      errors.length === 1
        ? errors[0]
        : `${errors.length >= MAX_ERRORS ? `the first ${MAX_ERRORS}` : errors.length} errors:\n${errors.join('\n')}`,
    );
  }
}

function rowOf(file: string, index: number, r: RowJson): Row {
  const e = r.entry ?? [0];
  return {
    file,
    row: index + 1,
    name: r.name,
    network: r.network,
    inputs: r.inputs,
    entry: [e[0], e[1] ?? e[0]],
    quantity: r.quantity,
    measurement:
      r.values !== undefined ? { values: r.values } : { estimate: r.estimate!, se: r.se!, samples: r.samples! },
  };
}

/** The rows a `simulate --json` output stands for (the first output unit when out_dim > 1). */
function simulationRows(file: string, s: z.infer<typeof simulationSchema>): Row[] {
  const network = { ...s.spec, weights: s.spec.weights ?? s.weights };
  const N = s.inputs.length;
  const d = s.out_dim;
  const rows: Row[] = [];
  const add = (quantity: QuantityName, i: number, j: number, estimate: number | null, se: number | null) => {
    if (estimate === null || se === null || !Number.isFinite(estimate) || !Number.isFinite(se)) return;
    rows.push({
      file,
      row: rows.length + 1,
      name: `simulate seed ${s.seed}: ${quantity} [${i}, ${j}]`,
      network,
      inputs: s.inputs,
      entry: [i, j],
      quantity,
      measurement: { estimate, se, samples: s.networks },
    });
  };
  const q = s.quantities;
  for (let i = 0; i < N; i++) add('output_mean', i, i, q.output.mean[i][0], q.output.se[i][0]);
  for (let i = 0; i < N; i++)
    for (let j = i; j < N; j++) {
      add('nngp_mean', i, j, q.nngp.mean[i][j], q.nngp.se[i][j]);
      add('ntk_mean', i, j, q.ntk.mean[i * d][j * d], q.ntk.se[i * d][j * d]);
      const ratio = q.ntk.second_moment_ratio?.[i * d][j * d] ?? null;
      add('ntk_moment_ratio', i, j, ratio, q.ntk.second_moment_ratio_se?.[i * d][j * d] ?? null);
    }
  if (q.update) for (let i = 0; i < N; i++) add('ntk_update_mean', i, i, q.update.mean[i][0], q.update.se[i][0]);
  return rows;
}

function where(file: string, path: readonly PropertyKey[]): string {
  if (path[0] === 'results' && typeof path[1] === 'number') {
    const rest = path.slice(2).map(String).join('.');
    return `${file}:row ${path[1] + 1}${rest ? `: ${rest}` : ''}`;
  }
  return `${file}: ${path.map(String).join('.') || '(file)'}`;
}

function issuesOf(file: string, error: z.ZodError): string[] {
  return error.issues.slice(0, MAX_ERRORS).map((i) => {
    const missing = (i as { input?: unknown }).input === undefined;
    const msg =
      i.code === 'invalid_value' && i.path.at(-1) === 'quantity'
        ? `${missing ? 'missing' : 'unknown quantity'}; use one of ${QUANTITY_NAMES.join(', ')}`
        : missing && i.code === 'invalid_type'
          ? `missing (${i.message.replace(/^Invalid input: /, '')})`
          : i.message;
    return `${where(file, i.path)}: ${msg}`;
  });
}

/** Rows of one parsed document (JSON/YAML object); throws MalformedFile listing every problem. */
export function rowsOfDocument(file: string, doc: unknown): Row[] {
  const obj = doc as Record<string, unknown> | null;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw new MalformedFile([
      `${file}: not a results file: expected an object {"results": [ROW, ...]} or the JSON of ntkcalc simulate --json`,
    ]);
  if (!('results' in obj) && 'quantities' in obj) {
    const sim = simulationSchema.safeParse(obj, { reportInput: true });
    if (!sim.success) throw new MalformedFile(issuesOf(file, sim.error));
    return simulationRows(file, sim.data);
  }
  const parsed = resultsSchema.safeParse(obj, { reportInput: true });
  if (!parsed.success) throw new MalformedFile(issuesOf(file, parsed.error));
  return parsed.data.results.map((r, i) => rowOf(file, i, r));
}

const CSV_JSON_COLUMNS = ['network', 'inputs', 'entry', 'values'];
const CSV_NUMBER_COLUMNS = ['estimate', 'se', 'samples'];

/**
 * CSV: a header line, then one row per result; network, inputs, entry (and values) are JSON in
 * their cells, estimate/se/samples numbers.
 */
function csvDocument(file: string, text: string): unknown {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new MalformedFile([`${file}: not valid CSV: ${(e as Error).message}`]);
  }
  const errors: string[] = [];
  const results = records.map((rec, i) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) {
      if (v === '') continue;
      if (CSV_JSON_COLUMNS.includes(k)) {
        try {
          out[k] = JSON.parse(v);
        } catch {
          errors.push(`${file}:row ${i + 1}: ${k}: not valid JSON in the CSV cell (e.g. [[1,0],[0,1]])`);
        }
      } else out[k] = CSV_NUMBER_COLUMNS.includes(k) ? Number(v) : v;
    }
    return out;
  });
  if (errors.length > 0) throw new MalformedFile(errors.slice(0, MAX_ERRORS));
  return { results };
}

/** Parses a results file's text by its extension (.json, .yaml/.yml, .csv; JSON otherwise). */
export function parseResultsText(file: string, text: string): Row[] {
  if (text.trim() === '') throw new MalformedFile([`${file}: the file is empty (expected {"results": [...]})`]);
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return rowsOfDocument(file, csvDocument(file, text));
  let doc: unknown;
  try {
    doc = ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new MalformedFile([`${file}: not valid ${ext.startsWith('.y') ? 'YAML' : 'JSON'}: ${(e as Error).message}`]);
  }
  return rowsOfDocument(file, doc);
}

export function readResultsFile(file: string): Row[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseResultsText(file, text);
}
