import type { TaskHandler } from '../parallel/pool.js';
import { fillRows, type GramTask } from './gramCore.js';

// Kept apart from gram.ts so that worker threads load only the per-entry code, not the spec side.

/** What each Gram worker holds: the task and the shared output matrices it fills. */
export interface GramShared {
  readonly task: GramTask;
  readonly nngp: SharedArrayBuffer;
  readonly ntk: SharedArrayBuffer;
}

/** The pool's handler: fills the rows [start, end) of a task into the shared matrices, answers the row count. */
export function gramRowsHandler(shared: GramShared): TaskHandler<[number, number], number> {
  const out = { nngp: new Float64Array(shared.nngp), ntk: new Float64Array(shared.ntk) };
  return {
    run: ([start, end]) => {
      fillRows(shared.task, out, start, end);
      return end - start;
    },
  };
}
