import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRunMemory, samplerBytes } from '../../src/montecarlo/limits.js';
import { mcNetwork } from '../../src/montecarlo/network.js';
import { partialChecksum } from '../../src/spec/partial.js';
import { parseNetwork } from '../../src/spec/schema.js';
import { MEMORY_LIMIT } from '../../src/util/limits.js';
import { cliAll } from '../helpers/cliAsync.js';

/**
 * One regression test per failure class of issue 14 that is about sizes, ranges and output
 * errors (results.test.ts has the silently wrong results): each command line used to abort, crash
 * with an internal error or print NaN; now it is refused up front with one line that gives the
 * limit, the estimate and what to do instead.
 */
const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-limits-'));
const points = (n: number, dim: number, scale = 1) => {
  const file = join(dir, `points-${n}-${dim}-${scale}.json`);
  // Deterministic, pairwise non-parallel points.
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: dim }, (_, j) => scale * Math.sin(1 + i * 1.37 + j * 2.11 + i * j * 0.07)),
  );
  writeFileSync(file, JSON.stringify(rows));
  return file;
};

const CASES: [string, string[], RegExp][] = [
  [
    'simulate --samples 1e11 (out of memory)',
    ['simulate', '--depth', '2', '--width', '8', '--x', '1,0', '--samples', '100000000000'],
    /2\^30 = 1073741824 networks.*several --seed/,
  ],
  [
    'simulate --out-dim 1000 (out of memory)',
    ['simulate', '--depth', '2', '--width', '8', '--x', '1,0', '--out-dim', '1000'],
    /would need about 4\.0 GiB .*limit of 2\.0 GiB.*smaller --out-dim/,
  ],
  [
    'simulate --width 1e20 (typed array length)',
    ['simulate', '--depth', '2', '--width', '1e20', '--x', '1,0'],
    /limit of 2\.0 GiB.*smaller widths/,
  ],
  [
    'simulate --out-dim 1e20 (array length)',
    ['simulate', '--depth', '2', '--width', '8', '--out-dim', '1e20', '--x', '1,0'],
    /limit of 2\.0 GiB/,
  ],
  [
    'simulate --inputs with 3000 points (hang, array length)',
    ['simulate', '--depth', '2', '--width', '8', '--inputs', points(3000, 2), '--samples', '10'],
    /3000 inputs.*58\.2 GiB.*fewer inputs/,
  ],
  [
    'concentration --simulate --n 100000 (out of memory)',
    ['concentration', '--simulate', '--n', '100000', '--depth', '4', '--width', '16'],
    /100000 points.*O\(n\^3\).*limit is 4096 points/,
  ],
  [
    'concentration --simulate --depth 100000 --width 2 (typed array length)',
    ['concentration', '--simulate', '--depth', '100000', '--width', '2'],
    /depth 100000.*limit of 2\.0 GiB/,
  ],
  [
    'concentration --depth 1e20 (array length)',
    ['concentration', '--depth', '1e20', '--width', '10', '--n', '10'],
    /beyond the supported 1,000,000 layers/,
  ],
  [
    'spectrum --inputs with 5000 points (out of memory)',
    ['spectrum', '--depth', '4', '--inputs', points(5000, 3)],
    /5000 points.*limit is 4096 points.*subset/,
  ],
  [
    'spectrum --figure1 --points 100000 (out of memory)',
    ['spectrum', '--figure1', '--points', '100000', '--datasets', '1', '--depths', '2'],
    /limit is 4096 points.*fewer --points/,
  ],
  [
    'kernel --inputs 3000 points --all-layers --json (string length)',
    ['kernel', '--depth', '3', '--inputs', points(3000, 2), '--all-layers', '--json'],
    /8 matrices of 3000 x 3000.*GiB of JSON.*drop --all-layers/,
  ],
  [
    'hanin-nica --widths 2,1e20,1 --exact (BigInt size)',
    ['hanin-nica', '--widths', '2,1e20,1', '--exact', '--x', '1,0'],
    /the exact engine's work, depth 2 x the sum of the hidden widths 100000000000000000000.*drop --exact/,
  ],
  [
    'dispersion --width 1e20 --exact (BigInt size)',
    ['dispersion', '--width', '1e20', '--exact', '--depth', '3', '--sw2', '2', '--n0', '2'],
    /the exact engine's work, depth 4 x the sum of the hidden widths 300000000000000000000/,
  ],
  [
    'hanin-nica --widths 2,1e6,1e6,1 --exact (minutes of exact work)',
    ['hanin-nica', '--widths', '2,1000000,1000000,1', '--exact', '--x', '1,0'],
    /depth 3 x the sum of the hidden widths 2000000, is 6\.00e\+6, beyond its 2,000,000.*drop --exact/,
  ],
  [
    'dispersion --depth 1000 --width 1000 --exact (hang)',
    ['dispersion', '--sw2', '2', '--depth', '1000', '--width', '1000', '--n0', '2', '--exact'],
    /exact engine's work.*1\.00e\+9/,
  ],
  [
    'formulas eval lemma7-kw2 with d = 1e20 (array length)',
    [
      'formulas',
      'eval',
      'hanin-nica/lemma7-kw2',
      ...['--set', 'd=1e20', '--set', 'n=2', '--set', 'n0=2'],
      ...['--set', 'q=1', '--set', 'q4=1', '--set', 'mu4=3'],
    ],
    /d = 100000000000000000000 is beyond the supported 1,000,000 layers/,
  ],
  [
    'concentration --icd --layers 1e20 (array length)',
    ['concentration', '--icd', '--layers', '1e20', '--width', '16'],
    /a layer k = 100000000000000000000 is beyond/,
  ],
  [
    'concentration --simulate --samples 1e20 (hang)',
    ['concentration', '--simulate', '--samples', '1e20', '--depth', '4', '--width', '4'],
    /at most 2\^30 = 1073741824 networks per cell/,
  ],
  [
    'simulate with inputs of norm 1e150 (NaN standard errors)',
    ['simulate', '--depth', '2', '--width', '8', '--inputs', points(2, 2, 1e150), '--samples', '100'],
    /outside 1e-70\.\.1e\+70.*fourth powers.*rescale/,
  ],
  [
    'simulate --sb2 1e300 (NaN standard errors)',
    ['simulate', '--depth', '2', '--width', '8', '--sb2', '1e300', '--x', '1,0', '--samples', '100'],
    /Sigma\^\(1\)\(x_1, x_1\) = 1\.00e\+300/,
  ],
  [
    'simulate with inputs of norm 1e-150 (standard errors 0)',
    ['simulate', '--depth', '2', '--width', '8', '--inputs', points(2, 2, 1e-150), '--samples', '100'],
    /outside 1e-70\.\.1e\+70/,
  ],
];

describe('sizes and ranges are checked up front (issue 14)', () => {
  it('refuses each with one line giving the limit, the estimate and what to do instead', async () => {
    const results = await cliAll(
      CASES.map(([, args]) => args),
      60_000,
    );
    results.forEach((r, i) => {
      const [name, , message] = CASES[i];
      expect({ name, code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ name, code: 2, lines: 1 });
      expect(r.stderr).toMatch(message);
      // Up front: a refusal answers at once (generous for a loaded machine), not after the work.
      expect(r.ms).toBeLessThan(20_000);
    });
  }, 300_000);

  it('estimates grow with the sizes that drive them, and a small run fits', () => {
    const net = (width: number, inputs: number[][], outDim = 1) =>
      mcNetwork(parseNetwork({ activation: 'relu', depth: 3, sigma_w2: 2, hidden_widths: [width, width] }), inputs, {
        outDim,
      });
    const small = net(64, [[1, 0]]);
    expect(() => checkRunMemory(small, 'dense', false, 2)).not.toThrow();
    // Doubling the width about quadruples the weights (and the draws the lane streams buffer, past their fixed 4096).
    const dense = (width: number) => samplerBytes(net(width, [[1, 0]]), 'dense', false);
    expect(dense(256)).toBeGreaterThan(3 * dense(128));
    // A dense 20000-wide layer holds 20000^2 weights of 8 bytes per worker: 3.2 GB, beyond the limit.
    expect(samplerBytes(net(20000, [[1, 0]]), 'dense', false)).toBeGreaterThan(MEMORY_LIMIT);
    expect(() => checkRunMemory(net(20000, [[1, 0]]), 'dense', false, 1)).toThrow(/--sampler reduced/);
    expect(() => checkRunMemory(net(20000, [[1, 0]]), 'reduced', false, 1)).not.toThrow();
  });
});

describe('merge refuses edited sums', () => {
  it('power sums that no real numbers have (n sum x^2 < (sum x)^2) name the file and the scalar', async () => {
    const run = join(dir, 'run.json');
    writeFileSync(
      run,
      JSON.stringify({ spec: { activation: 'relu', sigma_w2: 2, hidden_widths: [8] }, inputs: [[1, 0]], samples: 256 }),
    );
    const part = (i: number) => join(dir, `part${i}.json`);
    const made = await cliAll(
      [1, 2].map((i) => ['simulate', '--spec', run, '--shard', `${i}/2`, '--out', part(i)]),
      60_000,
    );
    expect(made.map((r) => r.code)).toEqual([0, 0]);
    const p2 = JSON.parse(readFileSync(part(2), 'utf8'));
    const size = p2.totals.size;
    // Scalar 1 is Sigma(x, x) > 0: its sum of squares divided by 100 is too small for its sum.
    p2.totals.partials[size + 1] = p2.totals.partials[size + 1].map((x: number) => x / 100);
    // Stamped again, so that the power-sum check behind the checksum is what refuses it.
    p2.checksum = partialChecksum(p2);
    writeFileSync(part(3), JSON.stringify(p2));
    const [merged, edited] = await cliAll(
      [
        ['merge', part(1), part(2)],
        ['merge', part(1), part(3)],
      ],
      60_000,
    );
    expect(merged.code).toBe(0);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toMatch(
      /part3\.json: totals\.partials for scalar 1 .* are not the power sums of any 128 numbers; \S*part3\.json was edited or truncated: rerun shard 2\/2/,
    );
  });
});

describe('output errors', () => {
  const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

  it('a full disk (> /dev/full) ends with one line and exit code 2', async () => {
    const fd = openSync('/dev/full', 'w');
    const code = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [MAIN, 'kernel', '--depth', '3', '--x', '1,0', '--y', '0,1'], {
        stdio: ['ignore', fd, 'pipe'],
      });
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (c) => resolve({ code: c, stderr }));
    });
    closeSync(fd);
    expect(code).toEqual({
      code: 2,
      stderr: 'ntkcalc: error: cannot write the output: ENOSPC (no space left on the device)\n',
    });
  });

  it('a reader that stops early (| head -1) ends it quietly with exit code 0', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      // 20,000 layers print about a megabyte: far more than the pipe holds once the reader is gone.
      const child = spawn(process.execPath, [MAIN, 'kernel', '--depth', '20000', '--x', '1,0', '--y', '0,1'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (c) => resolve({ code: c, stderr }));
    });
    expect(r).toEqual({ code: 0, stderr: '' });
  });
});
