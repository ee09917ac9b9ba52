import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { shardBlocks } from '../../src/montecarlo/run.js';
import { makeJob, mergePartials, simulateShard } from '../../src/montecarlo/simulation.js';
import { cli } from '../helpers/cli.js';
import { spec } from '../helpers/specs.js';

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-mc-errors-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const NET = ['--activation', 'relu', '--width', '4', '--depth', '2', '--quiet'];

// Each CLI start costs a process launch (0.3 s; 1-2 s when mathjs is needed), so the CLI path is exercised for the
// errors the issue names and for the option parsers; the library checks behind them run in-process below.
describe('ntkcalc simulate: bad input is one line on stderr and exit code 2', () => {
  it.each<[string, string[], RegExp]>([
    ['N = 0 inputs', [...NET, '--inputs', file('empty.json', '[]')], /must hold a non-empty JSON array of vectors/],
    ['a width of 0', ['--width', '0', '--depth', '2', '--x', '1,0'], /--width must be a positive integer, got "0"/],
    [
      'a width of 0 in --widths',
      ['--widths', '4,0', '--depth', '3', '--x', '1,0'],
      /--widths entry 2 must be a positive integer, got "0"/,
    ],
    ['--samples 0', [...NET, '--x', '1,0', '--samples', '0'], /--samples must be a positive integer, got "0"/],
    [
      'shard index above k',
      [...NET, '--x', '1,0', '--shard', '4/3'],
      /--shard 4\/3: the shard number i must be between 1 and k = 3/,
    ],
    ['a malformed shard', [...NET, '--x', '1,0', '--shard', '2of3'], /--shard takes i\/k/],
    ['NaN in an input', [...NET, '--x', '1,NaN'], /--x coordinate 2: "NaN" is not a finite number/],
    [
      'inputs of different lengths',
      [...NET, '--inputs', file('ragged.json', '[[1,0],[1]]')],
      /vector 1 has length 1 but the inputs have dimension 2/,
    ],
    [
      'unreadable inputs file',
      [...NET, '--inputs', join(dir, 'nope.json')],
      /cannot read inputs file ".*nope\.json": ENOENT/,
    ],
    ['a negative seed', [...NET, '--x', '1,0', '--seed', '-1'], /--seed must be an integer from 0 to 4294967295/],
    // Without the check a Float64Array of 10^10 failed inside the worker: exit 3, "internal error".
    [
      'dense weights beyond memory',
      ['--width', '100000', '--depth', '3', '--x', '1', '--sampler', 'dense', '--quiet'],
      /the dense sampler would hold 1\.00e\+10 weights/,
    ],
  ])('%s', (_name, args, message) => {
    const r = cli('simulate', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ntkcalc: error: [^\n]*\n$/);
    expect(r.stderr).toMatch(message);
  });
});

describe('simulation library: bad input throws InputError with a one-line message', () => {
  const base = { spec: spec('relu', 2, { sw2: '2', widths: [4] }), inputs: [[1, 0]], seed: 0, samples: 100 };
  it.each<[string, () => unknown, RegExp]>([
    ['no inputs', () => makeJob({ ...base, inputs: [] }), /inputs/],
    ['no hidden widths', () => makeJob({ ...base, spec: spec('relu', 2) }), /needs the 1 hidden widths/],
    ['a width of 0', () => makeJob({ ...base, spec: spec('relu', 2, { widths: [0] }) }), /positive integers, got 0/],
    ['one network (no standard error)', () => makeJob({ ...base, samples: 1 }), /--samples must be an integer >= 2/],
    ['NaN samples', () => makeJob({ ...base, samples: NaN }), /--samples must be an integer >= 2/],
    ['NaN in an input', () => makeJob({ ...base, inputs: [[1, NaN]] }), /finite/],
    [
      'inputs of different lengths',
      () => makeJob({ ...base, inputs: [[1, 0], [1]] }),
      /length 1 but the inputs have dimension 2/,
    ],
    ['a seed of 2^32', () => makeJob({ ...base, seed: 2 ** 32 }), /seed/],
    [
      'reduced sampler with uniform weights',
      () => makeJob({ ...base, sampler: 'reduced', law: 'uniform' }),
      /exact for Gaussian weights only/,
    ],
    [
      'the SGD update on the reduced sampler',
      () => makeJob({ ...base, sampler: 'reduced', update: true }),
      /the SGD update dK needs the dense sampler/,
    ],
    [
      'the SGD update with two outputs',
      () => makeJob({ ...base, outDim: 2, update: true }),
      /defined for a scalar output/,
    ],
    [
      'more shards than blocks',
      () => shardBlocks(100, { index: 1, count: 3 }),
      /100 networks make only 2 blocks of 64; use at most 2 shards/,
    ],
    ['shard index out of range', () => shardBlocks(1000, { index: 0, count: 3 }), /i must be an integer from 1 to 3/],
    ['merging nothing', () => mergePartials([], []), /at least one partial result/],
    [
      'merging a file that is not a partial result',
      () => mergePartials([{ kind: 'x' }], ['x.json']),
      /x\.json is not a partial result/,
    ],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(InputError);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect((e as Error).message).not.toMatch(/\n/);
    }
  });

  it('merging refuses missing and repeated shards', async () => {
    const parts = await Promise.all(
      [1, 2, 3].map((index) => simulateShard({ ...base, samples: 300 }, { index, count: 3 })),
    );
    expect(() => mergePartials([parts[0], parts[2]], ['1', '3'])).toThrow(
      /cover 3 of 5 blocks \(missing blocks 1, 2\); merge the files of all 3 shards/,
    );
    expect(() => mergePartials([parts[0], parts[1], parts[1], parts[2]], ['1', '2', '2', '3'])).toThrow(
      /block 1 .* appears in two partial results/,
    );
  });
});
