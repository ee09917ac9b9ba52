import type { TaskHandler } from '../parallel/pool.js';
import { fillRows, type GramTask } from './gramCore.js';

// Kept apart from gramFile.ts so that worker threads load only the per-entry code.

/** Full rows [start, end) of every requested layer, layer-major ((end - start) x cols per layer). */
export interface RowBlock {
  readonly start: number;
  readonly end: number;
  readonly nngp: Float64Array;
  readonly ntk: Float64Array;
}

/** The pool's handler for streamed Gram matrices: computes a block of full rows and hands it back. */
export function gramBlockHandler(task: GramTask): TaskHandler<[number, number], RowBlock> {
  return {
    run: ([start, end]) => {
      const n = task.layers.length * (end - start) * task.cols;
      const out = { nngp: new Float64Array(n), ntk: new Float64Array(n) };
      fillRows(task, out, start, end, true);
      return { start, end, ...out };
    },
    transfer: (b) => [b.nngp.buffer as ArrayBuffer, b.ntk.buffer as ArrayBuffer],
  };
}
