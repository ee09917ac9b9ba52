import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';

/**
 * The one worker pool of ntkcalc: the Gram matrices (kernels/gram.ts) and the Monte Carlo engine
 * (montecarlo/run.ts) hand it a list of tasks. Each worker thread builds a handler once from plain
 * data (`init`) and answers tasks one at a time as it becomes free, so long and short tasks balance
 * out. The same handler runs in the calling thread for one worker, or when running from TypeScript
 * sources where no compiled worker script exists: both paths give the same results.
 */

/** Answers one task; `transfer` lists buffers to move (not copy) back to the calling thread. */
export interface TaskHandler<Task, Result> {
  run(task: Task): Result;
  transfer?(result: Result): ArrayBuffer[];
}

/** Builds a handler from the pool's plain-data `init` (in each worker, or in the calling thread). */
export type HandlerFactory<Init, Task, Result> = (
  init: Init,
) => TaskHandler<Task, Result> | Promise<TaskHandler<Task, Result>>;

/**
 * More threads than cores only add memory (each holds its own V8 heap and workspaces; 188 threads
 * took 2.9 GB) and no speed; `force` lifts the cap, up to this many.
 */
export const MAX_FORCED_WORKERS = 256;

export interface WorkerCap {
  readonly workers: number;
  /** One line saying that the request was capped, when it was. */
  readonly note?: string;
}

/** Caps a requested worker count at the machine's cores unless forced (then at MAX_FORCED_WORKERS). */
export function capWorkers(requested: number, force = false): WorkerCap {
  if (!Number.isInteger(requested) || requested < 1)
    throw new InputError(`--workers must be a positive integer, e.g. --workers 2; got ${requested}`);
  if (force && requested > MAX_FORCED_WORKERS)
    throw new InputError(
      `--workers ${requested} is beyond the ${MAX_FORCED_WORKERS} threads ntkcalc starts even with --force-workers`,
    );
  const cores = availableParallelism();
  if (force || requested <= cores) return { workers: requested };
  return {
    workers: cores,
    note: `--workers ${requested} capped at the ${cores} cores of this machine (--force-workers starts ${requested})`,
  };
}

export interface PoolOptions<Init, Task, Result> {
  /** The compiled worker script: it calls serveTasks with the same factory. */
  readonly script: URL;
  readonly init: Init;
  readonly factory: HandlerFactory<Init, Task, Result>;
  readonly tasks: readonly Task[];
  /** Requested threads (default: all cores); capped at the cores unless forced, and at the task count. */
  readonly workers?: number;
  readonly forceWorkers?: boolean;
  /** Called in the calling thread with each result, in the order results arrive. */
  readonly onResult: (result: Result, task: Task) => void;
}

/** Yields to the event loop (a progress bar can redraw between tasks run in the calling thread). */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs every task on up to `workers` threads. */
export async function runTasks<Init, Task, Result>(o: PoolOptions<Init, Task, Result>): Promise<void> {
  const wanted = capWorkers(o.workers ?? availableParallelism(), o.forceWorkers).workers;
  const count = Math.max(1, Math.min(wanted, o.tasks.length));
  if (count === 1 || !existsSync(fileURLToPath(o.script))) {
    const handler = await o.factory(o.init);
    for (const task of o.tasks) {
      o.onResult(handler.run(task), task);
      await tick();
    }
    return;
  }
  const queue = [...o.tasks];
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(o.script, { workerData: o.init });
            workers.push(worker);
            let current: Task | undefined;
            const next = () => {
              current = queue.shift();
              if (current === undefined) resolve();
              else worker.postMessage(current);
            };
            worker.on('message', (r: Result) => {
              // A failing onResult (a full disk, say) ends the run like a failing worker.
              try {
                o.onResult(r, current as Task);
              } catch (e) {
                reject(e);
                return;
              }
              next();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (current !== undefined) reject(new Error(`worker thread stopped (exit code ${code}) during a task`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
