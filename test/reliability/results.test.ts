import { describe, expect, it } from 'vitest';
import { fromCoefficients } from '../../src/activation/family.js';
import { DomainError } from '../../src/errors.js';
import { concentrationBound } from '../../src/finite-width/concentration.js';
import { pairKernels } from '../../src/kernels/pair.js';
import { vectorNorm } from '../../src/kernels/recursion.js';
import { eocSpectrum } from '../../src/kernels/spectrum.js';
import { cli } from '../helpers/cli.js';
import { spec as network } from '../helpers/specs.js';

/** Silently wrong results of issue 14: each case gives the right number or a one-line refusal. */
describe('exact values of extreme rationals', () => {
  it('keeps kappa exact for a = 10^-20, b = 1 (was (10^20 + 1)/10^20 with LaTeX 1)', () => {
    const r = cli(
      'formulas',
      'eval',
      'activation/kappa',
      '--set',
      'a=1/100000000000000000000',
      '--set',
      'b=1',
      '--exact',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const exact = JSON.stringify(out);
    // kappa = (1 + 10^-20)/sqrt(1 + 10^-40) = (10^20 + 1)/sqrt(10^40 + 1): irrational, not (10^20 + 1)/10^20.
    expect(exact).toContain('sqrt(10000000000000000000000000000000000000001)');
    expect(exact).not.toContain('100000000000000000001/100000000000000000000');
    expect(exact).not.toMatch(/\de\+\d/);
  });

  it('writes big rationals in full in LaTeX (was \\frac{1e+40}{1e+40})', () => {
    const r = cli('constants', '--a', '1/100000000000000000000', '--b', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\de\+\d/);
    expect(r.stdout).toContain(
      '\\\\frac{10000000000000000000000000000000000000001}{10000000000000000000000000000000000000000}',
    );
  });
});

describe('tiny and huge inputs', () => {
  const spec = network('relu', 3);
  const cosines = (x: number[], y: number[]) => pairKernels(spec, x, y).map((l) => l.cosine);

  it('norms come from scaled vectors', () => {
    expect(vectorNorm([3e-200, 4e-200])).toBeCloseTo(5e-200, 210);
    expect(vectorNorm([3e200, 4e200]) / 5e200).toBeCloseTo(1, 15);
    expect(vectorNorm([0, 0])).toBe(0);
  });

  it('1e-150 and 1e150 inputs give the cosines of 1 and 2 (were 0 covariances and overflow)', () => {
    const ref = cosines([1, 0], [2, 1]);
    for (const s of [1e-150, 1e150]) {
      const got = cosines([s, 0], [2 * s, s]);
      got.forEach((c, l) => expect(c).toBeCloseTo(ref[l], 14));
      const layers = pairKernels(spec, [s, 0], [2 * s, s]);
      expect(layers[2].nngp.xy / (s * s)).toBeCloseTo(pairKernels(spec, [1, 0], [2, 1])[2].nngp.xy, 12);
    }
  });

  it('inputs whose squared norm leaves Float64 are refused, not taken for zero (was cosine 0)', () => {
    expect(() => pairKernels(spec, [1e-200, 0], [2e-200, 0])).toThrow(DomainError);
    expect(() => pairKernels(spec, [1e-200, 0], [2e-200, 0])).toThrow(/rescale the inputs/);
    expect(() => pairKernels(spec, [1e200, 0], [0, 1e200])).toThrow(/rescale the inputs/);
  });

  it('a bias keeps tiny inputs meaningful: the cosine is 1 for two inputs of norm 1e-200', () => {
    const biased = network('relu', 3, { sb2: '1' });
    expect(pairKernels(biased, [1e-200, 0], [0, 2e-200])[0].cosine).toBe(1);
  });

  it('a bias variance of 1e-300 at depth 10^5 keeps the cosine finite (was NaN)', () => {
    const r = cli('kernel', '--depth', '100000', '--sw2', '1.99', '--sb2', '1e-300', '--x', '1,0', '--y', '0,1');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    expect(r.stdout).toMatch(/^100000 .* 0\.99999999556\d*$/m);
  });

  it('a cosine near 0 keeps its relative digits: 1e-300 / 0.995 at layer 1 (was -2.2e-16)', () => {
    const r = cli('kernel', '--depth', '2', '--sw2', '1.99', '--sb2', '1e-300', '--x', '1,0', '--y', '0,1');
    expect(r.stdout).toMatch(/^1 .* 1\.00502512563e-300$/m);
    // Away from 0, and without a bias, the cosine is the distance form's, as before.
    const [diagonal] = pairKernels(network('relu', 3, { sb2: '1' }), [1, 0], [1, 1]);
    expect(diagonal.cosine).toBe(1 - 2 * diagonal.cosineDistance);
    const [, unbiased] = pairKernels(network('relu', 3), [1, 0], [0, 1]);
    expect(unbiased.cosine).toBe(1 - 2 * unbiased.cosineDistance);
  });

  it('spectrum: orthogonal inputs of norm 1e100 are not parallel; 1e200 is refused for its range, not as parallel', () => {
    const one = eocSpectrum(0.5, 3, [
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const big = eocSpectrum(0.5, 3, [
      [1e100, 0],
      [0, 1e100],
      [1e100, 1e100],
    ]);
    expect(big.conditionNumber).toBeCloseTo(one.conditionNumber, 10);
    expect(() =>
      eocSpectrum(0.5, 3, [
        [1e200, 0],
        [0, 1e200],
      ]),
    ).toThrow(/norm 1.000e\+200: the NTK matrix entries/);
  });

  it('hanin-nica: x = 1e-200 is not the zero vector; its Float64 moments are refused, its exact ones computed', () => {
    const float = cli('hanin-nica', '--widths', '2,4,4,1', '--x', '1e-200,0');
    expect(float.code).toBe(2);
    expect(float.stderr).toMatch(/\|x\|\^4 leaves the Float64 range.*--exact/);
    const exact = cli('hanin-nica', '--widths', '2,4,4,1', '--x', '1e-200,0', '--exact', '--json');
    expect(exact.code).toBe(0);
    expect(exact.stdout).toContain('"scientific": "1.5e-400"');
  });

  it('concentration: b = 1e-200 is not linear; its Delta^-2 = 1e800 is refused for its range', () => {
    expect(() =>
      concentrationBound(fromCoefficients('1', '1e-200'), {
        depth: 3,
        baseWidth: 10,
        points: 3,
        outDim: 1,
        tauMax: 1,
        constant: 1,
      }),
    ).toThrow(/Delta_phi = 1e-400: the theorem's Delta_phi\^-2 leaves the Float64 range/);
    expect(() =>
      concentrationBound(fromCoefficients('1', '0'), {
        depth: 3,
        baseWidth: 10,
        points: 3,
        outDim: 1,
        tauMax: 1,
        constant: 1,
      }),
    ).toThrow(/linear activation/);
  });
});

describe('domain checks of exact inputs are exact', () => {
  it.each([
    [['infinite-width/varrho', '--set', 'rho=1.0000000000000000001', '--set', 'Delta=1/2'], /Float64 rounds it to 1/],
    [
      [
        'infinite-width/dual-phi',
        '--set',
        'a=1/2',
        '--set',
        'b=1/2',
        '--set',
        'q1=1',
        '--set',
        'q2=1',
        '--set',
        'c=1.0000001',
      ],
      /c\^2 <= q1 q2/,
    ],
    [
      [
        'hanin-nica/lemma7-kw2',
        '--set',
        'd=2',
        '--set',
        'n=2',
        '--set',
        'n0=2',
        '--set',
        'q=1',
        '--set',
        'q4=0',
        '--set',
        'mu4=3',
      ],
      /0 < q4 <= q\^2/,
    ],
  ])('formulas eval %s is refused', (args, message) => {
    const r = cli('formulas', 'eval', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('activation coefficients', () => {
  it('refuses coefficients whose A_4 leaves Float64, and a = b = 1e-300 without an internal error', () => {
    expect(() => fromCoefficients('1e300', '1')).toThrow(/max\(\|a\|, \|b\|\) = 1e300 is outside 1e-75..1e75/);
    expect(() => fromCoefficients('1e-300', '1e-300')).toThrow(/outside 1e-75..1e75/);
    const r = cli('constants', '--a', '1e-400', '--b', '1');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
