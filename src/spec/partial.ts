import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { show } from './naming.js';
import { parseSimulation, type SimulationConfig } from './simulation.js';

/**
 * The file that `ntkcalc simulate --shard i/k` writes and `ntkcalc merge` reads: the run (the
 * simulation schema's output form), which shard it is, its exact block sums and a checksum of all
 * of that. This checks the checksum and every field's type and range; montecarlo/simulation.ts then
 * recomputes the counts from the blocks.
 */
export const PARTIAL_KIND = 'ntkcalc-montecarlo-partial';

const partialInput = z.strictObject({
  kind: z.unknown(),
  version: z.unknown(),
  config: z.unknown(),
  shard: z.unknown(),
  totals: z.unknown(),
  checksum: z.unknown().optional(),
});

/** What a partial result holds besides its checksum. */
export interface PartialContent {
  readonly kind: unknown;
  readonly version: unknown;
  readonly config: unknown;
  readonly shard: unknown;
  readonly totals: unknown;
}

/**
 * "sha256:" and the SHA-256 of the content in the JSON Canonicalization Scheme (RFC 8785, the
 * canonicalize package): the same for any key order, spacing or number spelling of the same values,
 * so reformatting a file keeps it, while any change of a value (an exact sum edited so that its
 * power sums stay consistent, which no other check can notice) breaks it.
 */
export function partialChecksum(content: PartialContent): string {
  const { kind, version, config, shard, totals } = content;
  let text: string;
  try {
    text = canonicalize({ kind, version, config, shard, totals }) ?? '';
  } catch {
    // Values JSON cannot hold (NaN, a BigInt) are in no file ntkcalc wrote.
    return 'sha256:none';
  }
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

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
        'version, config, shard, totals and checksum)',
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
  // After the fields, so that a value of the wrong kind is named; then any other change is caught here.
  if (o.checksum === undefined)
    throw new InputError(
      `${file} has no checksum: it was written by ntkcalc before 2026-12-01 or edited; ` +
        'rerun its shard with this version',
    );
  if (o.checksum !== partialChecksum(o))
    throw new InputError(
      `${file}: the checksum does not match the contents: the file was edited or damaged after ntkcalc wrote it; ` +
        'rerun its shard',
    );
  return {
    config,
    configJson,
    blockSize: configJson.block_size as number,
    shard: { index: shard.index as number, count: shard.count as number },
    totals: t as CheckedPartial['totals'],
  };
}
