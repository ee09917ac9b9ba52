import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { NetworkSpec } from '../spec/network.js';
import { fillRows, type GramTask } from './gramCore.js';
import { checkDataset } from './inputs.js';
import { layerCoefficients } from './layers.js';

/** NNGP and NTK Gram matrices between two datasets (conventions.md recursion, canonical). */
export interface GramResult {
  readonly rows: number;
  readonly cols: number;
  readonly symmetric: boolean;
  /** 1-based layer numbers of the matrices below. */
  readonly layers: number[];
  /** One row-major rows x cols matrix per entry of `layers`. */
  readonly nngp: Float64Array[];
  readonly ntk: Float64Array[];
}

export interface GramOptions {
  /** All layers 1..L instead of the last one only. */
  readonly allLayers?: boolean;
  /** Worker threads; default: all cores when the matrix is large enough to gain from them. */
  readonly workers?: number;
  /** Called with the number of finished rows (for progress bars). */
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

/** Below this many entry-layers a single thread is faster than starting workers. */
const PARALLEL_THRESHOLD = 2e6;
/** Refuse outputs that cannot fit comfortably in memory, instead of crashing. */
const MAX_OUTPUT_DOUBLES = 4e8;

function prepare(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[] | undefined,
  allLayers: boolean,
): GramTask {
  const dim = checkDataset(x, 'inputs');
  if (y) checkDataset(y, 'second dataset', dim);
  const c = layerCoefficients(spec, dim);
  const layers = allLayers ? Array.from({ length: c.depth }, (_, l) => l) : [c.depth - 1];
  const cols = (y ?? x).length;
  if (2 * layers.length * x.length * cols > MAX_OUTPUT_DOUBLES) {
    throw new InputError(
      `the requested Gram matrices would hold ${2 * layers.length * x.length * cols} numbers; ask for the last layer only (drop --all-layers) or fewer inputs`,
    );
  }
  return {
    coefficients: c,
    x: Float64Array.from(x.flat()),
    y: Float64Array.from((y ?? x).flat()),
    rows: x.length,
    cols,
    dim,
    symmetric: !y,
    layers,
  };
}

function split(task: GramTask, buffer: Float64Array): Float64Array[] {
  const size = task.rows * task.cols;
  return task.layers.map((_, k) => buffer.slice(k * size, (k + 1) * size));
}

function result(task: GramTask, nngp: Float64Array, ntk: Float64Array): GramResult {
  return {
    rows: task.rows,
    cols: task.cols,
    symmetric: task.symmetric,
    layers: task.layers.map((l) => l + 1),
    nngp: split(task, nngp),
    ntk: split(task, ntk),
  };
}

/** Single-threaded Gram matrices; x2 omitted means the symmetric Gram of x with itself. */
export function gramMatrices(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y?: readonly (readonly number[])[],
  options: GramOptions = {},
): GramResult {
  const task = prepare(spec, x, y, options.allLayers ?? false);
  const n = task.layers.length * task.rows * task.cols;
  const out = { nngp: new Float64Array(n), ntk: new Float64Array(n) };
  fillRows(task, out, 0, task.rows);
  options.onProgress?.(task.rows, task.rows);
  return result(task, out.nngp, out.ntk);
}

const workerUrl = new URL('./gramWorker.js', import.meta.url);

/**
 * Gram matrices on worker threads (row blocks shared out block-cyclically); the entries are
 * bit-identical to gramMatrices because both run fillRows. Falls back to one thread for small
 * matrices, or when running from TypeScript sources where no compiled worker exists.
 */
export async function gramMatricesParallel(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y?: readonly (readonly number[])[],
  options: GramOptions = {},
): Promise<GramResult> {
  const task = prepare(spec, x, y, options.allLayers ?? false);
  const work = task.rows * task.cols * task.coefficients.depth;
  const count = Math.max(
    1,
    Math.min(options.workers ?? (work >= PARALLEL_THRESHOLD ? availableParallelism() : 1), Math.ceil(task.rows / 16)),
  );
  if (count === 1 || !existsSync(fileURLToPath(workerUrl))) return gramMatrices(spec, x, y, options);
  const n = task.layers.length * task.rows * task.cols;
  const nngp = new SharedArrayBuffer(n * 8);
  const ntk = new SharedArrayBuffer(n * 8);
  let done = 0;
  await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(workerUrl);
          worker.on('message', (m: { type: string; rows?: number }) => {
            if (m.type === 'progress') {
              done += m.rows!;
              options.onProgress?.(done, task.rows);
            } else {
              void worker.terminate();
              resolve();
            }
          });
          worker.on('error', reject);
          worker.postMessage({ task, nngp, ntk, index, count });
        }),
    ),
  );
  return result(task, new Float64Array(nngp), new Float64Array(ntk));
}
