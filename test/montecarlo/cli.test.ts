import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate, simulateShard } from '../../src/montecarlo/simulation.js';
import { cli, cliJson } from '../helpers/cli.js';
import { spec } from '../helpers/specs.js';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-mc-cli-'));
const path = (name: string) => join(dir, name);
function file(name: string, text: string): string {
  writeFileSync(path(name), text);
  return path(name);
}

// Depth 3, widths 16: four blocks of 64 networks and a partial fifth, so --shard k/3 is meaningful.
const NET = ['--activation', 'relu', '--sw2', '2', '--sb2', '0.1', '--width', '16', '--depth', '3'];
const RUN = [...NET, '--x', '1,0', '--y', '0.6,0.8', '--samples', '300', '--seed', '5'];

interface Quantity {
  mean: number[][];
  se: number[][];
  infinite_width?: number[][];
  second_moment_ratio?: number[][];
  second_moment_ratio_se?: number[][];
}
interface Result {
  spec: { depth: number; hidden_widths: number[] };
  seed: number;
  samples: number;
  sampler: string;
  networks: number;
  quantities: {
    output: Quantity;
    nngp: Quantity;
    ntk: Quantity;
    ntk_layers: (Quantity & { layer: number })[];
    update?: Quantity;
  };
}

/** Exit 0 and nothing on stderr: the progress bar stays silent when stderr is not a terminal. */
function ok(...args: string[]): string {
  const r = cli(...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

// The unsharded run, as JSON and as text: every test below compares with these.
const json = JSON.parse(ok('simulate', ...RUN, '--json')) as Result;
const text = ok('simulate', ...RUN);

describe('ntkcalc simulate', () => {
  it('JSON has the documented keys and shapes', () => {
    expect(json).toMatchObject({
      seed: 5,
      samples: 300,
      networks: 300,
      sampler: 'reduced',
      spec: { depth: 3, hidden_widths: [16, 16] },
    });
    for (const k of ['output', 'nngp', 'ntk'] as const)
      expect(Object.keys(json.quantities[k])).toEqual(expect.arrayContaining(['mean', 'se']));
    const ntk = json.quantities.ntk;
    for (const m of [ntk.mean, ntk.se, ntk.infinite_width, ntk.second_moment_ratio, ntk.second_moment_ratio_se])
      expect(m?.map((r) => r.length)).toEqual([2, 2]);
    expect(json.quantities.output.mean.map((r) => r.length)).toEqual([1, 1]);
    expect(json.quantities.ntk_layers.map((l) => l.layer)).toEqual([1, 2, 3]);
    // The per-layer terms add up to the NTK, and the mean is near the infinite-width value.
    const layerSum = json.quantities.ntk_layers.reduce((s, l) => s + l.mean[0][1], 0);
    expect(layerSum).toBeCloseTo(ntk.mean[0][1], 12);
    expect(Math.abs(ntk.mean[0][0] - ntk.infinite_width![0][0])).toBeLessThan(
      4 * ntk.se[0][0] + 0.3 * ntk.infinite_width![0][0],
    );
    expect(json.quantities.update).toBeUndefined();
  });

  it('is the library result, bit for bit (the CLI ran on all cores, the library on one thread)', async () => {
    const lib = await simulate({
      spec: spec('relu', 3, { sw2: '2', sb2: '0.1', widths: [16, 16] }),
      inputs: [
        [1, 0],
        [0.6, 0.8],
      ],
      seed: 5,
      samples: 300,
    });
    expect(JSON.parse(JSON.stringify(lib))).toEqual(json);
  });

  it('prints mean +/- se beside the infinite-width value', () => {
    expect(text).toMatch(/^relu: phi\(s\) = \(1\/2\) s \+ \(1\/2\) \|s\|; depth 3, hidden widths 16,16/);
    expect(text).toMatch(/300 networks, seed 5, reduced sampler/);
    const theta12 = json.quantities.ntk.mean[0][1];
    expect(text).toMatch(
      new RegExp(
        `NTK Theta\\s+\\(1,2\\)\\s+${theta12.toPrecision(6).replace(/0+$/, '').replace('.', '\\.')}\\d* \\+/- \\S+\\s+2\\.07192`,
      ),
    );
    expect(text).toMatch(/NNGP Sigma\^\(L\)\s+\(1,1\)\s+\S+ \+\/- \S+\s+1\.3\s/);
  });

  it('a zero input (K = 0 in every network): the moment ratio is undefined, not NaN', async () => {
    const t = ok('simulate', '--activation', 'relu', '--width', '4', '--depth', '2', '--x', '0,0', '--samples', '64');
    expect(t).toMatch(/NTK Theta\s+\(1,1\)\s+0 \+\/- 0\s+0\s+undefined \(E\[K\] = 0\)/);
    expect(t).not.toMatch(/NaN/);
    const lib = await simulate({
      spec: spec('relu', 2, { sw2: '2', widths: [4] }),
      inputs: [[0, 0]],
      seed: 0,
      samples: 64,
    });
    expect(JSON.parse(JSON.stringify(lib)).quantities.ntk.second_moment_ratio).toEqual([[null]]);
  });

  // On a terminal (a pseudo-terminal from util-linux `script`) the bar shows rate and ETA; --quiet
  // silences it. Piped, it is silent anyway: `ok` checks that stderr is empty.
  it.skipIf(spawnSync('script', ['--version']).status !== 0)(
    'progress bar with rate and ETA on a terminal, none with --quiet',
    () => {
      const onTty = (...args: string[]) =>
        spawnSync('script', ['-qec', [process.execPath, MAIN, 'simulate', ...RUN, ...args].join(' '), '/dev/null'], {
          encoding: 'utf8',
        }).stdout;
      expect(onTty()).toMatch(/networks .* 300\/300 \| [\d.]+ networks\/s \| ETA \d+s/);
      const quiet = onTty('--quiet');
      expect(quiet).not.toMatch(/networks\/s|ETA/);
      expect(quiet).toMatch(/300 networks, seed 5, reduced sampler/);
    },
  );
});

describe('ntkcalc simulate --shard and ntkcalc merge', () => {
  const shards = [1, 2, 3].map((i) => {
    const out = path(`part${i}.json`);
    expect(ok('simulate', ...RUN, '--shard', `${i}/3`, '--out', out)).toBe('');
    return out;
  });

  it('merging the shards, in any order, gives exactly the unsharded run (JSON and text)', () => {
    expect(cliJson('merge', ...shards)).toEqual(json);
    expect(cliJson('merge', shards[2], shards[0], shards[1])).toEqual(json);
    expect(ok('merge', ...shards)).toBe(text);
  });

  it('refuses shards of different runs and files that cannot be read as partial results', async () => {
    // Partial results of other runs, written in-process (the CLI path is the same file reading).
    const other = async (name: string, changes: object) => {
      const config = {
        spec: spec('relu', 3, { sw2: '2', sb2: '0.1', widths: [16, 16] }),
        inputs: [
          [1, 0],
          [0.6, 0.8],
        ],
        seed: 5,
        samples: 300,
        ...changes,
      };
      return file(name, JSON.stringify(await simulateShard(config, { index: 3, count: 3 })));
    };
    const cases: [string[], RegExp][] = [
      [
        [shards[0], shards[1], await other('seed6.json', { seed: 6 })],
        /seed6\.json comes from a different run than .*part1\.json \(its seed differs\)/,
      ],
      [
        [
          shards[0],
          shards[1],
          await other('sb2.json', { spec: spec('relu', 3, { sw2: '2', sb2: '0.2', widths: [16, 16] }) }),
        ],
        /sb2\.json comes from a different run .*\(its spec differs\)/,
      ],
      [[shards[0], path('missing.json')], /cannot read partial result ".*missing\.json": ENOENT/],
      [[shards[0], file('garbage.json', '{"kind": ')], /garbage\.json" is not a partial result .*not valid JSON/],
    ];
    for (const [files, message] of cases) {
      const r = cli('merge', ...files);
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^ntkcalc: error: [^\n]*\n$/);
      expect(r.stderr).toMatch(message);
    }
  });
});
