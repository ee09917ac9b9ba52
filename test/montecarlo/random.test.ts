import { describe, expect, it } from 'vitest';
import { networkStream } from '../../src/montecarlo/random.js';
import { ksTwoSample } from '../../src/montecarlo/statistics.js';

const N = 1_000_000;

function draws(generator: 'fast' | 'stdlib', seed: number, index = 0, n = N): Float64Array {
  const out = new Float64Array(n);
  networkStream(seed, index, generator).fillNormal(out);
  return out;
}

function moment(x: Float64Array, k: number): number {
  let s = 0;
  for (const v of x) s += v ** k;
  return s / x.length;
}

describe('fast normal generator against the stdlib improved ziggurat', () => {
  const fast = draws('fast', 1);
  const lib = draws('stdlib', 2);

  it('same law: two-sample KS at 10^6 draws each, and it rejects a 2% scale error', () => {
    expect(ksTwoSample(fast, lib).pValue).toBeGreaterThan(1e-3);
    expect(
      ksTwoSample(
        fast,
        lib.map((v) => 1.02 * v),
      ).pValue,
    ).toBeLessThan(1e-6);
  });

  it('moments 1-4 within 5 standard errors of N(0,1)', () => {
    // sd of the sample moment: sqrt((E x^2k - (E x^k)^2)/n) with E x^2 = 1, E x^4 = 3, E x^6 = 15, E x^8 = 105.
    for (const [k, want, sd] of [
      [1, 0, 1],
      [2, 1, Math.sqrt(2)],
      [3, 0, Math.sqrt(15)],
      [4, 3, Math.sqrt(96)],
    ]) {
      expect(Math.abs(moment(fast, k) - want)).toBeLessThan((5 * sd) / Math.sqrt(N));
    }
  });

  it('tail beyond the base strip R = 3.4426 has mass 2(1 - Phi(R)) (the rare path is drawn right)', () => {
    const p = 5.7629e-4; // 2 (1 - Phi(3.442619855899))
    const count = fast.reduce((c, v) => c + (Math.abs(v) > 3.442619855899 ? 1 : 0), 0);
    expect(Math.abs(count - N * p)).toBeLessThan(5 * Math.sqrt(N * p));
    expect(fast.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(4.5);
  });
});

describe('streams', () => {
  it('network i of a run gives the same numbers every time, and other (seed, i) differ', () => {
    expect(draws('fast', 9, 12345, 8)).toEqual(draws('fast', 9, 12345, 8));
    expect(draws('stdlib', 9, 12345, 8)).toEqual(draws('stdlib', 9, 12345, 8));
    const a = draws('fast', 9, 12345, 8);
    for (const b of [draws('fast', 9, 12346, 8), draws('fast', 10, 12345, 8), draws('fast', 9, 2 ** 40 + 12345, 8)])
      expect(b).not.toEqual(a);
  });

  it('streams of neighbouring networks are uncorrelated', () => {
    const x = draws('fast', 3, 0, 100_000);
    const y = draws('fast', 3, 1, 100_000);
    let c = 0;
    for (let i = 0; i < x.length; i++) c += x[i] * y[i];
    expect(Math.abs(c / x.length)).toBeLessThan(5 / Math.sqrt(x.length));
  });

  it('uniform weights: variance 1, mu_4 = 9/5, support [-sqrt 3, sqrt 3]', () => {
    const u = new Float64Array(N);
    networkStream(4, 0).fillWeights('uniform', u);
    expect(Math.abs(moment(u, 2) - 1)).toBeLessThan((5 * Math.sqrt(9 / 5 - 1)) / Math.sqrt(N));
    // E x^8 = 3^4/9 = 9 for the uniform law on [-sqrt 3, sqrt 3].
    expect(Math.abs(moment(u, 4) - 9 / 5)).toBeLessThan((5 * Math.sqrt(9 - 81 / 25)) / Math.sqrt(N));
    expect(Math.abs(moment(u, 4) - 3)).toBeGreaterThan(1);
    expect(u.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(Math.sqrt(3));
  });

  it('rejects seeds outside [0, 2^32)', () => {
    expect(() => networkStream(-1, 0)).toThrow(/seed/);
    expect(() => networkStream(2 ** 32, 0)).toThrow(/seed/);
  });
});
