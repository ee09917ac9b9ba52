import { z } from 'zod';
import { eocSigmaW2 } from '../activation/constants.js';
import { type Activation, fromCoefficients, preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { Fraction, parseRational } from '../util/exact.js';
import { completing, jsonNaming, type Naming, show } from './naming.js';
import type { BiasMode, NetworkSpec, Parameterization, ReluPrimeAtZero, WeightLaw } from './network.js';
import { checkDepth, parsePositiveInt } from './numbers.js';

/**
 * The network schema (docs/spec.md). Input form: what a spec file, a library call or the options
 * give; output form: specJson (json.ts), which every --json output carries and which parses back
 * to the same network. Unknown fields are errors; `widths` is accepted for `hidden_widths` (the
 * results files of `ntkcalc validate` call them so) and `width` sets every hidden layer.
 */
export const networkInput = z.strictObject({
  activation: z.unknown().optional(),
  depth: z.unknown().optional(),
  hidden_widths: z.unknown().optional(),
  widths: z.unknown().optional(),
  width: z.unknown().optional(),
  sigma_w2: z.unknown().optional(),
  sigma_b2: z.unknown().optional(),
  parameterization: z.unknown().optional(),
  bias: z.unknown().optional(),
  weights: z.unknown().optional(),
  relu_prime_at_0: z.unknown().optional(),
});

export type NetworkInput = z.input<typeof networkInput>;

const PARAMETERIZATIONS = ['ntk', 'standard'] as const;
const BIAS_MODES = ['absent', 'present', 'zero-init'] as const;
const WEIGHT_LAWS = ['gaussian', 'uniform'] as const;
const RELU_PRIME = ['0', '1/2'] as const;

/** Networks made by the parser (or checked once at the library boundary): trusted from then on. */
const validated = new WeakSet<object>();

export function isValidated(v: unknown): boolean {
  return typeof v === 'object' && v !== null && validated.has(v);
}

/** Marks a value as checked (the parsers' results). */
export function markValidated<T extends object>(v: T): T {
  validated.add(v);
  return v;
}

/** One of a fixed list of names. */
export function oneOf<T extends string>(n: Naming, field: string, v: unknown, names: readonly T[]): T {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s === 'string' && (names as readonly string[]).includes(s)) return s as T;
  throw new InputError(n.message(field, `${show(v)} is not allowed`));
}

/** A positive integer from a number or its text. */
export function positiveInt(n: Naming, field: string, v: unknown): number {
  if (typeof v !== 'number' && typeof v !== 'string')
    throw new InputError(n.message(field, `${show(v)} is not allowed (not a number)`));
  return completing(n, field, (what) => parsePositiveInt(String(v), what));
}

function rational(n: Naming, field: string, v: unknown): Fraction {
  if (v instanceof Fraction) return v;
  if (typeof v !== 'number' && typeof v !== 'string')
    throw new InputError(n.message(field, `${show(v)} is not allowed (not a number)`));
  return completing(n, field, (what) => parseRational(String(v), what));
}

/** The activation from its input form: a preset name or {name?, a, b}. */
export function activation(n: Naming, v: unknown): Activation {
  if (v === undefined) return preset('relu');
  if (typeof v === 'string') {
    try {
      return preset(v);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${e.message}, e.g. ${n.example('activation')}`);
      throw e;
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new InputError(n.message('activation', `${show(v)} is not allowed`));
  const o = v as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['name', 'a', 'b'].includes(k));
  if (unknown.length > 0)
    throw new InputError(
      n.message('activation', `unknown field "${unknown[0]}" is not allowed (the fields are name, a and b)`),
    );
  if (o.a === undefined || o.b === undefined)
    throw new InputError(
      `${n.name('activation.a')} and ${n.name('activation.b')} go together (the coefficients of ` +
        `phi(s) = a s + b|s|), e.g. ${n.example('activation.a')} and ${n.example('activation.b')}`,
    );
  if (o.name !== undefined && typeof o.name !== 'string')
    throw new InputError(n.message('activation.name', `${show(o.name)} is not allowed`));
  const a = rational(n, 'activation.a', o.a);
  const b = rational(n, 'activation.b', o.b);
  const act = completing(n, 'activation', () => fromCoefficients(a, b, o.name as string | undefined));
  const named = presetOrUndefined(act.name);
  if (named && !(named.a.equals(a) && named.b.equals(b)))
    throw new InputError(
      n.message(
        'activation',
        `name "${act.name}" has a = ${named.a.toFraction()}, b = ${named.b.toFraction()} ` +
          `but a = ${a.toFraction()}, b = ${b.toFraction()} are given`,
      ),
    );
  return act;
}

function presetOrUndefined(name: string): Activation | undefined {
  try {
    return preset(name);
  } catch {
    return undefined;
  }
}

/** The hidden widths from hidden_widths, its alias widths, or one width for every hidden layer. */
function hiddenWidths(n: Naming, o: NetworkInput, depth: number | undefined): number[] | undefined {
  const given = (['hidden_widths', 'widths', 'width'] as const).filter((k) => o[k] !== undefined);
  if (given.length > 1)
    throw new InputError(n.message(given[1], `is not allowed beside ${n.name(given[0])}; give one of them`));
  if (o.width !== undefined) {
    const w = positiveInt(n, 'width', o.width);
    if (depth === undefined)
      throw new InputError(n.message('depth', `is missing (${n.name('width')} sets every hidden layer)`));
    return Array.from({ length: depth - 1 }, () => w);
  }
  const list = o.hidden_widths ?? o.widths;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) throw new InputError(n.message('hidden_widths', `${show(list)} is not allowed`));
  const ws = list.map((w, i) => positiveInt(n, `hidden_widths[${i}]`, w));
  if (depth !== undefined && ws.length !== depth - 1)
    throw new InputError(
      n.plain(
        'hidden_widths',
        `${ws.length} widths do not match ${n.name('depth')} ${depth} (a depth-${depth} network has ` +
          `${depth - 1} hidden layer${depth === 2 ? '' : 's'}; the depth follows from the widths when it is not given)`,
      ),
    );
  return ws;
}

/** One value for every layer, or exactly L values. */
function perLayer(n: Naming, field: string, v: unknown, L: number, fallback: Fraction): Fraction[] {
  if (v === undefined) return Array.from({ length: L }, () => fallback);
  const list = Array.isArray(v) ? v : [v];
  if (list.length !== 1 && list.length !== L)
    throw new InputError(
      n.plain(
        field,
        `${list.length} values is not allowed for depth ${L}; give one value or ${L} (one per weight layer)`,
      ),
    );
  const vals = list.map((x, i) => {
    const f = rational(n, Array.isArray(v) ? `${field}[${i}]` : field, x);
    if (f.s < 0n && !f.equals(0))
      throw new InputError(n.plain(field, `${f.toFraction()} is negative; a variance must be >= 0`));
    return f;
  });
  return vals.length === 1 ? Array.from({ length: L }, () => vals[0]) : vals;
}

function network(n: Naming, o: NetworkInput): NetworkSpec {
  const act = activation(n, o.activation);
  const givenDepth = o.depth === undefined ? undefined : positiveInt(n, 'depth', o.depth);
  if (givenDepth !== undefined) completing(n, 'depth', (what) => checkDepth(givenDepth, what));
  const hidden = hiddenWidths(n, o, givenDepth);
  const L = givenDepth ?? (hidden ? hidden.length + 1 : undefined);
  if (L === undefined)
    throw new InputError(n.message('depth', `is missing (or give ${n.name('hidden_widths')}, from which it follows)`));
  completing(n, 'depth', (what) => checkDepth(L, what));
  const sw2 = perLayer(n, 'sigma_w2', o.sigma_w2, L, eocSigmaW2(act));
  const sb2 = perLayer(n, 'sigma_b2', o.sigma_b2, L, new Fraction(0));
  const anyBias = sb2.some((v) => !v.equals(0));
  const bias: BiasMode = o.bias === undefined ? (anyBias ? 'present' : 'absent') : oneOf(n, 'bias', o.bias, BIAS_MODES);
  if (bias !== 'present' && anyBias)
    throw new InputError(
      n.plain('bias', `${bias} contradicts a nonzero ${n.name('sigma_b2')} (the bias variance); use present`),
    );
  const parameterization: Parameterization =
    o.parameterization === undefined ? 'ntk' : oneOf(n, 'parameterization', o.parameterization, PARAMETERIZATIONS);
  const weights: WeightLaw | undefined =
    o.weights === undefined ? undefined : oneOf(n, 'weights', o.weights, WEIGHT_LAWS);
  const reluPrimeAt0: ReluPrimeAtZero | undefined =
    o.relu_prime_at_0 === undefined
      ? undefined
      : oneOf(n, 'relu_prime_at_0', o.relu_prime_at_0 === 0.5 ? '1/2' : o.relu_prime_at_0, RELU_PRIME);
  return markValidated({
    activation: act,
    depth: L,
    parameterization,
    bias,
    layers: sw2.map((w, l) => ({ sigmaW2: w, sigmaB2: sb2[l] })),
    ...(hidden ? { hiddenWidths: hidden } : {}),
    ...(weights ? { weights } : {}),
    ...(reluPrimeAt0 ? { reluPrimeAt0 } : {}),
  });
}

/** The accepted fields, for the message about an unknown one. */
const FIELD_LIST = Object.keys(networkInput.shape).join(', ');

/**
 * Zod's own findings (not an object, an unknown field) as one line in the same form as the rest.
 * `fields` lists the accepted fields; `example` is a valid object.
 */
export function structureMessage(where: string, issue: z.core.$ZodIssue, fields: string, example: string): string {
  const at = [where, ...issue.path.map(String)].filter((p) => p !== '').join('.');
  if (issue.code === 'unrecognized_keys')
    return `${at}: unknown field "${issue.keys[0]}" is not allowed; the fields are ${fields}, e.g. ${example}`;
  const input = (issue as { input?: unknown }).input;
  return `${at}: ${show(input)} is not allowed (${issue.message.replace(/^Invalid input: /, '')}); e.g. ${example}`;
}

const EXAMPLE = '{"activation": "relu", "depth": 3, "sigma_w2": 2, "hidden_widths": [256, 256]}';

/** A network from its input form (a spec file's object, options converted to it, a library value). */
export function parseNetworkWith(n: Naming, json: unknown, where: string): NetworkSpec {
  const r = networkInput.safeParse(json, { reportInput: true });
  if (!r.success) throw new InputError(structureMessage(where, r.error.issues[0], FIELD_LIST, EXAMPLE));
  return network(n, r.data);
}

/** A network from JSON or YAML data; messages name the fields under `where` ("network", "run.yaml: spec"). */
export function parseNetwork(json: unknown, where = 'network'): NetworkSpec {
  return parseNetworkWith(jsonNaming(where), json, where);
}
