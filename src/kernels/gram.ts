import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { runTasks } from '../parallel/pool.js';
import type { NetworkSpec } from '../spec/network.js';
import { fillRows, type GramTask, ROW_BLOCK } from './gramCore.js';
import { type GramShared, gramRowsHandler } from './gramRows.js';
import { checkDataset } from './inputs.js';
import { layerCoefficients } from './layers.js';

/** NNGP and NTK Gram matrices between two datasets (docs/conventions.md recursion, canonical). */
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
  /** Start `workers` threads even beyond the core count (parallel/pool.ts capWorkers). */
  readonly forceWorkers?: boolean;
  /** Called with the number of finished rows (for progress bars). */
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** 'js' runs the plain JavaScript block recursion instead of the WebAssembly SIMD kernel (same entries). */
  readonly kernel?: 'simd' | 'js';
}

/** Below this many entry-layers a single thread is faster than starting workers. */
const PARALLEL_THRESHOLD = 2e6;
/** Refuse outputs that cannot fit comfortably in memory, instead of crashing. */
const MAX_OUTPUT_DOUBLES = 4e8;

/** The Gram task of x against y (x itself when omitted), last layer or all layers; no size limit. */
export function gramTask(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[] | undefined,
  allLayers: boolean,
): GramTask {
  const dim = checkDataset(x, 'inputs');
  if (y) checkDataset(y, 'second dataset', dim);
  const c = layerCoefficients(spec, dim);
  return {
    coefficients: c,
    x: Float64Array.from(x.flat()),
    y: Float64Array.from((y ?? x).flat()),
    rows: x.length,
    cols: (y ?? x).length,
    dim,
    symmetric: !y,
    layers: allLayers ? Array.from({ length: c.depth }, (_, l) => l) : [c.depth - 1],
  };
}

/** The task of matrices held in memory: refused when they cannot fit comfortably. */
function prepare(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[] | undefined,
  allLayers: boolean,
): GramTask {
  const task = gramTask(spec, x, y, allLayers);
  const doubles = 2 * task.layers.length * task.rows * task.cols;
  if (doubles > MAX_OUTPUT_DOUBLES) {
    throw new InputError(
      `the requested Gram matrices would hold ${doubles} numbers; ask for the last layer only (drop --all-layers), ` +
        `fewer inputs, or write them to a file (--out gram.npy)`,
    );
  }
  return task;
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
  const task: GramTask = { ...prepare(spec, x, y, options.allLayers ?? false), kernel: options.kernel };
  const n = task.layers.length * task.rows * task.cols;
  const out = { nngp: new Float64Array(n), ntk: new Float64Array(n) };
  fillRows(task, out, 0, task.rows);
  options.onProgress?.(task.rows, task.rows);
  return result(task, out.nngp, out.ntk);
}

const workerUrl = new URL('./gramWorker.js', import.meta.url);

/**
 * Gram matrices on the worker pool (parallel/pool.ts), row blocks of ROW_BLOCK handed out as
 * workers become free; the entries are bit-identical to gramMatrices because both run fillRows.
 * One thread for small matrices.
 */
export async function gramMatricesParallel(
  spec: NetworkSpec,
  x: readonly (readonly number[])[],
  y?: readonly (readonly number[])[],
  options: GramOptions = {},
): Promise<GramResult> {
  const task: GramTask = { ...prepare(spec, x, y, options.allLayers ?? false), kernel: options.kernel };
  const work = task.rows * task.cols * task.coefficients.depth;
  const workers = options.workers ?? (work >= PARALLEL_THRESHOLD ? availableParallelism() : 1);
  const n = task.layers.length * task.rows * task.cols;
  const shared: GramShared = {
    task,
    nngp: new SharedArrayBuffer(n * 8),
    ntk: new SharedArrayBuffer(n * 8),
  };
  // Row blocks from the top of the triangle down: the long rows first, so the short ones fill the gaps at the end.
  const blocks: [number, number][] = [];
  for (let s = 0; s < task.rows; s += ROW_BLOCK) blocks.push([s, Math.min(task.rows, s + ROW_BLOCK)]);
  let done = 0;
  await runTasks({
    script: workerUrl,
    init: shared,
    factory: gramRowsHandler,
    tasks: blocks,
    workers,
    forceWorkers: options.forceWorkers,
    onResult: (rows: number) => {
      done += rows;
      options.onProgress?.(done, task.rows);
    },
  });
  return result(task, new Float64Array(shared.nngp), new Float64Array(shared.ntk));
}
