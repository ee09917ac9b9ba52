import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { cliAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-same-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** The message of a library call that must refuse its input. */
function apiMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(api.InputError);
    return (e as Error).message;
  }
  throw new Error('the library accepted bad input');
}

/** The one line of a command that must refuse its input with exit code 2. */
async function cliMessage(args: string[]): Promise<string> {
  const r = await cliAsync(...args);
  expect(r.code, args.join(' ')).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0];
}

/**
 * One mistake, made through the library, a spec file given to every command that takes one, and
 * the command-line options: each message names the place its own way (network.depth, net.json:
 * depth, --depth) and then says the same thing, which is what `core` is.
 */
describe('the same mistake gets the same message from the library, a --spec file and the options', () => {
  const cases: { name: string; input: unknown; yaml: string; core: string; options?: string[] }[] = [
    {
      name: 'a wrong type',
      input: { depth: '3x' },
      yaml: 'depth: 3x\n',
      core: 'depth must be a positive integer, got "3x"; a positive integer number of weight layers up to 1000000',
      options: ['kernel', '--depth', '3x', '--x', '1'],
    },
    {
      name: 'a missing field',
      input: { activation: 'relu' },
      yaml: 'activation: relu\n',
      core: 'depth is missing (or give ',
      options: ['kernel', '--x', '1'],
    },
    {
      name: 'an unknown field',
      input: { depth: 2, sigma: 1 },
      yaml: 'depth: 2\nsigma: 1\n',
      core: 'unknown field "sigma" is not allowed; the fields are activation, depth',
    },
    {
      name: 'NaN',
      input: { depth: 2, sigma_w2: Number.NaN },
      yaml: 'depth: 2\nsigma_w2: .nan\n',
      core: '"NaN" is not a finite number; a variance >= 0',
      options: ['kernel', '--depth', '2', '--sw2', 'NaN', '--x', '1'],
    },
    {
      name: 'a negative width',
      input: { hidden_widths: [4, -1] },
      yaml: 'hidden_widths: [4, -1]\n',
      core: 'must be a positive integer, got "-1"; positive integers n_1, ..., n_{L-1}, one per hidden layer',
      options: ['kernel', '--widths', '4,-1', '--x', '1'],
    },
  ];
  // Every command that reads a network file reads it through the schema first.
  const readers = (spec: string): string[][] => [
    ['kernel', '--spec', spec, '--x', '1'],
    ['simulate', '--spec', spec, '--x', '1'],
    ['hanin-nica', '--spec', spec, '--x', '1'],
    ['dispersion', '--spec', spec, '--n0', '1'],
    ['finite-width', '--spec', spec],
    ['spectrum', '--spec', spec, '--inputs', 'examples/sphere16.json'],
    ['phase', '--spec', spec],
  ];

  it.each(cases)('$name', async ({ name, input, yaml, core, options }) => {
    expect(apiMessage(() => api.parseNetwork(input))).toContain(core);
    const spec = file(`${name.replace(/ /g, '-')}.yaml`, yaml);
    const runs = readers(spec);
    const lines = await Promise.all([...runs, ...(options ? [options] : [])].map(cliMessage));
    runs.forEach((args, i) => {
      expect(lines[i], args.join(' ')).toContain(`${spec}: `);
      expect(lines[i], args.join(' ')).toContain(core);
    });
    if (options) expect(lines.at(-1)).toContain(core);
  });

  it('ragged inputs', async () => {
    const core = 'vector 1 has length 1 but the inputs have dimension 2; all inputs must have the same length';
    expect(apiMessage(() => api.parseSimulation({ spec: { depth: 2 }, inputs: [[1, 0], [1]], samples: 10 }))).toContain(
      core,
    );
    expect(apiMessage(() => api.gramMatrices(api.parseNetwork({ depth: 2 }), [[1, 0], [1]]))).toContain(core);
    const run = file('ragged-run.yaml', 'spec: {depth: 2, width: 3}\ninputs: [[1, 0], [1]]\nsamples: 10\n');
    const inputs = file('ragged.json', '[[1, 0], [1]]');
    const runs = [
      ['simulate', '--spec', run],
      ['kernel', '--depth', '2', '--inputs', inputs],
      ['simulate', '--depth', '2', '--width', '3', '--inputs', inputs],
      ['spectrum', '--depth', '4', '--inputs', inputs],
      ['kernel', '--depth', '2', '--x', '1,0', '--y', '1'],
    ];
    const lines = await Promise.all(runs.map(cliMessage));
    runs.forEach((args, i) => expect(lines[i], args.join(' ')).toContain(core));
  });
});
