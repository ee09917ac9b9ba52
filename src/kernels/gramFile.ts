import { closeSync, openSync, writeSync } from 'node:fs';
import { InputError } from '../errors.js';
import { runTasks } from '../parallel/pool.js';
import type { NetworkSpec } from '../spec/network.js';
import { npyHeader } from '../util/npy.js';
import { gramTask } from './gram.js';
import { gramBlockHandler, type RowBlock } from './gramBlocks.js';
import { ROW_BLOCK } from './gramCore.js';

/** Shard `index` (1-based) of `count`: a contiguous range of the Gram matrix's rows. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface GramFileOptions {
  readonly allLayers?: boolean;
  readonly workers?: number;
  readonly forceWorkers?: boolean;
  readonly shard?: Shard;
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface GramFileResult {
  /** Rows [start, end) of the whole Gram matrix that the file holds. */
  readonly start: number;
  readonly end: number;
  readonly cols: number;
  /** 1-based layers, in the file's first axis when there are several. */
  readonly layers: number[];
  /** Shape of the array in the file. */
  readonly shape: number[];
}

/** Rows [start, end) of shard i of k: contiguous, sizes differing by at most one. */
export function shardRows(rows: number, shard: Shard | undefined): [number, number] {
  if (!shard) return [0, rows];
  if (shard.count > rows)
    throw new InputError(`--shard ${shard.index}/${shard.count}: more shards than the ${rows} rows of the Gram matrix`);
  return [Math.floor(((shard.index - 1) * rows) / shard.count), Math.floor((shard.index * rows) / shard.count)];
}

const workerUrl = new URL('./gramBlockWorker.js', import.meta.url);

/**
 * Writes the NNGP and NTK Gram matrices (docs/conventions.md recursion, canonical) to a NumPy .npy file
 * in blocks of rows, never holding the matrices: a float64 array of shape (2, rows, cols), [0] the
 * NNGP and [1] the NTK of the last layer, or (L, 2, rows, cols) for every layer. With a shard,
 * only its rows (shardRows). Entries are bit-identical to gramMatrices.
 */
export async function writeGramNpy(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[] | undefined,
  path: string,
  options: GramFileOptions = {},
): Promise<GramFileResult> {
  const task = gramTask(spec, x, y, options.allLayers ?? false);
  const [start, end] = shardRows(task.rows, options.shard);
  const rows = end - start;
  const { cols } = task;
  const layers = task.layers.length;
  const shape = options.allLayers ? [layers, 2, rows, cols] : [2, rows, cols];
  const header = npyHeader(shape);
  // Every file operation fails with one line (cannot write "gram.npy": ENOSPC), also mid-run.
  const io = <T>(operation: () => T): T => {
    try {
      return operation();
    } catch (e) {
      throw new InputError(`cannot write "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const fd = io(() => openSync(path, 'w'));
  // pwrite may write less than asked (a full disk, a file size limit): the rest goes again, and fails.
  const writeAt = (data: NodeJS.ArrayBufferView, offset: number, length: number, at: number) => {
    for (let done = 0; done < length; ) done += io(() => writeSync(fd, data, offset + done, length - done, at + done));
  };
  try {
    // The blocks land at their offsets as they arrive; together they cover the file.
    writeAt(header, 0, header.length, 0);
    const blocks: [number, number][] = [];
    for (let s = start; s < end; s += ROW_BLOCK) blocks.push([s, Math.min(end, s + ROW_BLOCK)]);
    let done = 0;
    await runTasks({
      script: workerUrl,
      init: task,
      factory: gramBlockHandler,
      tasks: blocks,
      workers: options.workers,
      forceWorkers: options.forceWorkers,
      onResult: (b: RowBlock) => {
        const n = (b.end - b.start) * cols;
        for (let k = 0; k < layers; k++) {
          for (const [m, matrix] of [b.nngp, b.ntk].entries()) {
            const at = header.length + 8 * (((2 * k + m) * rows + (b.start - start)) * cols);
            writeAt(matrix, 8 * k * n, 8 * n, at);
          }
        }
        done += b.end - b.start;
        options.onProgress?.(done, rows);
      },
    });
  } finally {
    closeSync(fd);
  }
  return { start, end, cols, layers: task.layers.map((l) => l + 1), shape };
}
