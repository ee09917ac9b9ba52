import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-cli-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('ntkcalc constants', () => {
  it('prints the JSON shape scripts rely on', () => {
    const j = cliJson<{
      constants: Record<string, { exact: string; latex: string; value: number }>;
      eoc: Record<string, { exact: string; value: number }>;
    }>('constants', '--activation', 'relu');
    for (const k of ['Delta', 'kappa', 'A2', 'A4', 'r'])
      expect(Object.keys(j.constants[k])).toEqual(expect.arrayContaining(['exact', 'latex', 'value']));
    expect(j.constants.Delta.exact).toBe('1/2');
    expect(j.constants.kappa.exact).toBe('sqrt(2)');
    expect(j.eoc.sigma_w2.exact).toBe('2');
    expect(j.eoc.sigma_b2.value).toBe(0);
  });

  it('keeps explicit --a/--b exact', () => {
    const j = cliJson<{ constants: { Delta: { exact: string } } }>('constants', '--a', '0.55', '--b', '9/20');
    expect(j.constants.Delta.exact).toBe('81/202');
  });

  it('prints a readable table', () => {
    const r = cli('constants', '--activation', 'leaky:0.1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Delta_phi\s+81\/202\s+0\.4009900990099/);
  });
});

describe('ntkcalc phase', () => {
  it('classifies ReLU at sigma_w^2 = 1, 2, 2.2', () => {
    expect(
      cliJson<{ phase: string; chi1: number; qstar: number | null }>('phase', '--activation', 'relu', '--sw2', '1'),
    ).toMatchObject({ phase: 'ordered', chi1: 0.5, qstar: 0 });
    expect(
      cliJson<{ phase: string; qstar: number | null }>('phase', '--activation', 'relu', '--sw2', '2'),
    ).toMatchObject({ phase: 'eoc', qstar: null });
    expect(
      cliJson<{ phase: string; qstar: number | null }>('phase', '--activation', 'relu', '--sw2', '2.2', '--sb2', '0.1'),
    ).toMatchObject({ phase: 'chaotic', qstar: null, variance: 'grows without bound' });
  });

  it('gives q* = sigma_b^2/(1 - chi_1) and the depth scale in the ordered phase', () => {
    const j = cliJson<{ qstar: number; correlation_depth_scale: number; rule: string }>(
      'phase',
      '--activation',
      'abs',
      '--sw2',
      '0.5',
      '--sb2',
      '0.25',
    );
    expect(j.qstar).toBeCloseTo(0.5, 15);
    expect(j.correlation_depth_scale).toBeCloseTo(1 / Math.log(2), 14);
    expect(j.rule).toMatch(/chi_1/);
  });

  it('says when the variance grows without bound', () => {
    expect(cli('phase', '--activation', 'relu', '--sw2', '2', '--sb2', '1').stdout).toMatch(/grows without bound/);
  });
});

describe('ntkcalc kernel', () => {
  it('--x/--y: per-layer NNGP and NTK in the documented shape', () => {
    const j = cliJson<{ layers: { layer: number; nngp: Record<string, number>; ntk: Record<string, number> }[] }>(
      'kernel',
      '--activation',
      'relu',
      '--depth',
      '3',
      '--x',
      '1,0',
      '--y',
      '0,1',
    );
    expect(j.layers.map((l) => l.layer)).toEqual([1, 2, 3]);
    expect(Object.keys(j.layers[0].ntk).sort()).toEqual(['xx', 'xy', 'yy']);
    // canonical: Theta = sigma^2 u_l / n_0 = 2 u_3 / 2 for ReLU at the EOC (docs/theory.md T6.3)
    expect(j.layers[2].ntk.xy).toBeCloseTo(0.685708636283, 11);
  });

  it('--x alone: the diagonal only, with the derivative kernel', () => {
    const j = cliJson<{ layers: { layer: number; nngp: number; sdot: number | null; ntk: number }[] }>(
      'kernel',
      '--activation',
      'relu',
      '--depth',
      '3',
      '--x',
      '1,0,2',
    );
    expect(j.layers.map((l) => l.ntk)).toEqual([10 / 3, 20 / 3, 10].map((v) => expect.closeTo(v, 13)));
    expect(j.layers[0].sdot).toBeNull();
    expect(j.layers[1].sdot).toBe(1);
  });

  it('--inputs: Gram matrices of the last layer, or all layers', () => {
    const inputs = file('in.json', '[[1,0],[0,1],[0.6,0.8]]');
    const j = cliJson<{ nngp: number[][]; ntk: number[][] }>(
      'kernel',
      '--activation',
      'abs',
      '--depth',
      '4',
      '--inputs',
      inputs,
    );
    expect(j.ntk).toHaveLength(3);
    expect(j.ntk[0][1]).toBe(j.ntk[1][0]);
    const all = cliJson<{ layers: unknown[] }>(
      'kernel',
      '--activation',
      'abs',
      '--depth',
      '4',
      '--inputs',
      inputs,
      '--all-layers',
    );
    expect(all.layers).toHaveLength(4);
  });

  it('--asymptotics at the EOC prints the depth asymptotics', () => {
    const r = cli('kernel', '--activation', 'abs', '--depth', '20', '--x', '1,0', '--y', '0,1', '--asymptotics');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ICD approx/);
  });

  it('deep networks: the text table shows the first and last ten layers, --json every layer', () => {
    const r = cli('kernel', '--depth', '300', '--x', '1,0', '--y', '0,1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^10 .*\n\.\.\. .*\n291 /m);
    expect(r.stdout).toMatch(/\(280 layers not shown; --json gives every layer\)/);
    expect(r.stdout).not.toMatch(/^11 /m);
    const j = cliJson<{ layers: { layer: number }[] }>(
      'kernel',
      '--depth',
      '300',
      '--x',
      '1,0',
      '--y',
      '0,1',
      '--json',
    );
    expect(j.layers.map((l) => l.layer)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('a zero input vector is valid and the output says what its kernel is', () => {
    const r = cli('kernel', '--activation', 'relu', '--depth', '2', '--x', '0,0', '--y', '1,0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/zero input vector has NNGP and NTK identically 0/);
  });

  it('standard parameterization needs and uses the widths', () => {
    const r = cli(
      'kernel',
      '--depth',
      '3',
      '--param',
      'standard',
      '--width',
      '100',
      '--x',
      '1,0',
      '--y',
      '0,1',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(cli('kernel', '--depth', '3', '--param', 'standard', '--x', '1,0', '--y', '0,1').stderr).toMatch(
      /needs the 2 hidden widths/,
    );
  });
});

describe('bad input: one clear line on stderr, exit code 2, no stack trace', () => {
  const bad: [string, string[], RegExp][] = [
    ['a = b = 0', ['constants', '--a', '0', '--b', '0'], /zero function/],
    ['unknown activation', ['constants', '--activation', 'tanh'], /unknown activation "tanh"/],
    ['--a without --b', ['constants', '--a', '1'], /--a and --b go together/],
    ['non-numeric --a', ['constants', '--a', 'x', '--b', '1'], /--a: "x" is not a number/],
    ['depth 0', ['kernel', '--depth', '0', '--x', '1', '--y', '1'], /--depth must be a positive integer/],
    [
      'depth 2.5',
      ['kernel', '--depth', '2.5', '--x', '1', '--y', '1'],
      /--depth must be a positive integer, got "2.5"/,
    ],
    ['negative sigma', ['kernel', '--depth', '2', '--sw2', '-1', '--x', '1', '--y', '1'], /--sw2: -1 is negative/],
    [
      'NaN sigma',
      ['kernel', '--depth', '2', '--sb2', 'NaN', '--x', '1', '--y', '1'],
      /--sb2: "NaN" is not a finite number/,
    ],
    [
      'NaN coordinate',
      ['kernel', '--depth', '2', '--x', '1,NaN', '--y', '1,0'],
      /--x coordinate 2: "NaN" is not a finite number/,
    ],
    [
      'inputs of different lengths',
      ['kernel', '--depth', '2', '--x', '1,0', '--y', '1,0,0'],
      /vector 1 has length 3 but the inputs have dimension 2/,
    ],
    ['no inputs at all', ['kernel', '--depth', '2'], /give --x/],
    ['--asymptotics without a pair', ['kernel', '--depth', '2', '--x', '1,0', '--asymptotics'], /needs a pair/],
    [
      'wrong number of per-layer gains',
      ['kernel', '--depth', '3', '--sw2', '2,2', '--x', '1', '--y', '1'],
      /--sw2: 2 values is not allowed for depth 3; give one value or 3 \(one per weight layer\)/,
    ],
    ['phase without --sw2', ['phase', '--activation', 'relu'], /--sw2 is required/],
    ['unknown option', ['kernel', '--depht', '2'], /unknown option/],
    [
      'bias mode contradicting sigma_b',
      ['kernel', '--depth', '2', '--sb2', '1', '--bias', 'absent', '--x', '1', '--y', '1'],
      /contradicts a nonzero --sb2/,
    ],
    // Without the cap the process ran out of heap (exit 134, a V8 dump) before any check.
    [
      'a depth beyond memory',
      ['kernel', '--depth', '1000000000', '--x', '1', '--y', '1'],
      /depth 1000000000 is beyond the supported 1,000,000 layers/,
    ],
    [
      'a Terjek depth beyond memory',
      ['spectrum', '--inputs', 'examples/sphere16.json', '--depth', '2000000'],
      /depth 2000000 is beyond the supported/,
    ],
  ];
  for (const [name, args, message] of bad) {
    it(name, () => {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }

  it('inputs files: unreadable, empty, malformed, ragged', () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /cannot read inputs file .*ENOENT/],
      [file('empty.json', ''), /is empty/],
      [file('bad.json', '[[1,0],'), /is not valid JSON/],
      [file('obj.json', '{"x": 1}'), /must hold a non-empty JSON array of vectors/],
      [file('none.json', '[]'), /must hold a non-empty JSON array/],
      [file('ragged.json', '[[1,0],[1,0,0]]'), /vector 1 has length 3 but the inputs have dimension 2/],
      [file('strings.json', '[[1,"a"]]'), /vector 0, coordinate 1 is "a", not a finite number/],
    ];
    for (const [path, message] of cases) {
      const r = cli('kernel', '--depth', '2', '--inputs', path);
      expect(r.code, path).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('overflow is reported, not printed as Infinity', () => {
    const r = cli('kernel', '--depth', '3000', '--sw2', '4', '--x', '1', '--y', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/overflows in Float64/);
  });
});

describe('npm start entry point', () => {
  it('the default report writes its folder and prints the canonical NTK that `kernel` prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-report-'));
    const r = cli('report', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Written to ${dir}/`);
    // Depth 2 of two orthogonal unit inputs at the EOC: Theta = 1/pi for ReLU and |s| (arc-cosine kernels).
    expect(r.stdout).toMatch(/\n2\s+2\s+0\.318309886\s+0\.318309886\s/);
    const kernel = cliJson<{ layers: { ntk: { xy: number } }[] }>(
      'kernel',
      '--activation',
      'abs',
      '--depth',
      '10',
      '--x',
      '1,0',
      '--y',
      '0,1',
    );
    expect(r.stdout).toMatch(new RegExp(`\\n10\\s+10\\s+\\S+\\s+${kernel.layers[9].ntk.xy.toPrecision(9)}\\s`));
  });
});
