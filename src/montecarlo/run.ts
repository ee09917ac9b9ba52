import { InputError } from '../errors.js';
import { runTasks, type TaskHandler } from '../parallel/pool.js';
import { denseSampler, type Sampler } from './dense.js';
import { LANES, networkStreams } from './laneStreams.js';
import { type McNetwork, type SampleLayout, sampleLayout } from './layout.js';
import type { Generator } from './random.js';
import { reducedSampler } from './reduced.js';
import { BLOCK_SIZE, BlockAccumulator, type BlockSums, Totals } from './statistics.js';

export type SamplerKind = 'dense' | 'reduced';

/** Everything that defines the numbers of a run (docs/theory.md M3); plain data, so it crosses to workers. */
export interface Job {
  readonly net: McNetwork;
  readonly sampler: SamplerKind;
  readonly update: boolean;
  readonly seed: number;
  readonly samples: number;
  readonly generator: Generator;
  /** Outputs and per-layer NNGPs only, without the backward pass (SampleLayout). */
  readonly forwardOnly?: boolean;
  /** Network i of the job draws from stream (seed, firstNetwork + i); default 0. */
  readonly firstNetwork?: number;
  /** Accumulate each network's row of this callback instead of its sample vector. */
  readonly perNetwork?: PerNetworkSpec;
}

/**
 * A per-network callback, named by module and export so that every worker thread can load it:
 * the export is a PerNetworkFactory, called once per thread with `args` (plain data).
 */
export interface PerNetworkSpec {
  /** URL of the module, e.g. new URL('./myStatistic.js', import.meta.url).href. */
  readonly module: string;
  readonly name: string;
  readonly args?: unknown;
}

/** Turns each network's sample vector into the row of scalars whose statistics a run keeps. */
export interface PerNetwork {
  readonly size: number;
  /** Writes the row of network `index` (of the seed) from its sample vector, laid out by SampleLayout. */
  row(sample: Float64Array, out: Float64Array, index: number): void;
}

export type PerNetworkFactory<Args = unknown> = (args: Args, layout: SampleLayout) => PerNetwork;

async function loadPerNetwork(job: Job): Promise<PerNetwork | undefined> {
  const spec = job.perNetwork;
  if (!spec) return undefined;
  const factory = ((await import(spec.module)) as Record<string, unknown>)[spec.name];
  if (typeof factory !== 'function') throw new Error(`${spec.module} has no per-network callback ${spec.name}`);
  return (factory as PerNetworkFactory)(spec.args, sampleLayout(job.net, job));
}

export interface Shard {
  /** 1-based shard number i of --shard i/k. */
  readonly index: number;
  readonly count: number;
}

export interface RunOptions {
  readonly workers?: number;
  /** Start `workers` threads even beyond the core count (parallel/pool.ts capWorkers). */
  readonly forceWorkers?: boolean;
  readonly shard?: Shard;
  readonly onProgress?: (networksDone: number, networksTotal: number) => void;
}

export function makeSampler(job: Job): Sampler {
  const options = { update: job.update, forwardOnly: job.forwardOnly };
  return job.sampler === 'dense' ? denseSampler(job.net, options) : reducedSampler(job.net, options);
}

export function blockCount(samples: number): number {
  return Math.ceil(samples / BLOCK_SIZE);
}

/** Blocks of shard i/k: a contiguous range, so shard files are easy to reason about. */
export function shardBlocks(samples: number, shard?: Shard): number[] {
  const total = blockCount(samples);
  if (!shard) return Array.from({ length: total }, (_, b) => b);
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1)
    throw new InputError(`--shard i/k: k must be a positive integer, got ${count}`);
  if (!Number.isInteger(index) || index < 1 || index > count)
    throw new InputError(`--shard i/k: i must be an integer from 1 to ${count}, got ${index}`);
  if (count > total)
    throw new InputError(
      `--shard ${index}/${count}: ${samples} networks make only ${total} blocks of ${BLOCK_SIZE}; use at most ` +
        `${total} shards`,
    );
  const from = Math.floor(((index - 1) * total) / count);
  const to = Math.floor((index * total) / count);
  return Array.from({ length: to - from }, (_, b) => from + b);
}

/** Networks of block b, accumulated in index order (statistics.ts explains why). */
export function runBlock(
  job: Job,
  sampler: Sampler,
  block: number,
  perNetwork?: PerNetwork,
  vector = new Float64Array(sampler.layout.size),
): BlockSums {
  const row = perNetwork ? new Float64Array(perNetwork.size) : vector;
  const acc = new BlockAccumulator(block, row.length);
  const first = job.firstNetwork ?? 0;
  const end = Math.min((block + 1) * BLOCK_SIZE, job.samples);
  for (let i0 = block * BLOCK_SIZE; i0 < end; i0 += LANES) {
    const count = Math.min(LANES, end - i0);
    const streams = networkStreams(job.seed, first + i0, count, job.generator, job.net.law);
    for (let j = 0; j < count; j++) {
      sampler.sample(streams[j], vector);
      perNetwork?.row(vector, row, first + i0 + j);
      acc.add(row);
    }
  }
  return acc.result();
}

function networksIn(job: Job, block: number): number {
  return Math.min((block + 1) * BLOCK_SIZE, job.samples) - block * BLOCK_SIZE;
}

/** A task of the pool: block `block` of job `job`. */
type BlockTask = readonly [job: number, block: number];

/**
 * The pool's handler of a list of jobs: loads their callbacks, builds a job's sampler when its
 * first block arrives (tasks come job by job, so one sampler is kept), answers with block sums.
 */
export async function jobsHandler(jobs: readonly Job[]): Promise<TaskHandler<BlockTask, BlockSums>> {
  const perNetwork = await Promise.all(jobs.map(loadPerNetwork));
  let current = -1;
  let sampler: Sampler | undefined;
  let vector = new Float64Array(0);
  return {
    run: ([j, block]) => {
      if (j !== current) {
        sampler = makeSampler(jobs[j]);
        vector = new Float64Array(sampler.layout.size);
        current = j;
      }
      return runBlock(jobs[j], sampler!, block, perNetwork[j], vector);
    },
    transfer: (r) => [r.sums.buffer as ArrayBuffer],
  };
}

const workerUrl = new URL('./worker.js', import.meta.url);

function checkJob(job: Job): void {
  if (!Number.isInteger(job.samples) || job.samples < 1)
    throw new InputError(`--samples must be a positive integer, got ${job.samples}`);
  const first = job.firstNetwork ?? 0;
  if (!Number.isInteger(first) || first < 0 || first + job.samples > 2 ** 53)
    throw new InputError(`networks ${first} to ${first + job.samples - 1} are beyond the stream indices [0, 2^53)`);
  if (job.forwardOnly && job.update)
    throw new InputError('the SGD update dK needs the backward pass: it cannot be sampled forward-only');
}

/** Runs the given blocks of each job on the worker pool; totals in job order. */
async function runBlocks(
  jobs: readonly Job[],
  blocks: readonly (readonly number[])[],
  options: Omit<RunOptions, 'shard'>,
): Promise<Totals[]> {
  jobs.forEach(checkJob);
  // The row sizes alone: a sampler in this thread would only be needed without workers (and the
  // dense one holds every weight matrix).
  const perNetwork = await Promise.all(jobs.map(loadPerNetwork));
  const totals = jobs.map((job, j) => new Totals(perNetwork[j]?.size ?? sampleLayout(job.net, job).size));
  const networks = jobs.reduce((s, job, j) => s + blocks[j].reduce((t, b) => t + networksIn(job, b), 0), 0);
  let done = 0;
  await runTasks({
    script: workerUrl,
    init: jobs,
    factory: jobsHandler,
    tasks: jobs.flatMap((_, j) => blocks[j].map((b): BlockTask => [j, b])),
    workers: options.workers,
    forceWorkers: options.forceWorkers,
    onResult: (r: BlockSums, [j]: BlockTask) => {
      totals[j].addBlock(r);
      done += r.count;
      options.onProgress?.(done, networks);
    },
  });
  return totals;
}

/**
 * Runs the job's blocks (all, or one shard's) on the worker pool and returns order-independent
 * totals: bit-identical for any worker count.
 */
export async function runJob(job: Job, options: RunOptions = {}): Promise<Totals> {
  checkJob(job);
  const [totals] = await runBlocks([job], [shardBlocks(job.samples, options.shard)], options);
  return totals;
}

/**
 * Runs several jobs on one pool (the workers start once and share out every job's blocks):
 * the totals of each job, bit-identical to its own runJob.
 */
export async function runJobs(jobs: readonly Job[], options: Omit<RunOptions, 'shard'> = {}): Promise<Totals[]> {
  jobs.forEach(checkJob);
  return runBlocks(
    jobs,
    jobs.map((job) => shardBlocks(job.samples)),
    options,
  );
}
