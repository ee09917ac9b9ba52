import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { mergePartials, type PartialResult, simulateShard } from '../../src/montecarlo/simulation.js';
import { partialChecksum } from '../../src/spec/partial.js';
import { parseNetwork } from '../../src/spec/schema.js';
import { cli } from '../helpers/cli.js';

// issue 14: merge trusted its shards, so an edited count printed "1000127 networks" and a wrong NNGP
// with exit 0. Every class of edit, truncation and mismatch is refused here by file and field.
const config = {
  spec: parseNetwork({ activation: 'relu', depth: 3, sigma_w2: 2, width: 4 }),
  inputs: [[1, 0]],
  seed: 0,
  samples: 300,
};
let parts: PartialResult[];
beforeAll(async () => {
  parts = await Promise.all([1, 2, 3].map((index) => simulateShard(config, { index, count: 3 })));
});

// biome-ignore lint/suspicious/noExplicitAny: the edits reach into arbitrary JSON
type Edit = (p: Record<string, any>) => unknown;
/**
 * Shard 2 with an edit, its checksum then stamped again, as a tool that knew the format would: the
 * checks behind the checksum (fields, counts, blocks, power sums) still stand on their own.
 */
const edited = (f: Edit) => {
  const p = JSON.parse(JSON.stringify(parts[1]));
  const out = f(p) ?? p;
  if (typeof out === 'object' && out !== null && !Array.isArray(out))
    (out as PartialResult).checksum = partialChecksum(out as PartialResult);
  return out;
};

function refused(f: Edit, message: RegExp): void {
  const files = [parts[0], edited(f), parts[2]];
  let error: unknown;
  try {
    mergePartials(files, ['p1.json', 'p2.json', 'p3.json']);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toMatch(/\n/);
}

describe('merge refuses edited, truncated and mismatched shards by file and field', () => {
  it('merges the untouched shards', () => {
    expect(mergePartials(parts, ['1', '2', '3']).networks).toBe(300);
  });

  it.each<[string, Edit, RegExp]>([
    [
      'a hand-edited count',
      (p) => {
        p.totals.count = 1000127;
      },
      /^p2\.json: totals\.count 1000127 does not match its 2 blocks, which hold 128 networks; p2\.json was edited/,
    ],
    [
      'a count of 0',
      (p) => {
        p.totals.count = 0;
      },
      /^p2\.json: totals\.count: 0 is not allowed; the number of networks/,
    ],
    [
      'a negative count',
      (p) => {
        p.totals.count = -172;
      },
      /^p2\.json: totals\.count: -172 is not allowed/,
    ],
    [
      'a count "abc"',
      (p) => {
        p.totals.count = 'abc';
      },
      /^p2\.json: totals\.count: "abc" is not allowed/,
    ],
    [
      'a fractional count',
      (p) => {
        p.totals.count = 127.5;
      },
      /totals\.count: 127\.5 is not allowed/,
    ],
    [
      'a shortened list of partial sums',
      (p) => void p.totals.partials.pop(),
      /^p2\.json: totals hold \d+ sums of \d+ scalars; this run has \d+ scalars per network/,
    ],
    [
      'a partial sum that is not a number',
      (p) => {
        p.totals.partials[3] = ['x'];
      },
      /p2\.json: totals\.partials: .* is not allowed; lists of finite numbers/,
    ],
    [
      'blocks of another shard',
      (p) => {
        p.totals.blocks = [3, 4];
      },
      /p2\.json: totals\.blocks 3\.\.4 \(2\) are not the blocks 1\.\.2 of shard 2\/3/,
    ],
    [
      'a missing block',
      (p) => void p.totals.blocks.pop(),
      /p2\.json: totals\.blocks 1\.\.1 \(1\) are not the blocks 1\.\.2/,
    ],
    [
      'samples 320 with 300 networks',
      (p) => {
        p.config.samples = 320;
      },
      /p2\.json comes from a different run than p1\.json \(its samples differs\)/,
    ],
    [
      'an unknown sampler name',
      (p) => {
        p.config.sampler = 'fancy';
      },
      /^p2\.json: config\.sampler: "fancy" is not allowed; dense, reduced or auto/,
    ],
    [
      'samples 1e20',
      (p) => {
        p.config.samples = 1e20;
      },
      /^p2\.json: config\.samples: 100000000000000000000 is not allowed/,
    ],
    [
      'a non-numeric sigma_w2',
      (p) => {
        p.config.spec.sigma_w2[1] = 'two';
      },
      /^p2\.json: config\.spec\.sigma_w2\[1\]: "two" is not a number/,
    ],
    [
      'a too-short sigma_w2',
      (p) => void p.config.spec.sigma_w2.pop(),
      /^p2\.json: config\.spec\.sigma_w2: 2 values is not allowed for depth 3/,
    ],
    [
      'an Infinity in the sums',
      (p) => {
        p.totals.partials[0] = [Infinity];
      },
      /p2\.json: totals\.partials: .* is not allowed/,
    ],
    ['a shard that is not an object', () => [1, 2], /^p2\.json is not a partial result of ntkcalc simulate --shard/],
    [
      'a shard without partials',
      (p) => void delete p.totals.partials,
      /^p2\.json: totals\.partials: nothing is not allowed; totals has size, count, blocks, partials/,
    ],
    ['a shard without blocks', (p) => void delete p.totals.blocks, /^p2\.json: totals\.blocks: nothing is not allowed/],
    ['a shard without totals', (p) => void delete p.totals, /^p2\.json is not a partial result/],
    [
      'an unknown field',
      (p) => {
        p.totals.extra = 1;
      },
      /^p2\.json: totals\.extra: 1 is not allowed; an unknown field/,
    ],
    [
      'a shard index beyond k',
      (p) => {
        p.shard.index = 4;
      },
      /^p2\.json: shard\.index: 4 is not allowed; the shard number i, from 1 to k = 3/,
    ],
  ])('%s', (_name, f, message) => refused(f, message));

  it('an edit without a new checksum, even one that keeps the power sums consistent, is refused', () => {
    const scaled = JSON.parse(JSON.stringify(parts[1]));
    // Sums of 2x instead of x: a consistent edit that no other check can tell from a real run.
    const size = scaled.totals.size;
    for (const [k, factor] of [
      [0, 2],
      [size, 4],
      [2 * size, 8],
      [3 * size, 16],
    ])
      scaled.totals.partials[k] = scaled.totals.partials[k].map((x: number) => factor * x);
    const names = ['p1.json', 'p2.json', 'p3.json'];
    expect(() => mergePartials([parts[0], scaled, parts[2]], names)).toThrow(
      /^p2\.json: the checksum does not match the contents: the file was edited or damaged/,
    );
    scaled.checksum = partialChecksum(scaled);
    expect(mergePartials([parts[0], scaled, parts[2]], names).networks).toBe(300);
    const { checksum: _, ...bare } = parts[1];
    expect(() => mergePartials([parts[0], bare, parts[2]], names)).toThrow(/^p2\.json has no checksum/);
  });

  it('the checksum does not depend on key order, spacing or the spelling of numbers', () => {
    const reverse = (v: unknown): unknown =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverse(x)]),
          )
        : v;
    const text = JSON.stringify(reverse(parts[1]), null, 2).replace(/"size": (\d+)/, '"size": $1.0');
    expect(text).toMatch(/"size": \d+\.0/);
    const reordered = JSON.parse(text);
    expect(Object.keys(reordered)).not.toEqual(Object.keys(parts[1]));
    expect(partialChecksum(reordered)).toBe(parts[1].checksum);
  });

  it('all shards edited alike to claim 320 networks: their blocks hold 300', () => {
    const claim = (p: PartialResult) => {
      const c = { ...p, config: { ...p.config, samples: 320 } };
      return { ...c, checksum: partialChecksum(c) };
    };
    expect(() => mergePartials(parts.map(claim), ['1', '2', '3'])).toThrow(
      /^3: totals\.count 108 does not match its 2 blocks, which hold 128 networks/,
    );
  });

  it('on the command line: exit 2, one line, naming the file and field; an Infinity literal is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-merge-'));
    const write = (name: string, data: unknown) => {
      const p = join(dir, name);
      writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
      return p;
    };
    const files = [
      write('a.json', parts[0]),
      write(
        'b.json',
        edited((p) => {
          p.totals.count = 1000127;
        }),
      ),
      write('c.json', parts[2]),
    ];
    const r = cli('merge', ...files);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ntkcalc: error: .*b\.json: totals\.count 1000127 does not match[^\n]*\n$/);
    const inf = write('inf.json', JSON.stringify(parts[1]).replace(/"count":\d+/, '"count":Infinity'));
    const r2 = cli('merge', files[0], inf, files[2]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/inf\.json" is not a partial result .*not valid JSON/);
  });
});
