import erfc from '@stdlib/math-base-special-erfc';
import padjust from '@stdlib/stats-padjust';

/**
 * Test statistics of the validator (docs/theory.md M4): estimates with standard errors
 * computed over independent networks, two-sided z-tests against an exact value or against a
 * reference simulation (two-sample), and Holm's family-wise correction.
 */

/** What a row measured: a number with its standard error over `samples` independent networks. */
export interface Estimate {
  readonly estimate: number;
  readonly se: number;
  readonly samples: number;
}

export type Statistic = 'mean' | 'second_moment' | 'variance' | 'ratio';

/** Central moments of S values: mean m and c_k = (1/S) sum (x - m)^k. */
export interface Moments {
  readonly S: number;
  readonly m: number;
  readonly c2: number;
  readonly c3: number;
  readonly c4: number;
}

/** Central moments of a list of values, computed about the mean (no cancellation). */
export function momentsOf(values: readonly number[]): Moments {
  const S = values.length;
  const m = values.reduce((s, v) => s + v, 0) / S;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  for (const v of values) {
    const d = v - m;
    const d2 = d * d;
    c2 += d2;
    c3 += d2 * d;
    c4 += d2 * d2;
  }
  return { S, m, c2: c2 / S, c3: c3 / S, c4: c4 / S };
}

/** Central moments from raw power sums sum x^k, k = 1..4 (what the sampler accumulates). */
export function momentsFromPowerSums(S: number, p1: number, p2: number, p3: number, p4: number): Moments {
  const m = p1 / S;
  const r2 = p2 / S;
  const r3 = p3 / S;
  const r4 = p4 / S;
  return {
    S,
    m,
    c2: Math.max(r2 - m * m, 0),
    c3: r3 - 3 * m * r2 + 2 * m ** 3,
    c4: Math.max(r4 - 4 * m * r3 + 6 * m * m * r2 - 3 * m ** 4, 0),
  };
}

/**
 * Mean, second moment E[x^2], variance, or moment ratio r = E[x^2]/E[x]^2 of x over S networks.
 * Standard errors: the sample standard deviation of x (or of x^2) over sqrt(S); for the variance
 * the sampling variance of the unbiased s^2, (mu_4 - sigma^4 (S - 3)/(S - 1))/S, with sample
 * moments plugged in; for the ratio the delta method of montecarlo/statistics.ts, grad =
 * (-2 m2/m1^3, 1/m1^2) on (x, x^2).
 */
export function estimateOf(stat: Statistic, mo: Moments): Estimate {
  const { S, m, c2, c3, c4 } = mo;
  const bessel = S / (S - 1);
  if (stat === 'mean') return { estimate: m, se: Math.sqrt((c2 * bessel) / S), samples: S };
  const m2 = c2 + m * m;
  const varX2 = Math.max(c4 + 4 * m * c3 + 6 * m * m * c2 + m ** 4 - m2 * m2, 0);
  if (stat === 'second_moment') return { estimate: m2, se: Math.sqrt((varX2 * bessel) / S), samples: S };
  if (stat === 'ratio') {
    const g1 = (-2 * m2) / m ** 3;
    const g2 = 1 / (m * m);
    const v = g1 * g1 * c2 + 2 * g1 * g2 * (c3 + 2 * m * c2) + g2 * g2 * varX2;
    return { estimate: m2 / (m * m), se: Math.sqrt(Math.max(v, 0) / (S - 1)), samples: S };
  }
  return { estimate: c2 * bessel, se: Math.sqrt(Math.max(c4 - (c2 * c2 * (S - 3)) / (S - 1), 0) / S), samples: S };
}

/** Sample skewness g1 = c3 / c2^(3/2) (0 for constant values). */
export function skewness(mo: Moments): number {
  return mo.c2 > 0 ? mo.c3 / mo.c2 ** 1.5 : 0;
}

/** Two-sided p-value of a standard normal statistic, 2 (1 - Phi(|z|)) = erfc(|z|/sqrt 2) (no cancellation). */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

export interface ZTest {
  readonly z: number;
  readonly p: number;
  /** The standard error the test divides by. */
  readonly se: number;
}

/**
 * Two-sided z-test of estimate = reference. With a reference simulation (referenceSe > 0) this is
 * the two-sample test: the two estimates are independent, so the variances add. A tolerance t
 * (infinite-width references: the neglected order) widens the null to |estimate - reference| <= t.
 */
export function zTest(e: Estimate, reference: number, referenceSe = 0, tolerance = 0): ZTest {
  const se = Math.sqrt(e.se * e.se + referenceSe * referenceSe);
  const gap = Math.max(Math.abs(e.estimate - reference) - tolerance, 0);
  if (se === 0) return { z: gap === 0 ? 0 : Math.sign(e.estimate - reference) * Infinity, p: gap === 0 ? 1 : 0, se };
  const z = gap === 0 ? 0 : (Math.sign(e.estimate - reference) * gap) / se;
  return { z, p: twoSidedP(z), se };
}

/** Holm's step-down adjusted p-values (family-wise error control), in the order given. */
export function holm(p: readonly number[]): number[] {
  return p.length === 0 ? [] : padjust([...p], 'holm');
}
