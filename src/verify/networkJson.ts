import { z } from 'zod';
import { type Activation, fromCoefficients, preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { MAX_DEPTH } from '../kernels/layers.js';
import type { WeightLaw } from '../montecarlo/random.js';
import { specJson } from '../spec/json.js';
import type { BiasMode, NetworkSpec } from '../spec/network.js';
import { Fraction, parseRational } from '../util/exact.js';

/**
 * The `network` of a results row: the object ntkcalc's own --json outputs carry under `spec`
 * (src/spec/json.ts), plus the weight law and the convention for ReLU'(0) that a user's own
 * simulation needs to state.
 */

const rational = z.union([z.number(), z.string()]).superRefine((v, ctx) => {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    ctx.addIssue({ code: 'custom', message: `${v} is not a finite number` });
    return;
  }
  try {
    if (parseRational(String(v), 'value').s < 0n) ctx.addIssue({ code: 'custom', message: `${v} is negative` });
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a number (write 2, 0.5 or 1/2)` });
  }
});
const perLayer = z.union([rational, z.array(rational).min(1)]);
const width = z.number().int().min(1);

type PerLayer = z.infer<typeof perLayer>;

function layerValues(v: PerLayer | undefined, L: number): Fraction[] {
  if (v === undefined) return Array.from({ length: L }, () => new Fraction(0));
  const list = (Array.isArray(v) ? v : [v]).map((x) => parseRational(String(x), 'value'));
  return list.length === 1 ? Array.from({ length: L }, () => list[0]) : list;
}

/** layerValues, or null where a value does not parse (the schema reports that one). */
function layerValuesOrNull(v: PerLayer | undefined, L: number): Fraction[] | null {
  try {
    return layerValues(v, L);
  } catch {
    return null;
  }
}

export const networkSchema = z
  .object({
    activation: z.union([
      z.string().min(1).describe('a preset: relu, abs, linear, leaky:<alpha>, abrelu:<neg>,<pos>'),
      z.object({
        name: z.string().optional(),
        a: rational.describe('coefficient a of phi(s) = a s + b|s|'),
        b: rational.describe('coefficient b'),
      }),
    ]),
    depth: z.number().int().min(1).max(MAX_DEPTH).describe('number of weight layers L'),
    hidden_widths: z.array(width).optional().describe('hidden widths n_1..n_{L-1}'),
    widths: z.array(width).optional().describe('the same as hidden_widths'),
    sigma_w2: perLayer.describe('weight gain: one value, or one per layer'),
    sigma_b2: perLayer.optional().describe('bias variance: one value, or one per layer (default 0)'),
    parameterization: z.enum(['ntk', 'standard']).default('ntk'),
    bias: z.enum(['absent', 'present', 'zero-init']).optional().describe('default: present when some sigma_b2 > 0'),
    weights: z.enum(['gaussian', 'uniform']).default('gaussian'),
    relu_prime_at_0: z
      .union([z.literal(0), z.literal(0.5), z.literal('1/2')])
      .optional()
      .describe("phi'(0) the user's autodiff takes: 0 (PyTorch, JAX) or 1/2; default a (the canonical convention)"),
  })
  .superRefine((n, ctx) => {
    if (n.hidden_widths !== undefined && n.widths !== undefined)
      ctx.addIssue({ code: 'custom', path: ['widths'], message: 'give hidden_widths or widths, not both' });
    const hidden = n.hidden_widths ?? n.widths;
    if (hidden === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['hidden_widths'],
        message: `missing: a depth-${n.depth} network needs ${n.depth - 1} hidden widths, e.g. [64, 64]`,
      });
    else if (hidden.length !== n.depth - 1)
      ctx.addIssue({
        code: 'custom',
        path: [n.hidden_widths ? 'hidden_widths' : 'widths'],
        message: `${hidden.length} widths do not match depth ${n.depth} (a depth-L network has L - 1 hidden widths)`,
      });
    if (
      n.bias !== undefined &&
      n.bias !== 'present' &&
      layerValuesOrNull(n.sigma_b2, n.depth)?.some((v) => !v.equals(0))
    )
      ctx.addIssue({
        code: 'custom',
        path: ['bias'],
        message: `"${n.bias}" contradicts a nonzero sigma_b2 (use "present", or sigma_b2 0)`,
      });
    for (const key of ['sigma_w2', 'sigma_b2'] as const) {
      const v = n[key];
      if (Array.isArray(v) && v.length !== 1 && v.length !== n.depth)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${v.length} values do not match depth ${n.depth} (give one value or one per layer)`,
        });
    }
  });

export type NetworkJson = z.infer<typeof networkSchema>;

/** What the validator works from: the canonical spec, the weight law and phi'(0). */
export interface RowNetwork {
  readonly spec: NetworkSpec;
  readonly law: WeightLaw;
  /** phi'(0) the user's simulation used: 'a' (canonical, the sampler's) or 0 (PyTorch/JAX). */
  readonly primeAtZero: 'a' | 0;
}

function activationOf(a: NetworkJson['activation']): Activation {
  return typeof a === 'string' ? preset(a) : fromCoefficients(String(a.a), String(a.b), a.name);
}

/** The canonical spec of a schema-checked network, or why it is outside phi = a s + b|s|. */
export function rowNetwork(n: NetworkJson): RowNetwork | { outside: string } {
  let activation: Activation;
  try {
    activation = activationOf(n.activation);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { outside: `activation outside the family phi(s) = a s + b|s|: ${e.message}` };
  }
  const L = n.depth;
  const sw2 = layerValues(n.sigma_w2, L);
  const sb2 = layerValues(n.sigma_b2, L);
  const bias: BiasMode = n.bias ?? (sb2.some((v) => !v.equals(0)) ? 'present' : 'absent');
  const prime = n.relu_prime_at_0;
  return {
    spec: {
      activation,
      depth: L,
      parameterization: n.parameterization,
      bias,
      layers: sw2.map((w, l) => ({ sigmaW2: w, sigmaB2: sb2[l] })),
      hiddenWidths: n.hidden_widths ?? n.widths,
    },
    law: n.weights,
    primeAtZero: prime === undefined || prime !== 0 ? 'a' : 0,
  };
}

/** The results-file form of a spec (what simulate --json writes under `spec`, with the law). */
export function networkJsonOf(spec: NetworkSpec, law: WeightLaw): NetworkJson {
  const j = specJson(spec);
  return { ...j, hidden_widths: j.hidden_widths && [...j.hidden_widths], weights: law };
}
