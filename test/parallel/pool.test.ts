import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { capWorkers, MAX_FORCED_WORKERS } from '../../src/parallel/pool.js';
import { cli } from '../helpers/cli.js';
import { spec } from '../helpers/specs.js';

// The pool itself runs compiled worker scripts; test/montecarlo/reproducibility.test.ts and
// test/kernels/gram-parallel.test.ts check that its results do not depend on the thread count.
const { runTasks } = (await import(
  new URL('../../dist/src/parallel/pool.js', import.meta.url).href
)) as typeof import('../../src/parallel/pool.js');
const { makeJob } = (await import(
  new URL('../../dist/src/montecarlo/simulation.js', import.meta.url).href
)) as typeof import('../../src/montecarlo/simulation.js');
const { jobsHandler } = (await import(
  new URL('../../dist/src/montecarlo/run.js', import.meta.url).href
)) as typeof import('../../src/montecarlo/run.js');

const cores = availableParallelism();

describe('worker count: capped at the cores unless forced (issue 14: --workers 1000 started 188 threads)', () => {
  it('caps a request beyond the cores, with one line that says how to force', () => {
    const r = capWorkers(cores + 1000);
    expect(r.workers).toBe(cores);
    expect(r.note).toBe(
      `--workers ${cores + 1000} capped at the ${cores} cores of this machine (--force-workers starts ${cores + 1000})`,
    );
    expect(r.note).not.toContain('\n');
  });

  it('leaves a request within the cores alone, and a forced one up to its limit', () => {
    expect(capWorkers(1)).toEqual({ workers: 1 });
    expect(capWorkers(cores)).toEqual({ workers: cores });
    expect(capWorkers(cores + 3, true)).toEqual({ workers: cores + 3 });
    expect(() => capWorkers(MAX_FORCED_WORKERS + 1, true)).toThrow(InputError);
    expect(() => capWorkers(0)).toThrow(/--workers must be a positive integer/);
  });

  it('a worker that fails a task rejects the run instead of hanging', async () => {
    const job = makeJob({ spec: spec('relu', 2, { sw2: '2', widths: [3] }), inputs: [[1, 0]], seed: 1, samples: 200 });
    // A job whose sampler cannot be built in the worker (the main thread checks it in makeJob).
    const broken = { ...job, sampler: 'reduced' as const, net: { ...job.net, law: 'uniform' as const } };
    await expect(
      runTasks({
        script: new URL('../../dist/src/montecarlo/worker.js', import.meta.url),
        init: [broken],
        factory: jobsHandler,
        tasks: [0, 1, 2, 3].map((b) => [0, b] as const),
        workers: 2,
        forceWorkers: true,
        onResult: () => {},
      }),
    ).rejects.toThrow(/Gaussian weights only/);
  });
});

describe('the CLI: --workers beyond the cores runs capped with a one-line note; --force-workers lifts the cap', () => {
  const NET = ['--activation', 'relu', '--width', '4', '--depth', '2', '--x', '1,0', '--samples', '200', '--quiet'];

  it('simulate --workers 1000', () => {
    const r = cli('simulate', ...NET, '--workers', '1000');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `ntkcalc: note: --workers 1000 capped at the ${cores} cores of this machine (--force-workers starts 1000)\n`,
    );
  });

  it('refuses --force-workers without --workers, and forced requests beyond the limit, with exit code 2', () => {
    const alone = cli('simulate', ...NET, '--force-workers');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('ntkcalc: error: --force-workers needs --workers n, e.g. --workers 8 --force-workers\n');
    const many = cli('simulate', ...NET, '--workers', '1000', '--force-workers');
    expect(many.code).toBe(2);
    expect(many.stderr.trim().split('\n')).toHaveLength(1);
    expect(many.stderr).toMatch(/beyond the 256 threads ntkcalc starts even with --force-workers/);
  });
});
