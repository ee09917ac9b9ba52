import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { InputError } from '../../src/errors.js';
import { mergePartials } from '../../src/montecarlo/simulation.js';
import { readDataFile } from '../../src/spec/file.js';
import { type PartialContent, partialChecksum } from '../../src/spec/partial.js';
import { parseNetwork } from '../../src/spec/schema.js';
import { parseSimulation } from '../../src/spec/simulation.js';
import { parseRational } from '../../src/util/exact.js';
import { cliAll, type TimedResult } from '../helpers/cliAsync.js';

/**
 * Property-based fuzz test of the promise of docs/reliability.md: whatever the options and files,
 * ntkcalc exits 0 or 2, prints no stack trace and at most 3 lines of error, never prints NaN or
 * Infinity where a number is promised, and answers in bounded time. Fixed seeds, so a failure
 * is reproducible; the command lines of failures are printed.
 */
const SEED = 20261201;
/** Per command line: a refusal takes well under a second, a small accepted run a few seconds. */
const CASE_MS = 20_000;

// Numbers at and beyond every limit of the grammar, malformed ones, and ordinary ones.
const TRICKY = [
  ...['', ' ', 'abc', '0x10', '0b11', '0o7', '1_000', 'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e', 'e3'],
  ...['.', '-', '/', '1/0', '0/0', '1//2', '1/2/3', '1e9999999999', '-1e9999999999', '1e-9999999999'],
  ...['1e400', '1e-400', '1e301', '1e-301', '1e300', '1e-300', '5e-324', '1.8e308', '9'.repeat(500)],
  ...[`0.${'0'.repeat(600)}1`, '1e20', '2e53', '9007199254740993', '-0', '+3', '3.', '.5', '1,2', '１', '1e+6'],
  ...['--1', '1/100000000000000000000', '-1/3', '0.1', '2', '1'],
];
const numberText = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double().map(String),
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -420, max: 420 })).map(([m, e]) => `${m}e${e}`),
  fc
    .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }))
    .map(([p, q]) => `${p}/${q}`),
  fc.string({ maxLength: 6 }),
);
// Sizes: small accepted ones (so that accepted runs stay short) and refused ones at and beyond the limits.
const sizeText = fc.oneof(
  fc.integer({ min: 1, max: 6 }).map(String),
  fc.constantFrom('0', '-1', '2.5', '1e20', '1e7', '1000001', '2e9', '1073741825', '9007199254740993', '1e300'),
  fc.constantFrom('1e9999999999', '0x10', 'NaN', 'Infinity', 'abc', '', '4/2', '1e1'),
);
const listOf = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 4 }).map((v) => v.join(','));
const vectorText = fc.oneof(listOf(numberText), fc.constantFrom('1,,2', '[1,2]', ',', '1 0', '0,0'));
const flag = fc.constant(null);

interface CommandModel {
  readonly base: readonly string[];
  readonly options: Record<string, fc.Arbitrary<string | null>>;
}

const COMMANDS: readonly CommandModel[] = [
  { base: ['constants', '--a', '1/2', '--b', '1/2'], options: { '--a': numberText, '--b': numberText } },
  { base: ['phase', '--sw2', '2'], options: { '--sw2': numberText, '--sb2': numberText, '--b': numberText } },
  {
    base: ['kernel', '--depth', '3', '--x', '1,0', '--y', '0,1'],
    options: { '--depth': sizeText, '--sw2': numberText, '--sb2': numberText, '--x': vectorText, '--y': vectorText },
  },
  {
    base: ['formulas', 'eval', 'infinite-width/varrho', '--set', 'Delta=1/2'],
    options: { '--set': numberText.map((v) => `rho=${v}`) },
  },
  {
    base: ['hanin-nica', '--widths', '2,3,1', '--x', '1,1'],
    options: { '--widths': listOf(sizeText), '--x': vectorText, '--mu4': numberText, '--exact': flag },
  },
  {
    base: ['dispersion', '--sw2', '2', '--depth', '3', '--width', '4', '--n0', '2'],
    options: {
      '--sw2': numberText,
      '--depth': sizeText,
      '--width': sizeText,
      '--n0': sizeText,
      '--norm2': numberText,
      '--exact': flag,
    },
  },
  { base: ['finite-width', '--depth', '3'], options: { '--width': sizeText, '--depth': sizeText, '--b': numberText } },
  {
    base: ['concentration', '--depth', '10', '--width', '100', '--n', '10'],
    options: {
      '--depth': sizeText,
      '--width': sizeText,
      '--n': sizeText,
      '--tau': numberText,
      '--p': numberText,
      '--constant': numberText,
      '--out-dim': sizeText,
      '--b': numberText,
    },
  },
  {
    base: ['spectrum', '--figure1', '--datasets', '2', '--points', '4', '--depths', '2,3', '--dim', '3', '--csv'],
    options: { '--datasets': sizeText, '--points': sizeText, '--dim': sizeText, '--depths': listOf(sizeText) },
  },
  // The subcommand spellings of the modes (concentration bound|simulate|icd, spectrum dataset|figure1).
  {
    base: ['concentration', 'bound', '--depth', '10', '--width', '100', '--n', '10'],
    options: {
      '--depth': sizeText,
      '--width': sizeText,
      '--n': sizeText,
      '--tau': numberText,
      '--constant': numberText,
    },
  },
  {
    base: ['concentration', 'simulate', '--depth', '2', '--width', '4', '--n', '3', '--samples', '4', '--quiet'],
    options: { '--depth': listOf(sizeText), '--width': listOf(sizeText), '--n': sizeText, '--samples': sizeText },
  },
  {
    base: ['concentration', 'icd', '--width', '8', '--layers', '2,3', '--samples', '8', '--quiet'],
    options: { '--width': sizeText, '--layers': listOf(sizeText), '--samples': sizeText, '--p': numberText },
  },
  {
    base: ['spectrum', 'dataset', '--depth', '3', '--inputs', 'examples/sphere16.json'],
    options: { '--depth': sizeText, '--a': numberText, '--b': numberText, '--digits': sizeText },
  },
  {
    base: ['spectrum', 'figure1', '--datasets', '2', '--points', '4', '--depths', '2,3', '--dim', '3'],
    options: { '--datasets': sizeText, '--points': sizeText, '--depths': listOf(sizeText) },
  },
  {
    base: ['simulate', '--depth', '2', '--width', '4', '--x', '1,0', '--samples', '16', '--quiet'],
    options: {
      '--samples': sizeText,
      '--width': sizeText,
      '--depth': sizeText,
      '--out-dim': sizeText,
      '--seed': numberText,
      '--sw2': numberText,
      '--sb2': numberText,
      '--x': vectorText,
      '--workers': sizeText,
    },
  },
];

/** A command line: one command's base arguments, then one to three of its options with generated values. */
const commandLine = fc.integer({ min: 0, max: COMMANDS.length - 1 }).chain((c) => {
  const m = COMMANDS[c];
  const names = Object.keys(m.options);
  return fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: Math.min(3, names.length) })
    .chain((chosen) => fc.tuple(...chosen.map((n) => m.options[n].map((v) => (v === null ? [n] : [n, v])))))
    .map((pairs) => [...m.base, ...pairs.flat()]);
});

/** The promise, as a list of what is broken (empty when kept). */
function broken(r: TimedResult): string[] {
  const out: string[] = [];
  const errorLines = r.stderr.trim() === '' ? 0 : r.stderr.trim().split('\n').length;
  if (r.timedOut) out.push(`no answer within ${CASE_MS} ms`);
  else if (r.code !== 0 && r.code !== 2) out.push(`exit code ${r.code}`);
  if (/^\s+at\s|internal error|Error:/m.test(r.stderr)) out.push('a stack trace or internal error');
  if (errorLines > 3) out.push(`${errorLines} lines on stderr`);
  if (r.code === 0 && /\bNaN\b|Infinity/.test(r.stdout)) out.push('NaN or Infinity in the output');
  if (r.code === 2 && !/^ntkcalc: error: |^error: |\(add --help for usage\)/m.test(r.stderr)) out.push('no message');
  return out;
}

function report(results: readonly TimedResult[]): string[] {
  return results.flatMap((r) => {
    const b = broken(r);
    return b.length === 0
      ? []
      : [`ntkcalc ${r.args.map((a) => JSON.stringify(a)).join(' ')}: ${b.join(', ')}\n  ${r.stderr.slice(0, 300)}`];
  });
}

describe('fuzz: generated option values through every command (fixed seed)', () => {
  it('every command line exits 0 or 2 with at most 3 lines of error, no trace, no NaN, in bounded time', async () => {
    const cases = fc.sample(commandLine, { seed: SEED, numRuns: 32 });
    const results = await cliAll(cases, CASE_MS);
    expect(report(results)).toEqual([]);
    // The sample reaches both outcomes: it is not all refusals.
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(results.some((r) => r.code === 2)).toBe(true);
  }, 300_000);
});

// Generated values for fields of JSON and YAML files: wrong shapes, non-finite and extreme numbers.
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 5e-324, 1.7e308, 1e20, -1),
  fc.constantFrom(null, true, '', 'abc', '0x10', '1e9999999999', '1e-400', '1/0', 2 ** 53 + 2, 2 ** 31),
  fc.constantFrom([], {}, [[]], [1, 'a'], [Number.NaN], { a: 1 }),
  numberText,
  fc.double(),
  fc.integer(),
  fc.array(fc.double(), { maxLength: 3 }),
);

/** The keys a mutation went through, for the merge property below. */
let touched: string[] = [];

/** Replaces the value at a random path of `base` (an object or array tree) with `value`, or deletes it. */
function mutate(base: unknown, path: readonly number[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(base);
  touched = [];
  let node = copy as Record<string, unknown>;
  for (let depth = 0; depth < path.length; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[path[depth] % keys.length];
    touched.push(key);
    const child = node[key];
    const last = depth === path.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      if (remove && !Array.isArray(node)) delete node[key];
      else node[key] = value;
      break;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

const mutation = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  value: weird,
  remove: fc.boolean(),
});

/** Every number a result promises is finite (JSON writes NaN and Infinity as null). */
function nonFinite(v: unknown, where = ''): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [`${where} = ${v}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinite(x, `${where}[${i}]`));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${where}.${k}`));
  return [];
}

/** Runs `f`; a refusal must be an InputError of one line, answered quickly. */
function refusedOrFinite(f: () => unknown): string[] {
  const start = Date.now();
  try {
    const r = f();
    return [...nonFinite(r), ...(Date.now() - start > 2000 ? ['took over 2 s'] : [])];
  } catch (e) {
    if (!(e instanceof InputError)) return [`${(e as Error).name}: ${(e as Error).message}`];
    if (e.message.includes('\n')) return [`a message of several lines: ${e.message}`];
    return Date.now() - start > 2000 ? ['took over 2 s to refuse'] : [];
  }
}

const NETWORK = { activation: 'relu', depth: 3, sigma_w2: ['2', '2', '1'], sigma_b2: 0.1, hidden_widths: [8, 8] };
const RUN = {
  spec: NETWORK,
  inputs: [
    [1, 0],
    [0.6, 0.8],
  ],
  samples: 128,
  seed: 7,
};

describe('fuzz: generated spec, run and partial-result files (fixed seed)', () => {
  let parts: unknown[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-fuzz-'));
    const spec = join(dir, 'run.json');
    writeFileSync(spec, JSON.stringify(RUN));
    const shard = (i: number) => ['simulate', '--spec', spec, '--shard', `${i}/2`, '--out', join(dir, `p${i}.json`)];
    const made = await cliAll([shard(1), shard(2)], 60_000);
    expect(made.map((r) => r.code)).toEqual([0, 0]);
    parts = [1, 2].map((i) => JSON.parse(readFileSync(join(dir, `p${i}.json`), 'utf8')));
  });

  it('grammar: every text is a rational or an InputError, decided quickly', () => {
    fc.assert(
      fc.property(fc.oneof(numberText, fc.string({ maxLength: 40 })), (t) => {
        expect(refusedOrFinite(() => void parseRational(t, '--x'))).toEqual([]);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('networks: a mutated spec parses to finite values or is refused in one line', () => {
    fc.assert(
      fc.property(mutation, ({ path, value, remove }) => {
        const json = mutate(NETWORK, path, value, remove);
        expect(refusedOrFinite(() => void parseNetwork(json))).toEqual([]);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('YAML: the text of a spec file, edited with the syntax of YAML, is read and parsed or refused in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-fuzz-yaml-'));
    const file = join(dir, 'spec.yaml');
    const base = stringifyYaml(NETWORK);
    // A line's value replaced by a YAML value (tags, special floats, anchors and aliases, odd numbers),
    // or a line of YAML's structure inserted (document markers, directives, merge keys, a repeated key).
    const values = [
      ...['.inf', '-.inf', '.nan', '!!float 2', '!!str 3', '!!int 4', '!!binary AAAA', '1e400', '1e-400', '0x1F'],
      ...[
        '0o17',
        '~',
        'null',
        '[]',
        '{}',
        '2/3',
        '-0',
        '1_000',
        '"2"',
        "'0.5'",
        '&a 2',
        '*a',
        'yes',
        '99999999999999999999',
      ],
    ];
    const lines = ['---', '...', '%YAML 1.2', '<<: *a', 'depth: 4', '? depth', '  - 8', 'x: &a [1, 2]', '#', ''];
    const edit = fc.oneof(
      fc.record({ at: fc.nat(), value: fc.constantFrom(...values) }).map((e) => (rows: string[]) => {
        const i = e.at % rows.length;
        rows[i] = rows[i].replace(/(: |- )(.*)$/, `$1${e.value}`);
      }),
      fc.record({ at: fc.nat(), line: fc.constantFrom(...lines) }).map((e) => (rows: string[]) => {
        rows.splice(e.at % (rows.length + 1), 0, e.line);
      }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const rows = base.trimEnd().split('\n');
        for (const e of edits) e(rows);
        writeFileSync(file, `${rows.join('\n')}\n`);
        const read = () => {
          parseNetwork(readDataFile(file, 'spec file'));
          accepted++;
        };
        expect(refusedOrFinite(read)).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The edits reach both outcomes: not all of them break the file.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(280);
    // An alias bomb (each level ten aliases of the one before) is refused, not expanded.
    const levels = Array.from({ length: 6 }, (_, k) =>
      k === 0
        ? 'l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'
        : `l${k}: &l${k} [${Array(10)
            .fill(`*l${k - 1}`)
            .join(', ')}]`,
    );
    writeFileSync(file, `${levels.join('\n')}\nactivation: relu\ndepth: 2\n`);
    expect(() => readDataFile(file, 'spec file')).toThrow(InputError);
  });

  it('runs: a mutated simulation file parses or is refused in one line', () => {
    fc.assert(
      fc.property(mutation, ({ path, value, remove }) => {
        const json = mutate(RUN, path, value, remove);
        expect(refusedOrFinite(() => parseSimulation(json).inputs)).toEqual([]);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('merge: a mutated shard is refused in one line, or merges to the numbers of the true shards', () => {
    const truth = mergePartials(parts, ['p1.json', 'p2.json']).quantities;
    // Besides random paths, the fields a hand edit would change, set to plausible integers.
    const counted = fc.record({
      keys: fc.constantFrom(['totals', 'count'], ['totals', 'size'], ['config', 'samples'], ['shard', 'index']),
      value: fc.oneof(fc.integer({ min: 0, max: 300 }), weird),
    });
    const edit = fc.oneof(
      mutation.map((m) => (p: unknown) => mutate(p, m.path, m.value, m.remove)),
      counted.map((m) => (p: unknown) => {
        touched = [...m.keys];
        const copy = structuredClone(p) as Record<string, Record<string, unknown>>;
        copy[m.keys[0]][m.keys[1]] = m.value;
        return copy;
      }),
    );
    // Each edit is tried as it is, and with the checksum stamped again (as a tool that knew the
    // format would): the checks behind the checksum must hold on their own.
    const stamp = (p: unknown) =>
      typeof p === 'object' && p !== null && !Array.isArray(p)
        ? { ...p, checksum: partialChecksum(p as PartialContent) }
        : p;
    fc.assert(
      fc.property(fc.nat(1), edit, fc.boolean(), (which, change, restamp) => {
        const files = parts.map((p, i) => (i !== which ? p : restamp ? stamp(change(p)) : change(p)));
        let merged: unknown;
        expect(refusedOrFinite(() => (merged = mergePartials(files, ['p1.json', 'p2.json']).quantities))).toEqual([]);
        // Without a new checksum an accepted file is the true one. With one, only an edit of the
        // exact sums themselves can pass unnoticed (docs/reliability.md); an edited count, block
        // list, size or run description that is accepted must change nothing.
        if (merged !== undefined && (!restamp || !touched.includes('partials'))) expect(merged).toEqual(truth);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
