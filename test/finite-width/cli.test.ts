import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skDispersion } from '../../src/finite-width/dispersion.js';
import { ntkMoments } from '../../src/finite-width/exactMoments.js';
import { exactField } from '../../src/finite-width/field.js';
import { haninNicaNet } from '../../src/finite-width/network.js';
import { Fraction } from '../../src/util/exact.js';
import { cli, cliJson } from '../helpers/cli.js';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

/** These tests pin values under PyTorch's ReLU'(0) = 0, so they ask for it (the default is phi'(0) = a = 1/2). */
const PYTORCH_RELU_PRIME = ['--relu-prime-at-0', '0'];

type Q = { exact: string | null; value: number; formula?: string };

/** Bad input: exit 2 and one line on stderr. The cases run concurrently (each spawn costs ~2 s). */
async function expectBadInputs(cases: [string[], RegExp][]) {
  const results = await Promise.all(
    cases.map(
      ([args]) =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile(process.execPath, [MAIN, ...args], { encoding: 'utf8' }, (err, _stdout, stderr) =>
            resolve({ code: err ? Number(err.code) : 0, stderr }),
          );
        }),
    ),
  );
  results.forEach((r, i) => {
    const [args, message] = cases[i];
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
}

describe('ntkcalc hanin-nica', () => {
  it('TV4 as exact rationals with the documented JSON shape', () => {
    const j = cliJson<
      Record<string, Q> & {
        brackets: { thm1: Record<string, number>; thm2: Record<string, number> };
        convention: string;
      }
    >('hanin-nica', ...PYTORCH_RELU_PRIME, '--widths', '2,4,4,1', '--x', '1,1', '--exact');
    expect(j.EK).toMatchObject({ exact: '159/32', value: 4.96875, formula: 'hanin-nica/mean' });
    expect(j.EKw.exact).toBe('3');
    expect(j.EKb.exact).toBe('63/32');
    expect(j.EK2.exact).toBe('14875/256');
    expect(j.EdK.exact).toBe('-85/4');
    expect(j.EDww.exact).toBe('15/2');
    expect(j.EDwb.exact).toBe('25/16');
    expect(j.brackets.thm1.with_beta_hidden).toBeCloseTo(128.644, 3);
    expect(j.brackets.thm1.beta_printed).toBe(1.5);
    expect(j.brackets.thm2.ratio_exact_over_hidden).toBeCloseTo(6.08, 2);
    expect(j.convention).toMatch(/^hanin-nica/);
  });

  it('Lemma 7 at mu_4 = 9/5 (TV3), exact coordinates', () => {
    const j = cliJson<{ lemma7: { mu4: string; EKw2: Q; EDww: Q }; EK2: Q }>(
      'hanin-nica',
      ...PYTORCH_RELU_PRIME,
      '--widths',
      '3,2,2,1',
      '--x',
      '1,1/2,-1',
      '--mu4',
      '9/5',
      '--exact',
    );
    expect(j.lemma7.mu4).toBe('9/5');
    expect(j.lemma7.EKw2.exact).toBe('38137/1600');
    expect(j.EK2.exact).toBe('4651/64');
  });

  it('Float64 without --exact; d = 1 marks Theorem 2 as not applicable', () => {
    const j = cliJson<{ EK: Q; brackets: { thm2: { applicable: boolean; reason: string } } }>(
      'hanin-nica',
      ...PYTORCH_RELU_PRIME,
      '--widths',
      '2,1',
      '--x',
      '1,1',
    );
    expect(j.EK).toMatchObject({ exact: null, value: 2 });
    expect(j.brackets.thm2.applicable).toBe(false);
    expect(j.brackets.thm2.reason).toMatch(/d >= 2/);
  });

  it('prints a table with the paper values beside the corrected ones', () => {
    const r = cli('hanin-nica', ...PYTORCH_RELU_PRIME, '--widths', '2,3,1', '--x', '1,1', '--exact');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/E\[K\]\s+7\/2/);
    expect(r.stdout).toMatch(/as printed in Thm\. 1 \(wrong\)\s+3\s/);
  });

  it('bad input: one line, exit 2', async () => {
    await expectBadInputs([
      [['hanin-nica', '--widths', '2,3,2', '--x', '1,1'], /output width n_d must be 1/],
      [['hanin-nica', '--widths', '2,0,1', '--x', '1,1'], /positive integer/],
      [['hanin-nica', '--widths', '2,3,1', '--x', '1,1,1'], /3 coordinates but n_0 = 2/],
      [['hanin-nica', '--widths', '2,3,1', '--x', '1,abc'], /not a (finite )?number/],
      [['hanin-nica', '--widths', '2,3,1', '--x', '0,0', '--exact'], /x != 0/],
      [['hanin-nica', '--widths', '2,3,1', '--x', '1,1', '--mu4', '1/2'], /mu4.*>= 1/],
    ]);
  });
});

describe('--relu-prime-at-0: the inactive-layer convention reaches the engine', () => {
  // Widths 3,2,2,1 are partly inactive with probability 7/16, so the two conventions differ (by 1/16 in E[K]).
  it('hanin-nica: 1/2 (default) and 0 give the engine values of that convention, and say which', () => {
    const net = haninNicaNet(exactField, [3, 2, 2, 1], new Fraction(3));
    for (const [flag, dead] of [
      ['0', 'exact'],
      ['1/2', 'canonical'],
    ] as const) {
      const j = cliJson<{ EK: Q; EK2: Q; input: { relu_prime_at_0: string }; convention: string }>(
        'hanin-nica',
        '--widths',
        '3,2,2,1',
        '--x',
        '1,1,1',
        '--exact',
        '--relu-prime-at-0',
        flag,
      );
      const m = ntkMoments(exactField, net, { deadLayers: dead });
      expect(j.EK.exact).toBe(m.EK.toFraction());
      expect(j.EK2.exact).toBe(m.EK2.toFraction());
      expect(j.input.relu_prime_at_0).toBe(flag);
      expect(j.convention).toContain(`ReLU'(0) = ${flag}`);
    }
    expect(
      ntkMoments(exactField, net, { deadLayers: 'canonical' }).EK.sub(ntkMoments(exactField, net).EK).toFraction(),
    ).toBe('1/16');
  });

  it("without the option both commands use the canonical phi'(0) = a = 1/2 and say so", () => {
    const net = haninNicaNet(exactField, [3, 2, 2, 1], new Fraction(3));
    const j = cliJson<{ EK: Q; convention: string }>('hanin-nica', '--widths', '3,2,2,1', '--x', '1,1,1', '--exact');
    expect(j.EK.exact).toBe(ntkMoments(exactField, net, { deadLayers: 'canonical' }).EK.toFraction());
    expect(j.convention).toContain("ReLU'(0) = 1/2");
    const d = cli('dispersion', '--sw2', '2', '--depth', '8', '--width', '4', '--n0', '4', '--exact');
    const canonical = skDispersion(exactField, new Fraction(2), 8, 4, 4, new Fraction(1), 'both', {
      deadLayers: 'canonical',
    });
    expect(d.stdout).toMatch(new RegExp(`D = E\\[K\\^2\\]/E\\[K\\]\\^2 +${canonical.D.toFraction()} =`));
    expect(d.stdout).toMatch(/ReLU'\(0\) = 1\/2: ntkcalc's canonical phi'\(0\) = a/);
  });

  it('dispersion: the same switch for the SK setup at M = 4', () => {
    const j = cliJson<{ D: Q }>(
      'dispersion',
      '--sw2',
      '2',
      '--depth',
      '8',
      '--width',
      '4',
      '--n0',
      '4',
      '--exact',
      '--relu-prime-at-0',
      '1/2',
    );
    const r = skDispersion(exactField, new Fraction(2), 8, 4, 4, new Fraction(1), 'both', { deadLayers: 'canonical' });
    expect(j.D.exact).toBe(r.D.toFraction());
    expect(j.D.exact).not.toBe(skDispersion(exactField, new Fraction(2), 8, 4, 4, new Fraction(1)).D.toFraction());
  });
});

describe('ntkcalc dispersion', () => {
  it('an exact point with phase and limit', () => {
    const j = cliJson<{ EK: Q; EK2: Q; D: Q; phase: string; limit: { formula: string; D: Q } }>(
      'dispersion',
      ...PYTORCH_RELU_PRIME,
      '--sw2',
      '2',
      '--depth',
      '2',
      '--width',
      '4',
      '--n0',
      '3',
      '--exact',
    );
    expect(j.EK.exact).toBe('317/48');
    expect(j.EK2.exact).toBe('20525/192');
    expect(j.D.exact).toBe('246300/100489');
    expect(j.phase).toBe('eoc');
    expect(j.limit.formula).toBe('seleznova-kutyniok/eoc-limit');
  });

  it('weights only at M = n0 = 100, L = 49 is the same in every phase', () => {
    const j = cliJson<{ D: Q; limit: { formula: string } }>(
      'dispersion',
      ...PYTORCH_RELU_PRIME,
      '--sw2',
      '3.5',
      '--depth',
      '49',
      '--width',
      '100',
      '--n0',
      '100',
      '--include',
      'weights',
    );
    expect(j.D.value).toBeCloseTo(6.9983, 4);
    expect(j.limit.formula).toBe('seleznova-kutyniok/weights-limit');
  });

  it('ordered phase reports the fixed-M limit, or that there is none', () => {
    expect(
      cliJson<{ limit: { D: Q } }>(
        'dispersion',
        ...PYTORCH_RELU_PRIME,
        '--sw2',
        '1',
        '--depth',
        '5',
        '--width',
        '100',
        '--n0',
        '100',
        '--exact',
      ).limit.D.exact,
    ).toBe('60/59');
    expect(
      cliJson<{ limit: { D: Q | null; note: string } }>(
        'dispersion',
        ...PYTORCH_RELU_PRIME,
        '--sw2',
        '1.96',
        '--depth',
        '5',
        '--width',
        '100',
        '--n0',
        '100',
      ).limit,
    ).toMatchObject({ D: null, note: expect.stringMatching(/unbounded/) });
  });

  it('--grid prints the authors grid', () => {
    const j = cliJson<{ grid: { sw2: string[]; rows: { L: number; D: number[] }[] } }>(
      'dispersion',
      ...PYTORCH_RELU_PRIME,
      '--grid',
    );
    expect(j.grid.sw2).toHaveLength(11);
    expect(j.grid.rows).toHaveLength(49);
    expect(j.grid.rows[48].D[7]).toBeCloseTo(6.2943, 4);
    expect(cli('dispersion', ...PYTORCH_RELU_PRIME, '--grid').stdout).toMatch(/sw2=3\.5/);
  });

  it('--limit gives the joint limits', () => {
    const j = cliJson<{ D_eoc: { value: number }; D_weights: { value: number }; D_biases: { value: number } }>(
      'dispersion',
      '--limit',
      '--lambda',
      '0.5',
      '--omega',
      '10',
    );
    expect(j.D_eoc.value).toBeCloseTo(6.971364, 6);
    expect(j.D_weights.value).toBeCloseTo(7.760316, 6);
    expect(j.D_biases.value).toBeCloseTo(2.778398, 6);
  });

  it('beyond the Float64 range: --exact stays exact (value null, scientific digits); Float64 refuses and points to --exact', async () => {
    const j = cliJson<{ EK: Q; EK2: Q & { scientific?: string }; D: Q }>(
      'dispersion',
      ...PYTORCH_RELU_PRIME,
      '--sw2',
      '100',
      '--depth',
      '100',
      '--width',
      '2',
      '--n0',
      '2',
      '--exact',
    );
    expect(j.EK2.value).toBeNull();
    expect(j.EK2.scientific).toBe('5.65293931865e+397');
    expect(j.EK2.exact).toMatch(/^\d+\/\d+$/);
    expect(j.D.value).toBeCloseTo(8.728576924053e53, -41);
    expect(
      cli('dispersion', ...PYTORCH_RELU_PRIME, '--sw2', '100', '--depth', '100', '--width', '2', '--n0', '2', '--exact')
        .stdout,
    ).toMatch(/E\[K\^2\] .* = 5\.65293931865e\+397/);
    await expectBadInputs([
      [
        ['dispersion', '--sw2', '100', '--depth', '100', '--width', '2', '--n0', '2'],
        /^ntkcalc: error: E\[K\^2\] exceeds the Float64 range .* use exact rationals \(--exact\)/,
      ],
    ]);
  });

  it('bad input: one line, exit 2', async () => {
    await expectBadInputs([
      [['dispersion', '--sw2', '-1', '--depth', '2', '--width', '4', '--n0', '3'], /--sw2 must be > 0/],
      [['dispersion', '--sw2', '2', '--depth', '0', '--width', '4', '--n0', '3'], /--depth.*positive integer/],
      [['dispersion', '--sw2', '2', '--depth', '2', '--n0', '3'], /--width is required/],
      [
        ['dispersion', '--sw2', '2', '--depth', '2', '--width', '4', '--n0', '3', '--include', 'all'],
        /--include must be one of/,
      ],
      [['dispersion', '--limit', '--lambda', '-1'], /lambda/],
    ]);
  });
});
