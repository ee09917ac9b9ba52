import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { exactA2 } from '../activation/constants.js';
import { type Activation, fromCoefficients, PRESET_NAMES, preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { checkDepth } from '../kernels/layers.js';
import type { BiasMode, NetworkSpec, Parameterization } from '../spec/network.js';
import { Fraction, parseFinite, parseRational } from '../util/exact.js';

/** Options shared by the commands, and their conversion into validated library values. */

export interface ActivationOptions {
  activation?: string;
  a?: string;
  b?: string;
}

export function addActivationOptions(cmd: Command): Command {
  return cmd
    .option('--activation <name>', `activation: ${PRESET_NAMES.join(', ')} (default relu)`)
    .option('--a <a>', 'coefficient a of phi(s) = a s + b|s| (exact: 0.55 or 11/20); with --b instead of --activation')
    .option('--b <b>', 'coefficient b of phi(s) = a s + b|s|');
}

export function activationFromOptions(o: ActivationOptions): Activation {
  if (o.a !== undefined || o.b !== undefined) {
    if (o.activation !== undefined) throw new InputError('give either --activation or --a/--b, not both');
    if (o.a === undefined || o.b === undefined)
      throw new InputError('--a and --b go together (e.g. --a 0.55 --b 0.45)');
    return fromCoefficients(o.a, o.b);
  }
  return preset(o.activation ?? 'relu');
}

export interface NetworkOptions extends ActivationOptions {
  depth?: string;
  sw2?: string;
  sb2?: string;
  param?: string;
  bias?: string;
  width?: string;
  widths?: string;
}

export function addNetworkOptions(cmd: Command, depthDefault?: string): Command {
  addActivationOptions(cmd);
  return cmd
    .option(
      '--depth <L>',
      `number of weight layers L (L-1 hidden layers)${depthDefault ? ` (default ${depthDefault})` : ''}`,
    )
    .option(
      '--sw2 <s>',
      'weight gain sigma_w^2: one value, or L comma-separated values per layer (default: the EOC value 1/A_2)',
    )
    .option('--sb2 <s>', 'bias variance sigma_b^2: one value or L per layer (default 0)')
    .addOption(new Option('--param <p>', 'parameterization').choices(['ntk', 'standard']).default('ntk'))
    .addOption(
      new Option(
        '--bias <mode>',
        'biases: absent, present (N(0, sigma_b^2), trainable) or zero-init (trainable, initialised at 0, gradient gain 1); default present when some sigma_b^2 > 0',
      ).choices(['absent', 'present', 'zero-init']),
    )
    .option('--width <n>', 'hidden width of every hidden layer (needed by --param standard)')
    .option('--widths <n1,n2,...>', 'hidden widths n_1..n_{L-1}');
}

const positiveInt = (what: string) =>
  z.string().transform((s, ctx) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !Number.isInteger(v) || v < 1) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a positive integer, got "${s}"` });
      return z.NEVER;
    }
    return v;
  });

export function parsePositiveInt(text: string, what: string): number {
  const r = positiveInt(what).safeParse(text);
  if (!r.success) throw new InputError(r.error.issues[0].message);
  return r.data;
}

/** One value for every layer, or exactly L comma-separated values. */
function perLayer(text: string | undefined, L: number, what: string, fallback: Fraction): Fraction[] {
  if (text === undefined) return Array.from({ length: L }, () => fallback);
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 1 && parts.length !== L)
    throw new InputError(
      `${what}: give one value or ${L} comma-separated values (one per weight layer), got ${parts.length}`,
    );
  const vals = parts.map((p) => parseRational(p, what));
  for (const v of vals)
    if (v.s < 0n && !v.equals(0))
      throw new InputError(`${what}: ${v.toFraction()} is negative; a variance must be >= 0`);
  return parts.length === 1 ? Array.from({ length: L }, () => vals[0]) : vals;
}

export function hiddenWidthsFromOptions(o: NetworkOptions, L: number): number[] | undefined {
  if (o.width !== undefined && o.widths !== undefined)
    throw new InputError('give either --width or --widths, not both');
  if (o.width !== undefined) return Array.from({ length: L - 1 }, () => parsePositiveInt(o.width!, '--width'));
  if (o.widths !== undefined) {
    const ws = o.widths.split(',').map((s) => parsePositiveInt(s, '--widths entry'));
    if (ws.length !== L - 1)
      throw new InputError(`--widths: a depth-${L} network has ${L - 1} hidden layers, got ${ws.length} widths`);
    return ws;
  }
  return undefined;
}

export function networkFromOptions(o: NetworkOptions, depthDefault?: number): NetworkSpec {
  const activation = activationFromOptions(o);
  const L = o.depth === undefined ? depthDefault : parsePositiveInt(o.depth, '--depth');
  if (L === undefined) throw new InputError('--depth is required (number of weight layers, e.g. --depth 3)');
  checkDepth(L);
  const eoc = new Fraction(1).div(exactA2(activation));
  const sw2 = perLayer(o.sw2, L, '--sw2', eoc);
  const sb2 = perLayer(o.sb2, L, '--sb2', new Fraction(0));
  const anyBias = sb2.some((v) => !v.equals(0));
  const bias = (o.bias ?? (anyBias ? 'present' : 'absent')) as BiasMode;
  if (bias !== 'present' && anyBias)
    throw new InputError(`--bias ${bias} contradicts a nonzero --sb2 (the bias variance); use --bias present`);
  return {
    activation,
    depth: L,
    parameterization: (o.param ?? 'ntk') as Parameterization,
    bias,
    layers: sw2.map((w, l) => ({ sigmaW2: w, sigmaB2: sb2[l] })),
    hiddenWidths: hiddenWidthsFromOptions(o, L),
  };
}

/** A vector from "1,0,2" or "[1, 0, 2]". */
export function parseVector(text: string, what: string): number[] {
  const s = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (s === '') throw new InputError(`${what}: empty vector (write it as 1,0 or [1,0])`);
  return s.split(',').map((p, i) => parseFinite(p, `${what} coordinate ${i + 1}`));
}

/** A JSON file holding an array of input vectors. */
export function readInputsFile(path: string): number[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(
      `cannot read inputs file "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  if (text.trim() === '')
    throw new InputError(`inputs file "${path}" is empty (expected a JSON array of vectors, e.g. [[1,0],[0,1]])`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`inputs file "${path}" is not valid JSON: ${(e as Error).message}`);
  }
  const shape = z.array(z.array(z.unknown())).min(1).safeParse(data);
  if (!shape.success)
    throw new InputError(
      `inputs file "${path}" must hold a non-empty JSON array of vectors (arrays of numbers), e.g. [[1,0],[0,1]]`,
    );
  return data as number[][];
}

export function parseSeed(text: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(v) || v < 0 || v >= 2 ** 32)
    throw new InputError(`--seed must be an integer from 0 to 4294967295, got "${text}"`);
  return v;
}

type CsvValue = string | number | null;

/**
 * Records as CSV, one column per key of the first record except `omit`; RFC 4180 fields, quoted
 * when they hold a comma, quote or newline.
 */
export function csv<R extends Record<string, unknown>>(records: readonly R[], omit: readonly string[] = []): string {
  const keys = Object.keys(records[0] ?? {}).filter((k) => !omit.includes(k));
  const field = (v: CsvValue) => {
    const t = v === null ? '' : String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = records.map((r) => keys.map((k) => field(r[k] as CsvValue)));
  return `${[keys, ...rows].map((r) => r.join(',')).join('\n')}\n`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Shortest round-trip decimal with a sensible width for tables. */
export function fmt(v: number, digits = 12): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  return Number(v.toPrecision(digits)).toString();
}
