import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../errors.js';
import { pairKernels } from '../kernels/pair.js';
import { specJson } from '../spec/json.js';
import { type CheckedPartial, PARTIAL_KIND, parsePartial, partialChecksum } from '../spec/partial.js';
import type { SimulationConfig } from '../spec/simulation.js';
import { VERSION } from '../version.js';
import { checkDenseSize, checkUpdate } from './dense.js';
import { type SampleLayout, sampleLayout } from './layout.js';
import { checkKernelRange, checkRunMemory } from './limits.js';
import { mcNetwork } from './network.js';
import { checkSeed } from './random.js';
import { checkReducible } from './reduced.js';
import { blockCount, type Job, type RunOptions, runJob, type SamplerKind, type Shard, shardBlocks } from './run.js';
import { BLOCK_SIZE, type SerializedTotals, summarize, Totals } from './statistics.js';

export type { SimulationConfig };

export function makeJob(c: SimulationConfig): Job {
  checkSeed(c.seed);
  if (!Number.isInteger(c.samples) || c.samples < 2)
    throw new InputError(`--samples must be an integer >= 2 (a standard error needs two networks), got ${c.samples}`);
  const net = mcNetwork(c.spec, c.inputs, { outDim: c.outDim, law: c.law });
  const wanted = c.sampler ?? 'auto';
  if (wanted === 'reduced' && c.update)
    throw new InputError('the SGD update dK needs the dense sampler (--sampler dense or auto)');
  const sampler: SamplerKind = wanted === 'auto' ? (net.law === 'gaussian' && !c.update ? 'reduced' : 'dense') : wanted;
  // The samplers check these too, but only when built (in each worker); a bad run should stop here.
  if (sampler === 'reduced') checkReducible(net);
  else checkDenseSize(net);
  if (c.update) checkUpdate(net);
  checkRunMemory(net, sampler, c.update ?? false);
  checkKernelRange(c.spec, c.inputs);
  return {
    net,
    sampler,
    update: c.update ?? false,
    seed: c.seed,
    samples: c.samples,
    generator: c.generator ?? 'fast',
  };
}

/** The JSON description of a run: two partial results merge only if these are equal. */
function configJson(c: SimulationConfig, job: Job) {
  return {
    spec: specJson({ ...c.spec, weights: job.net.law }),
    inputs: c.inputs,
    out_dim: job.net.outDim,
    weights: job.net.law,
    seed: job.seed,
    samples: job.samples,
    sampler: job.sampler,
    generator: job.generator,
    update: job.update,
    block_size: BLOCK_SIZE,
  };
}

export type ConfigJson = ReturnType<typeof configJson>;

const matrix = (v: Float64Array, from: number, rows: number, cols: number) =>
  Array.from({ length: rows }, (_, i) => Array.from(v.subarray(from + i * cols, from + (i + 1) * cols)));

export interface Quantity {
  mean: number[][];
  se: number[][];
  infinite_width?: number[][];
  second_moment_ratio?: number[][];
  second_moment_ratio_se?: number[][];
}

/**
 * The result of a run: each quantity's mean and standard error over networks beside the
 * infinite-width value (docs/conventions.md recursion via kernels/pair.ts), which differs from the
 * finite-width mean by O(depth/width).
 */
export interface SimulationResult extends ConfigJson {
  version: string;
  networks: number;
  convention: string;
  quantities: Record<string, Quantity | (Quantity & { layer: number })[]>;
}

function resultJson(c: SimulationConfig, job: Job, totals: Totals): SimulationResult {
  const lay: SampleLayout = sampleLayout(job.net, job);
  const s = summarize(totals);
  const N = lay.count;
  const M = lay.columns;
  const d = job.net.outDim;
  const L = job.net.depth;
  const layered = Array.from({ length: N }, (_, a) =>
    Array.from({ length: N }, (_, b) => pairKernels(c.spec, [...c.inputs[a]], [...c.inputs[b]])),
  );
  const pairs = layered.map((r) => r.map((p) => p[L - 1]));
  const q = (from: number, rows: number, cols: number, extra: Partial<Quantity> = {}): Quantity => ({
    mean: matrix(s.mean, from, rows, cols),
    se: matrix(s.se, from, rows, cols),
    ...extra,
  });
  const quantities: SimulationResult['quantities'] = {
    output: q(lay.output, N, d),
    nngp: q(lay.nngp, N, N, { infinite_width: pairs.map((r) => r.map((p) => p.nngp.xy)) }),
    ntk: q(lay.ntk, M, M, {
      infinite_width: Array.from({ length: M }, (_, i) =>
        Array.from({ length: M }, (_, j) => (i % d === j % d ? pairs[Math.floor(i / d)][Math.floor(j / d)].ntk.xy : 0)),
      ),
      second_moment_ratio: matrix(s.ratio, lay.ntk, M, M),
      second_moment_ratio_se: matrix(s.ratioSe, lay.ntk, M, M),
    }),
    nngp_layers: Array.from({ length: L }, (_, l) => ({
      layer: l + 1,
      ...q(lay.nngpLayers + l * N * N, N, N, { infinite_width: layered.map((r) => r.map((p) => p[l].nngp.xy)) }),
    })),
    ntk_layers: Array.from({ length: L }, (_, l) => ({ layer: l + 1, ...q(lay.layers + l * M * M, M, M) })),
  };
  if (job.update) quantities.update = q(lay.update, N, 1);
  return {
    version: VERSION,
    ...configJson(c, job),
    networks: totals.count,
    convention:
      'canonical (docs/conventions.md): NTK summed over trainable parameters; ntk rows/columns are (input a, ' +
      "output k) -> a*out_dim + k; nngp is Sigma^(L) = sigma_w,L^2/n_{L-1} <h^(L-1), h^(L-1)'> + sigma_b,L^2; " +
      'update is dK(x_a,x_a)/lambda of one SGD step on {x_a} with target 0 (docs/theory.md H1)',
    quantities,
  };
}

/** Runs a whole simulation (all networks). */
export async function simulate(
  c: SimulationConfig,
  options: Omit<RunOptions, 'shard'> = {},
): Promise<SimulationResult> {
  const job = makeJob(c);
  return resultJson(c, job, await runJob(job, options));
}

export interface PartialResult {
  kind: typeof PARTIAL_KIND;
  version: string;
  config: ConfigJson;
  shard: Shard;
  totals: SerializedTotals;
  /** partialChecksum of the rest (spec/partial.ts): merge refuses a file whose contents were changed. */
  checksum: string;
}

/** Runs shard i/k of a simulation: a partial result for `mergePartials`. */
export async function simulateShard(
  c: SimulationConfig,
  shard: Shard,
  options: Omit<RunOptions, 'shard'> = {},
): Promise<PartialResult> {
  const job = makeJob(c);
  const totals = await runJob(job, { ...options, shard });
  const content: Omit<PartialResult, 'checksum'> = {
    kind: PARTIAL_KIND,
    version: VERSION,
    config: configJson(c, job),
    shard,
    totals: totals.serialize(),
  };
  return { ...content, checksum: partialChecksum(content) };
}

/**
 * Combines the partial results of all k shards into exactly (bit for bit) the unsharded run's
 * result: statistics.ts sums are independent of grouping. Refuses different runs and gaps.
 */
export function mergePartials(parts: readonly unknown[], names: readonly string[]): SimulationResult {
  if (parts.length === 0) throw new InputError('merge needs at least one partial result file');
  const checked = parts.map((p, i) => parsePartial(p, names[i]));
  const first = checked[0];
  checked.forEach((r, i) => {
    const key = Object.keys(first.configJson).find((k) => !isDeepStrictEqual(r.configJson[k], first.configJson[k]));
    if (key !== undefined)
      throw new InputError(
        `${names[i]} comes from a different run than ${names[0]} (its ${key} differs); ` +
          'only shards of one run (same spec, inputs, seed, samples, sampler) can be merged',
      );
  });
  if (first.blockSize !== BLOCK_SIZE)
    throw new InputError(
      `${names[0]} was written with blocks of ${first.blockSize} networks; ` +
        `this version of ntkcalc uses ${BLOCK_SIZE}: rerun the shards with it`,
    );
  const c = first.config;
  const job = makeJob(c);
  const size = sampleLayout(job.net, job).size;
  checked.forEach((r, i) => checkShardTotals(r, names[i], job.samples, size));
  const totals = Totals.deserialize(first.totals);
  for (const r of checked.slice(1)) totals.merge(r.totals);
  const expected = blockCount(job.samples);
  if (totals.blocks.length !== expected) {
    const have = new Set(totals.blocks);
    const missing = Array.from({ length: expected }, (_, b) => b).filter((b) => !have.has(b));
    throw new InputError(
      `the partial results cover ${totals.blocks.length} of ${expected} blocks (missing blocks ` +
        `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}); merge the files of all ` +
        `${first.shard.count} shards`,
    );
  }
  return resultJson(c, job, totals);
}

/**
 * The totals of one shard against what its run implies: its blocks are those of shard i/k, its
 * count is the number of networks in those blocks, and it holds four power sums per scalar of the
 * run's layout. A file that fails was edited or truncated; merging it would print wrong numbers.
 */
function checkShardTotals(r: CheckedPartial, file: string, samples: number, size: number): void {
  const edited = `; ${file} was edited or truncated: rerun shard ${r.shard.index}/${r.shard.count}`;
  let want: number[];
  try {
    want = shardBlocks(samples, r.shard);
  } catch {
    throw new InputError(
      `${file}: shard ${r.shard.index}/${r.shard.count} does not fit a run of ${samples} networks${edited}`,
    );
  }
  const have = [...r.totals.blocks].sort((x, y) => x - y);
  if (!isDeepStrictEqual(have, want))
    throw new InputError(
      `${file}: totals.blocks ${have[0]}..${have.at(-1)} (${have.length}) are not the blocks ` +
        `${want[0]}..${want.at(-1)} of shard ${r.shard.index}/${r.shard.count} of ${samples} networks${edited}`,
    );
  const count = want.reduce((n, b) => n + Math.min(BLOCK_SIZE, samples - b * BLOCK_SIZE), 0);
  if (r.totals.count !== count)
    throw new InputError(
      `${file}: totals.count ${r.totals.count} does not match its ${want.length} blocks, ` +
        `which hold ${count} networks${edited}`,
    );
  if (r.totals.size !== size || r.totals.partials.length !== 4 * size)
    throw new InputError(
      `${file}: totals hold ${r.totals.partials.length} sums of ${r.totals.size} scalars; ` +
        `this run has ${size} scalars per network, so 4 x ${size} = ${4 * size} sums${edited}`,
    );
  checkPowerSums(r.totals.partials, size, r.totals.count, file, edited);
}

/**
 * Power sums of real numbers obey n sum x^2 >= (sum x)^2 and n sum x^4 >= (sum x^2)^2 (Cauchy-
 * Schwarz), with sum x^2 and sum x^4 >= 0; an edited sum usually breaks one of them. (An edit that
 * keeps them cannot be told from a real run without rerunning the shard.)
 */
function checkPowerSums(partials: readonly number[][], size: number, count: number, file: string, edited: string) {
  const value = (k: number) => partials[k].reduce((s, x) => s + x, 0);
  const slack = 1 + 1e-9;
  for (let i = 0; i < size; i++) {
    const [s1, s2, s4] = [value(i), value(size + i), value(3 * size + i)];
    if (!(s2 >= 0 && s4 >= 0 && count * s2 * slack >= s1 * s1 && count * s4 * slack >= s2 * s2))
      throw new InputError(
        `${file}: totals.partials for scalar ${i} (sum x = ${s1}, sum x^2 = ${s2}, sum x^4 = ${s4} over ${count} ` +
          `networks) are not the power sums of any ${count} numbers${edited}`,
      );
  }
}
