import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { type Activation, PRESET_NAMES } from '../activation/family.js';
import { InputError } from '../errors.js';
import { recordsTable } from '../report/build.js';
import { renderCsv } from '../report/format/csv.js';
import type { Format } from '../report/model.js';
import { readDataFile } from '../spec/file.js';
import { cliNaming, jsonNaming, mixedNaming } from '../spec/naming.js';
import type { NetworkSpec } from '../spec/network.js';
import { parsePositiveInt } from '../spec/numbers.js';
import { activation, parseNetworkWith } from '../spec/schema.js';
import { parseFinite } from '../util/exact.js';

import { digitsOption, formatOption } from './formatOption.js';

export { parsePositiveInt, parseSeed } from '../spec/numbers.js';

/** Options shared by the commands, and their conversion into validated library values. */

export interface ActivationOptions {
  activation?: string;
  a?: string;
  b?: string;
}

/**
 * Options are declared in groups, one per concern (activation, network, inputs, sampling, output),
 * each written once here and shown under its own heading in --help; a command's own options follow
 * under "Options:".
 */
function group(cmd: Command, heading: string, declare: (cmd: Command) => Command): Command {
  cmd.optionsGroup(heading);
  declare(cmd);
  return cmd.optionsGroup('Options:');
}

/** --activation NAME or --a/--b: phi(s) = a s + b|s|. */
export function addActivationOptions(cmd: Command): Command {
  return group(cmd, 'Activation:', (c) =>
    c
      .addOption(
        new Option('--activation <name>', `activation: ${PRESET_NAMES.join(', ')} (default relu)`).conflicts([
          'a',
          'b',
        ]),
      )
      .option(
        '--a <a>',
        'coefficient a of phi(s) = a s + b|s| (exact: 0.55 or 11/20); with --b instead of --activation',
      )
      .option('--b <b>', 'coefficient b of phi(s) = a s + b|s|'),
  );
}

export function activationFromOptions(o: ActivationOptions): Activation {
  return activation(cliNaming, activationInput(o));
}

function activationInput(o: ActivationOptions): unknown {
  return o.a === undefined && o.b === undefined ? o.activation : { a: o.a, b: o.b };
}

export interface NetworkOptions extends ActivationOptions {
  spec?: string;
  depth?: string;
  sw2?: string;
  sb2?: string;
  param?: string;
  bias?: string;
  width?: string;
  widths?: string;
}

/** The activation and the network: --spec FILE, or the options, or both (the options over the file). */
export function addNetworkOptions(cmd: Command, depthDefault?: string): Command {
  addActivationOptions(cmd);
  return group(cmd, 'Network:', (c) =>
    addSpecOption(c)
      .option(
        '--depth <L>',
        `number of weight layers L (L-1 hidden layers; follows from ` +
          `--widths)${depthDefault ? ` (default ${depthDefault})` : ''}`,
      )
      .option(
        '--sw2 <s>',
        'weight gain sigma_w^2: one value, or L comma-separated values per layer (default: the EOC value 1/A_2)',
      )
      .option('--sb2 <s>', 'bias variance sigma_b^2: one value or L per layer (default 0)')
      .addOption(new Option('--param <p>', 'parameterization (default ntk)').choices(['ntk', 'standard']))
      .addOption(
        new Option(
          '--bias <mode>',
          'biases: absent, present (N(0, sigma_b^2), trainable) or zero-init (trainable, initialised at 0, ' +
            'gradient gain 1); default present when some sigma_b^2 > 0',
        ).choices(['absent', 'present', 'zero-init']),
      )
      .addOption(
        new Option(
          '--width <n>',
          'hidden width of every hidden layer (simulate: needed when L > 1; kernel: only with --param standard)',
        ).conflicts('widths'),
      )
      .option('--widths <n1,n2,...>', 'hidden widths n_1..n_{L-1}'),
  );
}

export interface InputOptions {
  x?: string;
  y?: string;
  inputs?: string;
}

/**
 * The inputs: --x (and --y) for one input or a pair, and --inputs FILE for a dataset, not both;
 * `required` makes --inputs mandatory (its value is the example); `more` adds a command's own.
 */
export function addInputOptions(
  cmd: Command,
  help: { x?: string; y?: string; inputs: string; required?: string },
  more: (cmd: Command) => Command = (c) => c,
): Command {
  return group(cmd, 'Inputs:', (c) => {
    if (help.x !== undefined) c.option('--x <vector>', help.x);
    if (help.y !== undefined) c.option('--y <vector>', help.y);
    const inputs = new Option('--inputs <file>', help.inputs).conflicts(
      [help.x && 'x', help.y && 'y'].filter((k): k is string => Boolean(k)),
    );
    if (help.required !== undefined) {
      inputs.description += ` (e.g. --inputs ${help.required})`;
      inputs.makeOptionMandatory();
    }
    return more(c.addOption(inputs));
  });
}

/** --samples and --seed of a Monte Carlo run, with the command's defaults. */
export function addSamplingOptions(
  cmd: Command,
  help: { samples: string; samplesDefault?: string; seed: string; seedDefault: string },
  more: (cmd: Command) => Command = (c) => c,
): Command {
  return group(cmd, 'Sampling:', (c) =>
    more(
      c
        .addOption(new Option('--samples <S>', help.samples).default(help.samplesDefault, help.samplesDefault))
        .addOption(new Option('--seed <s>', help.seed).default(help.seedDefault, help.seedDefault)),
    ),
  );
}

export interface OutputOptions {
  /** --format; --json and --csv are its short forms (outputFormat). */
  format?: Format;
  json?: boolean;
  csv?: boolean;
  digits?: string;
  quiet?: boolean;
  out?: string;
}

/**
 * --format text|markdown|csv|json|latex, --json (= --format json) and --digits on every command that
 * prints a table (src/cli/output.ts prints in the format asked for); --csv (= --format csv, not with
 * --json), --quiet (no progress bar) and --out FILE where they apply. Contradicting formats are refused
 * before the command does its work.
 */
export function addOutputOptions(cmd: Command, has: { csv?: string; quiet?: boolean; out?: boolean } = {}): Command {
  cmd.hook('preAction', (c) => {
    outputFormat(c.opts());
  });
  return group(cmd, 'Output:', (c) => {
    c.addOption(formatOption().default(undefined)).option('--json', 'machine-readable output (same as --format json)');
    if (has.csv !== undefined) c.option('--csv', `${has.csv} (same as --format csv)`);
    c.addOption(digitsOption());
    if (has.out) c.option('--out <file>', 'write the result to a file instead of standard output');
    if (has.quiet) c.option('--quiet', 'no progress bar');
    return c;
  });
}

/*
 * Parsers of option values (commander's argParser): a bad value is refused while the line is read,
 * with the same one-line message as everywhere else.
 */

export const intArg = (flag: string) => (text: string) => parsePositiveInt(text, flag);

export const listArg = (flag: string) => (text: string) => text.split(',').map((t) => parsePositiveInt(t, flag));

export const finiteArg = (flag: string) => (text: string) => parseFinite(text, flag);

/** An option the command cannot run without; its message shows the example. */
export function mandatory(flags: string, description: string, example: string, parse: (t: string) => unknown): Option {
  const long = flags.split(' ')[0];
  return new Option(flags, `${description} (e.g. ${long} ${example})`).makeOptionMandatory().argParser(parse);
}

/** The format the options ask for: --format, or its short form --json or --csv; text by default. */
export function outputFormat(o: OutputOptions): Format {
  if (o.json && o.csv) throw new InputError('give either --json or --csv, not both');
  const alias = o.json ? 'json' : o.csv ? 'csv' : undefined;
  if (alias && o.format && o.format !== alias)
    throw new InputError(`--${alias} means --format ${alias}; it cannot go with --format ${o.format}`);
  return o.format ?? alias ?? 'text';
}

/** --spec FILE: the network (or, for simulate, the run) from a JSON or YAML file. */
export function addSpecOption(cmd: Command): Command {
  return cmd.option(
    '--spec <file>',
    'the network from a JSON or YAML spec file (docs/spec.md; the "spec" of any --json output); ' +
      'options given beside it replace its fields',
  );
}

/** "1,2,3" as a list, "2" as one value: the schema's one-or-per-layer form. */
function list(text: string | undefined): string | string[] | undefined {
  if (text === undefined) return undefined;
  return text.includes(',') ? text.split(',') : text;
}

/** The network options the user gave, in the schema's input form. */
function networkInputOf(o: NetworkOptions): Record<string, unknown> {
  const input: Record<string, unknown> = {
    activation: activationInput(o),
    depth: o.depth,
    sigma_w2: list(o.sw2),
    sigma_b2: list(o.sb2),
    parameterization: o.param,
    bias: o.bias,
    hidden_widths: o.widths?.split(','),
    width: o.width,
  };
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input;
}

const WIDTH_FIELDS = ['hidden_widths', 'widths', 'width'];

/**
 * A file's fields with the options' fields over them: an option replaces the field it sets (any
 * of --width/--widths replaces every width field of the file). Anything but an object is left for
 * the schema to refuse.
 */
export function overlay(file: unknown, options: Record<string, unknown>): unknown {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return file;
  const out: Record<string, unknown> = { ...(file as Record<string, unknown>) };
  if (WIDTH_FIELDS.some((k) => k in options)) for (const k of WIDTH_FIELDS) delete out[k];
  return { ...out, ...options };
}

/**
 * The network of the options, or of --spec FILE with the options over it; both parsed by the
 * schema (one path). `read` is the network part of a file already read (simulate's run files).
 */
export function networkFromOptions(o: NetworkOptions, read?: { network: unknown; where: string }): NetworkSpec {
  const options = networkInputOf(o);
  if (o.spec === undefined) return parseNetworkWith(cliNaming, options, 'options');
  const where = read?.where ?? o.spec;
  const file = read ? read.network : readDataFile(o.spec, 'spec file');
  return parseNetworkWith(
    mixedNaming(jsonNaming(where), (field) => field in options),
    overlay(file, options),
    where,
  );
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

/**
 * Records as CSV, one column per key of the first record except `omit` (src/report's CSV formatter:
 * RFC 4180 quoting, full Float64 precision).
 */
export function csv(records: readonly Record<string, unknown>[], omit: readonly string[] = []): string {
  return renderCsv(recordsTable('records', '', records, {}, omit));
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
