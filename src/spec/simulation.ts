import { z } from 'zod';
import { InputError } from '../errors.js';
import { checkDataset } from '../kernels/inputs.js';
import { bytesText } from '../util/limits.js';
import { completing, jsonNaming, type Naming, show } from './naming.js';
import type { NetworkSpec, WeightLaw } from './network.js';
import { parseSeed } from './numbers.js';
import { markValidated, oneOf, parseNetworkWith, positiveInt, structureMessage } from './schema.js';

export type SamplerChoice = 'dense' | 'reduced' | 'auto';
export type GeneratorName = 'fast' | 'stdlib';

/** A simulation as the user asks for it; `simulate` (library and CLI) runs it. */
export interface SimulationConfig {
  readonly spec: NetworkSpec;
  readonly inputs: readonly (readonly number[])[];
  readonly outDim?: number;
  readonly law?: WeightLaw;
  readonly sampler?: SamplerChoice;
  /** Also sample dK of the first SGD step (dense sampler, scalar output). */
  readonly update?: boolean;
  readonly seed: number;
  readonly samples: number;
  readonly generator?: GeneratorName;
}

/**
 * The simulation schema (docs/spec.md): the network under `spec` (alias `network`) and the run.
 * Its output form is the run description that `simulate --json` and its shards write.
 */
export const simulationInput = z.strictObject({
  spec: z.unknown().optional(),
  network: z.unknown().optional(),
  inputs: z.unknown().optional(),
  out_dim: z.unknown().optional(),
  weights: z.unknown().optional(),
  seed: z.unknown().optional(),
  samples: z.unknown().optional(),
  sampler: z.unknown().optional(),
  generator: z.unknown().optional(),
  update: z.unknown().optional(),
  block_size: z.unknown().optional(),
});

export type SimulationInput = z.input<typeof simulationInput>;

/**
 * At most 2^30 networks a run: a run lists its blocks of 64 networks in memory and in its shard
 * files (2^24 blocks, 128 MiB), and 2^30 networks already take hours for the smallest network.
 */
export const MAX_SAMPLES = 2 ** 30;

const FIELD_LIST = Object.keys(simulationInput.shape).join(', ');
const EXAMPLE = '{"spec": {"depth": 3, "sigma_w2": 2, "width": 64}, "inputs": [[1, 0]], "samples": 1000, "seed": 0}';

/** An input dataset: a non-empty array of equal-length arrays of finite numbers. */
export function parseInputs(n: Naming, field: string, v: unknown, label?: string): number[][] {
  return completing(n, field, (what) => {
    checkDataset(v as number[][], label ?? what);
    return (v as number[][]).map((r) => [...r]);
  });
}

/** The run description parsed with a naming (file fields or options); the network is given separately or under spec. */
export function parseSimulationWith(n: Naming, json: unknown, where: string, spec?: NetworkSpec): SimulationConfig {
  const r = simulationInput.safeParse(json, { reportInput: true });
  if (!r.success) throw new InputError(structureMessage(where, r.error.issues[0], FIELD_LIST, EXAMPLE));
  const o = r.data;
  if (o.spec !== undefined && o.network !== undefined)
    throw new InputError(n.message('spec', `is not allowed beside ${n.name('network')}; give one of them`));
  const netJson = o.spec ?? o.network;
  if (spec === undefined && netJson === undefined)
    throw new InputError(`${where}: the network is missing; give it under "spec", e.g. ${EXAMPLE}`);
  const net = spec ?? parseNetworkWith(jsonNaming(where === '' ? 'spec' : `${where}.spec`), netJson, 'spec');
  if (o.inputs === undefined) throw new InputError(n.message('inputs', 'is missing'));
  const inputs = parseInputs(n, 'inputs', o.inputs);
  const law: WeightLaw | undefined =
    o.weights === undefined ? undefined : oneOf(n, 'weights', o.weights, ['gaussian', 'uniform'] as const);
  if (law !== undefined && net.weights !== undefined && law !== net.weights)
    throw new InputError(n.message('weights', `${law} contradicts the network's weights ${net.weights}`));
  const weights = law ?? net.weights ?? 'gaussian';
  if (o.samples === undefined) throw new InputError(n.message('samples', 'is missing'));
  const samples = positiveInt(n, 'samples', o.samples);
  if (samples < 2 || samples > MAX_SAMPLES)
    throw new InputError(
      n.message(
        'samples',
        `${show(o.samples)} is not allowed ` +
          `(${samples < 2 ? 'a standard error needs two networks' : `${tooMany(samples)}`})`,
      ),
    );
  const seed = o.seed === undefined ? 0 : seedOf(n, o.seed);
  const update = o.update === undefined ? false : o.update;
  if (typeof update !== 'boolean') throw new InputError(n.message('update', `${show(update)} is not allowed`));
  return markValidated({
    spec: markValidated({ ...net, weights }),
    inputs,
    outDim: o.out_dim === undefined ? 1 : positiveInt(n, 'out_dim', o.out_dim),
    law: weights,
    sampler: o.sampler === undefined ? 'auto' : oneOf(n, 'sampler', o.sampler, ['dense', 'reduced', 'auto'] as const),
    update,
    seed,
    samples,
    generator: o.generator === undefined ? 'fast' : oneOf(n, 'generator', o.generator, ['fast', 'stdlib'] as const),
  });
}

/** Why a run of more than MAX_SAMPLES networks is refused, and what to do instead. */
function tooMany(samples: number): string {
  const blocks = Math.ceil(samples / 64);
  return (
    `${blocks.toPrecision(3)} blocks of 64 networks, whose list alone would take ${bytesText(8 * blocks)}; ` +
    'a run holds at most 2^30 = 1073741824 networks: for more, run several --seed values and average their results'
  );
}

function seedOf(n: Naming, v: unknown): number {
  if (typeof v !== 'number' && typeof v !== 'string')
    throw new InputError(n.message('seed', `${show(v)} is not allowed (not a number)`));
  return completing(n, 'seed', (what) => parseSeed(String(v), what));
}

/** A simulation from JSON or YAML data; messages name the fields under `where`. */
export function parseSimulation(json: unknown, where = 'simulation'): SimulationConfig {
  return parseSimulationWith(jsonNaming(where), json, where);
}
