import { InputError } from '../errors.js';
import { MAX_DEPTH } from './numbers.js';

/**
 * How an error message names a field and shows an example: a spec file or library call names the
 * JSON field ("network.depth", e.g. "depth": 3), the command line names the option (--depth, e.g.
 * --depth 3). Every message is one line: field, value, what is accepted, an example.
 */
export interface Naming {
  name(field: string): string;
  /** A valid setting of the field as the user would write it: "depth": 3 or --depth 3. */
  example(field: string): string;
  /** A message from the value and what is wrong with it. */
  message(field: string, problem: string): string;
  /** A message whose problem already says what is accepted: only the example is added. */
  plain(field: string, problem: string): string;
  /** A parser's own message (which already names the field), completed with what is accepted. */
  extend(field: string, parserMessage: string): string;
}

interface FieldText {
  /** The command-line option that sets the field. */
  readonly option: string;
  readonly accepted: string;
  /** An example value as JSON and as an option value. */
  readonly json: string;
  readonly cli: string;
  /** The JSON example is a whole value, not a field (function arguments). */
  readonly bare?: boolean;
}

const VARIANCE =
  'a variance >= 0 (a number or an exact decimal or ratio such as "11/20"), one value or one per weight layer';

export const FIELDS: Record<string, FieldText> = {
  activation: {
    option: '--activation',
    accepted:
      'a preset (relu, abs, linear, leaky:<alpha>, abrelu:<neg>,<pos>) ' +
      'or the coefficients {"a": ..., "b": ...} of phi(s) = a s + b|s|',
    json: '"leaky:0.1"',
    cli: 'leaky:0.1',
  },
  'activation.a': { option: '--a', accepted: 'an exact decimal or ratio', json: '"11/20"', cli: '11/20' },
  'activation.b': { option: '--b', accepted: 'an exact decimal or ratio', json: '"9/20"', cli: '9/20' },
  'activation.name': { option: '--activation', accepted: 'a label (text)', json: '"relu"', cli: 'relu' },
  depth: {
    option: '--depth',
    accepted: `a positive integer number of weight layers up to ${MAX_DEPTH}`,
    json: '3',
    cli: '3',
  },
  hidden_widths: {
    option: '--widths',
    accepted: 'positive integers n_1, ..., n_{L-1}, one per hidden layer (depth L = their number + 1)',
    json: '[256, 256]',
    cli: '256,256',
  },
  width: {
    option: '--width',
    accepted: 'a positive integer: the width of every hidden layer',
    json: '256',
    cli: '256',
  },
  sigma_w2: { option: '--sw2', accepted: VARIANCE, json: '2', cli: '2' },
  sigma_b2: { option: '--sb2', accepted: VARIANCE, json: '"1/10"', cli: '0.1' },
  parameterization: { option: '--param', accepted: 'ntk or standard', json: '"ntk"', cli: 'ntk' },
  bias: {
    option: '--bias',
    accepted: 'absent, present (N(0, sigma_b^2), trainable) or zero-init (trainable, initialised at 0)',
    json: '"present"',
    cli: 'present',
  },
  weights: { option: '--weights', accepted: 'gaussian or uniform', json: '"gaussian"', cli: 'gaussian' },
  relu_prime_at_0: {
    option: '--relu-prime-at-0',
    accepted: '"0" (PyTorch, JAX) or "1/2" (canonical)',
    json: '"1/2"',
    cli: '1/2',
  },
  inputs: {
    option: '--inputs',
    accepted: 'a non-empty array of equal-length arrays of finite numbers',
    json: '[[1, 0], [0.6, 0.8]]',
    cli: 'inputs.json',
  },
  vectors: {
    option: '--x',
    accepted: 'vectors of one length with finite coordinates',
    json: '[1, 0] and [0.6, 0.8]',
    cli: '1,0',
    bare: true,
  },
  samples: {
    option: '--samples',
    accepted: 'an integer number of networks from 2 to 2^30',
    json: '1000',
    cli: '1000',
  },
  seed: { option: '--seed', accepted: 'an integer from 0 to 4294967295', json: '0', cli: '0' },
  out_dim: { option: '--out-dim', accepted: 'a positive integer number of output units', json: '1', cli: '1' },
  sampler: { option: '--sampler', accepted: 'dense, reduced or auto', json: '"auto"', cli: 'auto' },
  generator: { option: '--generator', accepted: 'fast or stdlib', json: '"fast"', cli: 'fast' },
  update: { option: '--update', accepted: 'true or false', json: 'false', cli: '' },
  block_size: {
    option: '--block-size',
    accepted: 'the block size of the run (a positive integer)',
    json: '64',
    cli: '64',
  },
};

/** The field's entry without array indices: "sigma_w2[2]" -> "sigma_w2". */
const base = (field: string) => field.replace(/\[\d+\]/g, '');

function text(field: string): FieldText {
  return FIELDS[base(field)] ?? { option: field, accepted: 'see docs/spec.md', json: '...', cli: '...' };
}

/** A value as the user wrote it: strings quoted, objects as compact JSON. */
export function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'bigint') return String(v);
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function naming(name: (field: string) => string, example: (field: string) => string): Naming {
  const tail = (field: string) => `${text(field).accepted}, e.g. ${example(field)}`;
  const head = (field: string, problem: string) => `${name(field)}${problem.startsWith('is ') ? ' ' : ': '}${problem}`;
  return {
    name,
    example,
    message: (field, problem) => `${head(field, problem)}; ${tail(field)}`,
    plain: (field, problem) => `${head(field, problem)}, e.g. ${example(field)}`,
    extend: (field, parserMessage) => `${parserMessage}; ${tail(field)}`,
  };
}

/** Fields of a JSON object at `where` ("network", "run.json: spec"); a file name is followed by ": ". */
export function jsonNaming(where: string): Naming {
  const prefix = where === '' ? '' : /\.(json|ya?ml)$/i.test(where) ? `${where}: ` : `${where}.`;
  return naming(
    (field) => `${prefix}${field}`,
    (field) => {
      const key = base(field).split('.').at(-1)!;
      return text(field).bare ? text(field).json : `"${key}": ${text(field).json}`;
    },
  );
}

/** Fields set by command-line options. */
export const cliNaming: Naming = naming(
  (field) => {
    const index = /\[(\d+)\]$/.exec(field);
    return index ? `${text(field).option} entry ${Number(index[1]) + 1}` : text(field).option;
  },
  (field) => `${text(field).option} ${text(field).cli}`.trim(),
);

/** Runs a parser that throws InputError naming the field, and completes its message. */
export function completing<T>(naming: Naming, field: string, parse: (what: string) => T): T {
  try {
    return parse(naming.name(field));
  } catch (e) {
    if (e instanceof InputError) throw new InputError(naming.extend(field, e.message));
    throw e;
  }
}

/** Fields some of which the options set and the rest a file: each is named where it came from. */
export function mixedNaming(file: Naming, fromOptions: (field: string) => boolean): Naming {
  const pick = (field: string) => (fromOptions(field.split(/[.[]/)[0]) ? cliNaming : file);
  return {
    name: (field) => pick(field).name(field),
    example: (field) => pick(field).example(field),
    message: (field, problem) => pick(field).message(field, problem),
    plain: (field, problem) => pick(field).plain(field, problem),
    extend: (field, parserMessage) => pick(field).extend(field, parserMessage),
  };
}
