import { z } from 'zod';
import { InputError } from '../errors.js';
import { show } from './naming.js';
import { parseSimulation, type SimulationConfig } from './simulation.js';

/**
 * The file that `ntkcalc simulate --shard i/k` writes and `ntkcalc merge` reads: the run (the
 * simulation schema's output form), which shard it is and its exact block sums. This checks every
 * field's type and range; montecarlo/simulation.ts then recomputes the counts from the blocks.
 */
export const PARTIAL_KIND = 'ntkcalc-montecarlo-partial';

const partialInput = z.strictObject({
  kind: z.unknown(),
  version: z.unknown(),
  config: z.unknown(),
  shard: z.unknown(),
  totals: z.unknown(),
});

export interface CheckedPartial {
  readonly config: SimulationConfig;
  /** The run description as written, for comparing the files of one run. */
  readonly configJson: Record<string, unknown>;
  readonly blockSize: number;
  readonly shard: { index: number; count: number };
  readonly totals: { size: number; count: number; blocks: number[]; partials: number[][] };
}

const isInt = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

function field(file: string, name: string, v: unknown, accepted: string): never {
  throw new InputError(
    `${file}: ${name}: ${show(v)} is not allowed; ${accepted} (the file was edited or truncated: rerun its shard)`,
  );
}

function record(file: string, name: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    field(file, name, v, `an object with ${keys.join(', ')}`);
  const o = v as Record<string, unknown>;
  for (const k of keys) if (!(k in o)) field(file, `${name}.${k}`, undefined, `${name} has ${keys.join(', ')}`);
  const extra = Object.keys(o).find((k) => !keys.includes(k));
  if (extra) field(file, `${name}.${extra}`, o[extra], `an unknown field; ${name} has ${keys.join(', ')}`);
  return o;
}

/** A partial result file's data, checked field by field; messages name the file and the field. */
export function parsePartial(json: unknown, file: string): CheckedPartial {
  const r = partialInput.safeParse(json);
  const o = r.success ? r.data : undefined;
  if (!o || o.kind !== PARTIAL_KIND)
    throw new InputError(
      `${file} is not a partial result of ntkcalc simulate --shard (expected an object with kind "${PARTIAL_KIND}", ` +
        'version, config, shard and totals)',
    );
  if (typeof o.version !== 'string') field(file, 'version', o.version, 'the version of ntkcalc that wrote it');
  const configJson = record(file, 'config', o.config, [
    'spec',
    'inputs',
    'out_dim',
    'weights',
    'seed',
    'samples',
    'sampler',
    'generator',
    'update',
    'block_size',
  ]);
  const config = parseSimulation(configJson, `${file}: config`);
  if (!isInt(configJson.block_size, 1)) field(file, 'config.block_size', configJson.block_size, 'a positive integer');
  if (config.sampler === 'auto') field(file, 'config.sampler', 'auto', 'the sampler the run used: dense or reduced');
  const shard = record(file, 'shard', o.shard, ['index', 'count']);
  if (!isInt(shard.count, 1)) field(file, 'shard.count', shard.count, 'the number of shards k, a positive integer');
  if (!isInt(shard.index, 1) || shard.index > shard.count)
    field(file, 'shard.index', shard.index, `the shard number i, from 1 to k = ${shard.count}`);
  const t = record(file, 'totals', o.totals, ['size', 'count', 'blocks', 'partials']);
  if (!isInt(t.size, 1)) field(file, 'totals.size', t.size, 'the number of scalars per network, a positive integer');
  if (!isInt(t.count, 1))
    field(file, 'totals.count', t.count, 'the number of networks in the file, a positive integer');
  if (!Array.isArray(t.blocks) || t.blocks.length === 0 || !t.blocks.every((b) => isInt(b, 0)))
    field(file, 'totals.blocks', t.blocks, 'a non-empty list of block numbers (integers >= 0)');
  if (
    !Array.isArray(t.partials) ||
    !t.partials.every((p) => Array.isArray(p) && p.every((x) => typeof x === 'number' && Number.isFinite(x)))
  )
    field(file, 'totals.partials', t.partials, 'lists of finite numbers (the exact sums)');
  return {
    config,
    configJson,
    blockSize: configJson.block_size as number,
    shard: { index: shard.index as number, count: shard.count as number },
    totals: t as CheckedPartial['totals'],
  };
}
