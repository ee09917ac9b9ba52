import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyHeader, npyRows, parseNpy } from '../../src/util/npy.js';
import { cli } from '../helpers/cli.js';
import { spec } from '../helpers/specs.js';

// Worker threads run compiled JavaScript, so the Gram functions come from the build (npm test builds first).
const gram = (await import(
  new URL('../../dist/src/kernels/gram.js', import.meta.url).href
)) as typeof import('../../src/kernels/gram.js');
const gramFile = (await import(
  new URL('../../dist/src/kernels/gramFile.js', import.meta.url).href
)) as typeof import('../../src/kernels/gramFile.js');

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-npy-'));

function dataset(n: number, dim: number): number[][] {
  let s = 11;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => Array.from({ length: dim }, next));
}

function npyFile(path: string, rows: number[][]): void {
  const data = Float64Array.from(rows.flat());
  writeFileSync(path, Buffer.concat([npyHeader([rows.length, rows[0].length]), Buffer.from(data.buffer)]));
}

describe('.npy format (src/util/npy.ts)', () => {
  it('writes a version-1.0 header numpy reads: magic, 64-byte alignment, dict, newline', () => {
    const h = npyHeader([2, 3, 4]);
    expect(h.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
    expect(h.length % 64).toBe(0);
    expect(h.readUInt16LE(8)).toBe(h.length - 10);
    expect(h.toString('latin1', 10).trimEnd()).toBe("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 4), }");
    expect(h[h.length - 1]).toBe(0x0a);
    expect(npyHeader([5]).toString('latin1')).toContain("'shape': (5,)");
  });

  it('reads back what it writes, and Fortran-order and float32 arrays', () => {
    const rows = dataset(4, 3);
    const path = join(dir, 'rows.npy');
    npyFile(path, rows);
    expect(npyRows(parseNpy(readFileSync(path), 'x'), 'x')).toEqual(rows);
    const f32 = Buffer.concat([
      Buffer.from("\x93NUMPY\x01\x00\x46\x00{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 'latin1'),
    ]);
    const padded = Buffer.concat([f32, Buffer.alloc(80 - f32.length - 1, 0x20), Buffer.from('\n')]);
    const body = Buffer.from(Float32Array.from([1, 2, 3, 4]).buffer);
    expect(npyRows(parseNpy(Buffer.concat([padded, body]), 'f'), 'f')).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('refuses what is not a 2-D numeric .npy array with a one-line message', () => {
    expect(() => parseNpy(Buffer.from('[[1, 2]]'), 'inputs file "a.npy"')).toThrow(/not a NumPy .npy array/);
    const h = npyHeader([2, 2, 2]);
    const a = parseNpy(Buffer.concat([h, Buffer.alloc(64)]), 'x');
    expect(() => npyRows(a, 'x')).toThrow(/must be a 2-D array/);
    expect(() => parseNpy(h, 'x')).toThrow(/fewer than the 8 elements/);
  });
});

describe('writeGramNpy: Gram matrices in row blocks', () => {
  const s = spec('relu', 6, { sb2: '1/10', sw2: '2' });
  const x = dataset(45, 5);
  const y = dataset(13, 5).map((v) => v.map((c) => 2 * c));

  it('holds exactly the in-memory matrices, symmetric and for two datasets, last or all layers', async () => {
    for (const second of [undefined, y]) {
      for (const allLayers of [false, true]) {
        const path = join(dir, 'g.npy');
        const want = gram.gramMatrices(s, x, second, { allLayers });
        const r = await gramFile.writeGramNpy(s, x, second, path, { allLayers, workers: 2 });
        const a = parseNpy(readFileSync(path), path);
        const cols = (second ?? x).length;
        expect(a.shape).toEqual(allLayers ? [6, 2, 45, cols] : [2, 45, cols]);
        expect(r.shape).toEqual(a.shape);
        const size = 45 * cols;
        want.layers.forEach((_, k) => {
          expect(Array.from(a.data.subarray(2 * k * size, (2 * k + 1) * size))).toEqual(Array.from(want.nngp[k]));
          expect(Array.from(a.data.subarray((2 * k + 1) * size, (2 * k + 2) * size))).toEqual(Array.from(want.ntk[k]));
        });
      }
    }
  });

  it('shards i/k hold contiguous blocks of rows that together are the whole matrix', async () => {
    const want = gram.gramMatrices(s, x);
    const parts: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const path = join(dir, `part${i}.npy`);
      const r = await gramFile.writeGramNpy(s, x, undefined, path, { shard: { index: i, count: 4 }, workers: 1 });
      const a = parseNpy(readFileSync(path), path);
      expect(a.shape).toEqual([2, r.end - r.start, 45]);
      const n = (r.end - r.start) * 45;
      expect(Array.from(a.data.subarray(n, 2 * n))).toEqual(Array.from(want.ntk[0].subarray(r.start * 45, r.end * 45)));
      parts.push(r.start, r.end);
    }
    expect(parts).toEqual([0, 11, 11, 22, 22, 33, 33, 45]);
    expect(() => gramFile.shardRows(3, { index: 1, count: 4 })).toThrow(/more shards than the 3 rows/);
  });
});

describe('ntkcalc kernel --out', () => {
  const x = dataset(20, 4);
  const json = join(dir, 'in.json');
  writeFileSync(json, JSON.stringify(x));
  const npy = join(dir, 'in.npy');
  npyFile(npy, x);
  const csv = join(dir, 'in.csv');
  writeFileSync(csv, `${x.map((v) => v.join(',')).join('\n')}\n`);
  const net = ['--activation', 'relu', '--depth', '4', '--sb2', '0.05', '--quiet'];

  it('writes the matrices of --json to a .npy file, from JSON, .npy or CSV inputs', () => {
    const ref = cli('kernel', ...net, '--inputs', json, '--json');
    expect(ref.code).toBe(0);
    const { nngp, ntk } = JSON.parse(ref.stdout) as { nngp: number[][]; ntk: number[][] };
    for (const input of [json, npy, csv]) {
      const out = join(dir, 'gram.npy');
      const r = cli('kernel', ...net, '--inputs', input, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('shape (2, 20, 20)');
      const a = parseNpy(readFileSync(out), out);
      expect(Array.from(a.data)).toEqual([...nngp.flat(), ...ntk.flat()]);
    }
  });

  it('numpy.load reads it, and examples/join-gram-shards.py joins shards into it (when /usr/bin/python3 has numpy)', () => {
    const python = '/usr/bin/python3';
    const hasNumpy = existsSync(python) && spawnSync(python, ['-c', 'import numpy']).status === 0;
    if (!hasNumpy) return;
    const whole = join(dir, 'whole.npy');
    expect(cli('kernel', ...net, '--inputs', npy, '--out', whole).code).toBe(0);
    const parts = [1, 2, 3].map((i) => join(dir, `gram-${i}.npy`));
    parts.forEach((part, i) => {
      expect(cli('kernel', ...net, '--inputs', npy, '--out', part, '--shard', `${i + 1}/3`).code).toBe(0);
    });
    const joined = join(dir, 'joined.npy');
    const join_ = spawnSync(python, ['examples/join-gram-shards.py', joined, ...parts], { encoding: 'utf8' });
    expect(join_.status, join_.stderr).toBe(0);
    const ref = JSON.parse(cli('kernel', ...net, '--inputs', json, '--json').stdout) as { ntk: number[][] };
    const script = `import numpy, json, sys
a, b, c = (numpy.load(p) for p in sys.argv[1:])
print(json.dumps({"shape": a.shape, "dtype": str(a.dtype), "ntk": a[1].tolist(), "part": b.shape,
                  "joined": bool(numpy.array_equal(a, c))}))`;
    const r = spawnSync(python, ['-c', script, whole, parts[1], joined], { encoding: 'utf8' });
    const got = JSON.parse(r.stdout) as {
      shape: number[];
      dtype: string;
      ntk: number[][];
      part: number[];
      joined: boolean;
    };
    expect(got.shape).toEqual([2, 20, 20]);
    expect(got.dtype).toBe('float64');
    expect(got.ntk).toEqual(ref.ntk);
    expect(got.part).toEqual([2, 7, 20]);
    expect(got.joined).toBe(true);
  });

  it('a write that fails mid-run (file size limit) ends with one line and exit code 2, on 2 workers', () => {
    // ulimit -f of a few KiB: the 128-byte header fits, the first block of rows does not (EFBIG).
    const out = join(dir, 'limited.npy');
    const main = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
    const args = [...net, '--inputs', json, '--out', out, '--workers', '2'].join(' ');
    const r = spawnSync('sh', ['-c', `ulimit -f 4 && exec "${process.execPath}" "${main}" kernel ${args}`], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe(`ntkcalc: error: cannot write "${out}": EFBIG`);
  });

  it('refuses bad requests with one line and exit code 2', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '1,2\n3,x\n');
    for (const [args, message] of [
      [['--inputs', json, '--shard', '1/2'], /--shard needs --out/],
      [['--inputs', json, '--out', join(dir, 'g.txt')], /written as NumPy .npy files/],
      [['--inputs', bad, '--out', join(dir, 'g.npy')], /line 2, column 2: "x" is not a finite number/],
      [['--inputs', json, '--out', join(dir, 'g.npy'), '--shard', '3/2'], /between 1 and k = 2/],
      [['--inputs', json, '--out', join(dir, 'g.npy'), '--shard', '1/21'], /more shards than the 20 rows/],
      [['--inputs', json, '--out', join(dir, 'no', 'such', 'dir.npy')], /cannot write/],
    ] as const) {
      const r = cli('kernel', ...net, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
