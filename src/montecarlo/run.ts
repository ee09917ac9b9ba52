import { InputError } from '../errors.js';
import { runTasks, type TaskHandler } from '../parallel/pool.js';
import { denseSampler, type Sampler } from './dense.js';
import { type McNetwork, sampleLayout } from './layout.js';
import { type Generator, networkStream } from './random.js';
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
  return job.sampler === 'dense' ? denseSampler(job.net, { update: job.update }) : reducedSampler(job.net);
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
      `--shard ${index}/${count}: ${samples} networks make only ${total} blocks of ${BLOCK_SIZE}; use at most ${total} shards`,
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
  vector = new Float64Array(sampler.layout.size),
): BlockSums {
  const acc = new BlockAccumulator(block, sampler.layout.size);
  const end = Math.min((block + 1) * BLOCK_SIZE, job.samples);
  for (let i = block * BLOCK_SIZE; i < end; i++) {
    sampler.sample(networkStream(job.seed, i, job.generator), vector);
    acc.add(vector);
  }
  return acc.result();
}

function networksIn(job: Job, block: number): number {
  return Math.min((block + 1) * BLOCK_SIZE, job.samples) - block * BLOCK_SIZE;
}

/** The pool's handler of a job: builds the sampler once, then answers block numbers with block sums. */
export function blockHandler(job: Job): TaskHandler<number, BlockSums> {
  const sampler = makeSampler(job);
  const vector = new Float64Array(sampler.layout.size);
  return {
    run: (block) => runBlock(job, sampler, block, vector),
    transfer: (r) => [r.sums.buffer as ArrayBuffer],
  };
}

const workerUrl = new URL('./worker.js', import.meta.url);

/**
 * Runs the job's blocks (all, or one shard's) on the worker pool and returns order-independent
 * totals: bit-identical for any worker count.
 */
export async function runJob(job: Job, options: RunOptions = {}): Promise<Totals> {
  if (!Number.isInteger(job.samples) || job.samples < 1)
    throw new InputError(`--samples must be a positive integer, got ${job.samples}`);
  const blocks = shardBlocks(job.samples, options.shard);
  // The layout alone: a sampler in this thread would only be needed without workers (and the
  // dense one holds every weight matrix).
  const totals = new Totals(sampleLayout(job.net, job.update).size);
  const networks = blocks.reduce((s, b) => s + networksIn(job, b), 0);
  let done = 0;
  await runTasks({
    script: workerUrl,
    init: job,
    factory: blockHandler,
    tasks: blocks,
    workers: options.workers,
    forceWorkers: options.forceWorkers,
    onResult: (r: BlockSums) => {
      totals.addBlock(r);
      done += r.count;
      options.onProgress?.(done, networks);
    },
  });
  return totals;
}
