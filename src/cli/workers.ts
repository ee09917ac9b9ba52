import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { capWorkers } from '../parallel/pool.js';
import { parsePositiveInt } from './options.js';

export interface WorkerOptions {
  workers?: string;
  forceWorkers?: boolean;
}

/** --workers and --force-workers, the same on every command that runs the worker pool. */
export function addWorkerOptions(cmd: Command, defaultText: string): Command {
  return cmd
    .option('--workers <n>', `worker threads (${defaultText}; at most the number of cores unless --force-workers)`)
    .option('--force-workers', 'start --workers n threads even beyond the number of cores');
}

/** The worker request of the options, capped at the cores unless forced; says so on stderr in one line. */
export function workersFromOptions(o: WorkerOptions): { workers?: number; forceWorkers?: boolean } {
  if (o.workers === undefined) {
    if (o.forceWorkers) throw new InputError('--force-workers needs --workers n, e.g. --workers 8 --force-workers');
    return {};
  }
  const cap = capWorkers(parsePositiveInt(o.workers, '--workers'), o.forceWorkers);
  if (cap.note) process.stderr.write(`ntkcalc: note: ${cap.note}\n`);
  return { workers: cap.workers, forceWorkers: o.forceWorkers };
}
