import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-spec-'));
const file = (name: string, data: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** The CLI in a child process; the cases of a test run concurrently (each start costs ~0.3-2 s). */
const run = (...args: string[]) =>
  new Promise<Run>((resolve) =>
    execFile(process.execPath, [MAIN, ...args], { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    ),
  );

/** Runs a command with --json, feeds its spec back with --spec (JSON and YAML), and expects the same output. */
async function roundTrip(name: string, args: string[], rest: string[]): Promise<void> {
  const first = await run(...args, '--json');
  expect(first.code, first.stderr).toBe(0);
  const spec = JSON.parse(first.stdout).spec;
  const again = await Promise.all([
    run(args[0], '--spec', file(`${name}.json`, spec), ...rest, '--json'),
    run(args[0], '--spec', file(`${name}.yaml`, stringify(spec)), ...rest, '--json'),
  ]);
  for (const r of again) {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(first.stdout);
  }
}

describe('--spec FILE: a --json output`s spec reproduces the run', () => {
  it('kernel', () =>
    roundTrip(
      'kernel',
      [
        'kernel',
        '--activation',
        'leaky:0.1',
        '--depth',
        '3',
        '--sw2',
        '2,1,1/2',
        '--sb2',
        '0.1',
        '--x',
        '1,0',
        '--y',
        '0.6,0.8',
      ],
      ['--x', '1,0', '--y', '0.6,0.8'],
    ));

  it('kernel, standard parameterization with widths', () =>
    roundTrip(
      'standard',
      [
        'kernel',
        '--a',
        '0.2',
        '--b',
        '0.6',
        '--param',
        'standard',
        '--widths',
        '5,7',
        '--bias',
        'zero-init',
        '--x',
        '1,2',
      ],
      ['--x', '1,2'],
    ));

  it('simulate, uniform weights', () =>
    roundTrip(
      'simulate',
      [
        'simulate',
        '--sw2',
        '2',
        '--widths',
        '8,8',
        '--x',
        '1,0',
        '--y',
        '0,1',
        '--samples',
        '100',
        '--weights',
        'uniform',
        '--quiet',
      ],
      ['--x', '1,0', '--y', '0,1', '--samples', '100', '--quiet'],
    ));

  it("hanin-nica, with its ReLU'(0) convention", () =>
    roundTrip(
      'hanin-nica',
      ['hanin-nica', '--widths', '2,4,4,1', '--x', '1,1', '--exact', '--relu-prime-at-0', '1/2'],
      ['--x', '1,1', '--exact'],
    ));
});

describe('--spec FILE: options beside it, whole runs, and bad files', () => {
  const net = file('net.yaml', 'activation: relu\nsigma_w2: "2"\nhidden_widths: [8, 8]\n');

  it('options replace the fields they set; the depth follows from the widths', async () => {
    const [a, b, c] = await Promise.all([
      run('kernel', '--spec', net, '--x', '1,0', '--json'),
      run('kernel', '--spec', net, '--sw2', '1', '--x', '1,0', '--json'),
      run('kernel', '--spec', net, '--width', '3', '--depth', '5', '--x', '1,0', '--json'),
    ]);
    expect(JSON.parse(a.stdout).spec).toMatchObject({ depth: 3, sigma_w2: ['2', '2', '2'], hidden_widths: [8, 8] });
    expect(JSON.parse(b.stdout).spec).toMatchObject({ depth: 3, sigma_w2: ['1', '1', '1'] });
    expect(JSON.parse(c.stdout).spec).toMatchObject({ depth: 5, hidden_widths: [3, 3, 3, 3] });
  });

  it('simulate reads a whole run; options override its fields', async () => {
    const runFile = file(
      'run.yaml',
      'spec: {sigma_w2: 2, hidden_widths: [8, 8]}\ninputs: [[1, 0], [0, 1]]\nsamples: 100\nseed: 3\n',
    );
    const [a, b] = await Promise.all([
      run('simulate', '--spec', runFile, '--json', '--quiet'),
      run('simulate', '--spec', runFile, '--seed', '4', '--x', '1,1', '--json', '--quiet'),
    ]);
    expect(JSON.parse(a.stdout)).toMatchObject({
      seed: 3,
      samples: 100,
      networks: 100,
      inputs: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(JSON.parse(b.stdout)).toMatchObject({ seed: 4, samples: 100, inputs: [[1, 1]] });
  });

  it('bad spec files: one line naming the file and the field, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['kernel', '--spec', file('t.json', { depth: '3x' }), '--x', '1'],
        /t\.json: depth must be a positive integer, got "3x"/,
      ],
      [['kernel', '--spec', file('m.json', { activation: 'relu' }), '--x', '1'], /m\.json: depth is missing/],
      [
        ['kernel', '--spec', file('u.json', { depth: 2, sigma: 1 }), '--x', '1'],
        /u\.json: unknown field "sigma" is not allowed/,
      ],
      [
        ['kernel', '--spec', file('n.json', '{"depth": 2, "sigma_w2": NaN}'), '--x', '1'],
        /spec file ".*n\.json" is not valid JSON/,
      ],
      [
        ['kernel', '--spec', file('n.yaml', 'depth: 2\nsigma_w2: .nan\n'), '--x', '1'],
        /n\.yaml: sigma_w2: "NaN" is not a finite number/,
      ],
      [
        ['kernel', '--spec', file('w.json', { hidden_widths: [4, -1] }), '--x', '1'],
        /w\.json: hidden_widths\[1\] must be a positive integer, got "-1"/,
      ],
      [
        ['kernel', '--spec', file('a.json', [1, 2]), '--x', '1'],
        /a\.json: \[1,2\] is not allowed \(expected object, received array\)/,
      ],
      [['kernel', '--spec', file('e.yaml', ''), '--x', '1'], /spec file ".*e\.yaml" is empty/],
      [['kernel', '--spec', join(dir, 'missing.yaml'), '--x', '1'], /cannot read spec file ".*missing\.yaml": ENOENT/],
      [
        ['kernel', '--spec', net, '--depth', '4', '--x', '1'],
        /net\.yaml: hidden_widths: 2 widths do not match --depth 4/,
      ],
      [
        ['simulate', '--spec', file('r.json', { spec: { width: 4, depth: 2 }, inputs: [[1, 0], [1]], samples: 10 })],
        /r\.json: inputs: vector 1 has length 1 but the inputs have dimension 2/,
      ],
      [
        [
          'simulate',
          '--spec',
          file('r2.json', { spec: { depth: 2, width: 4 }, inputs: [[1]], samples: 10, sample: 1 }),
        ],
        /r2\.json: unknown field "sample"/,
      ],
      [
        ['hanin-nica', '--spec', net, '--x', '1,1'],
        /net\.yaml: bias "absent" is not the Hanin-Nica network's; .* e\.g\. "bias": "zero-init"/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => run(...args)));
    results.forEach((r, i) => {
      expect(r.code, `${cases[i][0].join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/^ntkcalc: error: [^\n]*\n$/);
      expect(r.stderr).toMatch(cases[i][1]);
    });
  });
});

describe('--spec FILE on the commands that compute one paper`s network', () => {
  it('finite-width', () =>
    roundTrip('finite-width', ['finite-width', '--activation', 'leaky:0.1', '--depth', '4', '--width', '64'], []));

  it("dispersion, with its ReLU'(0) convention", () =>
    roundTrip(
      'dispersion',
      ['dispersion', '--sw2', '2.2', '--depth', '3', '--width', '8', '--n0', '5', '--relu-prime-at-0', '1/2'],
      ['--n0', '5'],
    ));

  it('spectrum', () =>
    roundTrip(
      'spectrum',
      ['spectrum', '--activation', 'abs', '--depth', '8', '--inputs', 'examples/sphere16.json'],
      ['--inputs', 'examples/sphere16.json'],
    ));

  it('phase reads the gain and bias variance of a network file', async () => {
    const net = file('phase.yaml', 'activation: abs\nsigma_w2: 0.9\nsigma_b2: 0.1\nhidden_widths: [8]\n');
    const [fromFile, fromOptions] = await Promise.all([
      run('phase', '--spec', net, '--json'),
      run('phase', '--activation', 'abs', '--sw2', '0.9', '--sb2', '0.1', '--json'),
    ]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toBe(fromOptions.stdout);
  });

  it('a file of another network, a bad field, or options beside --spec: one line naming the file and field, exit 2', async () => {
    const abs = file('abs.json', { activation: 'abs', sigma_w2: 2, depth: 3 });
    const cases: [string[], RegExp][] = [
      [
        ['finite-width', '--spec', abs],
        /abs\.json: sigma_w2 \["2","2","2"\] is not the critical network's; finite-width computes .* e\.g\. "sigma_w2": \["1","1","1"\]/,
      ],
      [
        ['finite-width', '--spec', file('t.json', { depth: '3x' })],
        /t\.json: depth must be a positive integer, got "3x"/,
      ],
      [['finite-width', '--spec', abs, '--depth', '3'], /^ntkcalc: error: give either --spec or --depth, not both/],
      [
        ['phase', '--spec', file('layers.json', { activation: 'relu', depth: 2, sigma_w2: [2, 1] })],
        /layers\.json: sigma_w2 \["2","1"\] is not one value on every layer; phase takes one sigma_w\^2/,
      ],
      [
        [
          'dispersion',
          '--spec',
          file('ntk.json', { activation: 'relu', sigma_w2: 2, hidden_widths: [8, 8] }),
          '--n0',
          '3',
        ],
        /ntk\.json: parameterization "ntk" is not the Seleznova-Kutyniok network's; .* e\.g\. "parameterization": "standard"/,
      ],
      [
        [
          'dispersion',
          '--spec',
          file('nowidth.json', {
            activation: 'relu',
            sigma_w2: 2,
            depth: 3,
            parameterization: 'standard',
            bias: 'zero-init',
          }),
          '--n0',
          '3',
        ],
        /nowidth\.json: hidden_widths is missing; dispersion computes/,
      ],
      [
        [
          'spectrum',
          '--spec',
          file('bias.json', { activation: 'relu', depth: 4, sigma_b2: 0.1 }),
          '--inputs',
          'examples/sphere16.json',
        ],
        /bias\.json: bias "present" is not the EOC network's; spectrum computes/,
      ],
      [
        ['hanin-nica', '--spec', file('hn.json', { activation: 'relu', depth: 2 }), '--x', '1,1'],
        /hn\.json: bias "absent" is not the Hanin-Nica network's/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => run(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i][0].join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(cases[i][1]);
    });
  });
});
