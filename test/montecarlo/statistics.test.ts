import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { networkStream } from '../../src/montecarlo/random.js';
import { BlockAccumulator, ExactSum, ksTwoSample, summarize, Totals } from '../../src/montecarlo/statistics.js';

/** Doubles over a wide exponent range with cancellations, from a fixed stream. */
function awkward(n: number): number[] {
  const g = new Float64Array(3 * n);
  networkStream(5, 0).fillNormal(g);
  return Array.from(
    { length: n },
    (_, i) => g[3 * i] * 10 ** Math.round(8 * g[3 * i + 1]) * (g[3 * i + 2] > 0 ? 1 : -1),
  );
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const u = new Float64Array(xs.length);
  networkStream(seed, 1).fillWeights('uniform', u);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(((u[i] / Math.sqrt(3) + 1) / 2) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('ExactSum', () => {
  const xs = awkward(2000);
  const Wide = Decimal.clone({ precision: 1000 });
  const exact = Number(xs.reduce((s, x) => s.plus(new Wide(x)), new Wide(0)).toString());

  it('is the correctly rounded sum, whatever the order', () => {
    for (const seed of [1, 2, 3]) {
      const s = new ExactSum();
      for (const x of shuffled(xs, seed)) s.add(x);
      expect(s.value()).toBe(exact);
    }
    // The data are hard enough that naive summation depends on the order, so the check has teeth.
    const naive = new Set([1, 2, 3].map((seed) => shuffled(xs, seed).reduce((a, b) => a + b, 0)));
    expect(naive.size).toBeGreaterThan(1);
  });

  it('1e16 + 1 - 1e16 = 1', () => {
    const s = new ExactSum();
    for (const x of [1e16, 1, -1e16]) s.add(x);
    expect(s.value()).toBe(1);
  });
});

describe('summaries', () => {
  function blocks(xs: number[], size: number): Totals {
    const t = new Totals(1);
    for (let b = 0; b * size < xs.length; b++) {
      const acc = new BlockAccumulator(b, 1);
      for (const x of xs.slice(b * size, (b + 1) * size)) acc.add(Float64Array.of(x));
      t.addBlock(acc.result());
    }
    return t;
  }

  it('mean and standard error over networks', () => {
    const xs = [1, 2, 3, 4, 10];
    const s = summarize(blocks(xs, 2));
    expect(s.mean[0]).toBeCloseTo(4, 14);
    expect(s.se[0]).toBeCloseTo(Math.sqrt((9 + 4 + 1 + 0 + 36) / 4 / 5), 14);
    expect(s.count).toBe(5);
  });

  it('E[x^2]/E[x]^2: the delta-method standard error matches the spread over 400 replicates', () => {
    // x = 1 + g/2: ratio 1.25; the covariance term of the delta method matters here (without it
    // the error would be sqrt(2.6875/0.1875) ~ 3.8 times too large).
    const reps = 400;
    const n = 500;
    const ratios: number[] = [];
    const ses: number[] = [];
    for (let r = 0; r < reps; r++) {
      const g = new Float64Array(n);
      networkStream(77, r).fillNormal(g);
      const s = summarize(
        blocks(
          Array.from(g, (v) => 1 + v / 2),
          64,
        ),
      );
      ratios.push(s.ratio[0]);
      ses.push(s.ratioSe[0]);
    }
    const m = ratios.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - m) ** 2, 0) / (reps - 1));
    const meanSe = ses.reduce((a, b) => a + b, 0) / reps;
    expect(Math.abs(m - 1.25)).toBeLessThan((4 * sd) / Math.sqrt(reps));
    expect(meanSe / sd).toBeGreaterThan(0.85);
    expect(meanSe / sd).toBeLessThan(1.15);
  });

  it('merging refuses a block twice and different sizes', () => {
    const a = blocks([1, 2, 3], 2);
    expect(() => a.merge(blocks([1, 2, 3], 2))).toThrow(/two partial results/);
    expect(() => a.merge(new Totals(2))).toThrow(/scalars/);
  });
});

describe('two-sample Kolmogorov-Smirnov', () => {
  it('accepts equal laws and rejects a shifted one; p-values match the tabulated Kolmogorov law', () => {
    const x = new Float64Array(2000);
    const y = new Float64Array(2000);
    networkStream(1, 0).fillNormal(x);
    networkStream(1, 1).fillNormal(y);
    expect(ksTwoSample(x, y).pValue).toBeGreaterThan(0.01);
    expect(
      ksTwoSample(
        x,
        y.map((v) => v + 0.3),
      ).pValue,
    ).toBeLessThan(1e-6);
    // Samples 0..999 and 60..1059: D = 0.06, lambda = (sqrt(500) + 0.12 + 0.11/sqrt(500)) D = 1.349,
    // and the Kolmogorov law's tabulated tail is Q(1.35) = 0.0521.
    const a = Array.from({ length: 1000 }, (_, i) => i);
    const r = ksTwoSample(
      a,
      a.map((v) => v + 60),
    );
    expect(r.statistic).toBeCloseTo(0.06, 12);
    expect(Math.abs(r.pValue - 0.0521)).toBeLessThan(0.002);
  });
});
