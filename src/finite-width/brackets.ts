import { DomainError } from '../errors.js';
import { checkWidths } from './network.js';

/**
 * The "up to constants" brackets of Hanin & Nica 2019 exactly as printed (arXiv 1909.05989 v1,
 * Theorems 1 and 2; docs/theory.md H2, Sec. 6 "Paper brackets"), convention 'hanin-nica'.
 * Each bracket is multiplied by exp(5 beta) twice: with beta as printed, sum_{i=1}^d 1/n_i, which
 * contains 1/n_d = 1 (a constant factor e^5), and with beta over hidden layers only,
 * sum_{i=1}^{d-1} 1/n_i, the quantity the proof produces (docs/theory.md H3.1 item 1).
 */
export interface Bracket {
  /** The bracket [...] before the exp(5 beta) factor. */
  readonly bracket: number;
  readonly betaPrinted: number;
  readonly betaHidden: number;
  /** bracket * exp(5 beta_printed). */
  readonly withBetaPrinted: number;
  /** bracket * exp(5 beta_hidden). */
  readonly withBetaHidden: number;
}

function widthSums(widths: readonly number[]) {
  checkWidths(widths);
  const d = widths.length - 1;
  // partial[j] = sum_{i=1}^{j} 1/n_i, j = 0..d (the paper's sums run to d and so include n_d = 1)
  const partial = [0];
  for (let i = 1; i <= d; i++) partial.push(partial[i - 1] + 1 / widths[i]);
  return { d, partial, betaPrinted: partial[d], betaHidden: partial[d - 1] };
}

function withBeta(bracket: number, betaPrinted: number, betaHidden: number): Bracket {
  return {
    bracket,
    betaPrinted,
    betaHidden,
    withBetaPrinted: bracket * Math.exp(5 * betaPrinted),
    withBetaHidden: bracket * Math.exp(5 * betaHidden),
  };
}

/**
 * Theorem 1 bracket for E[K(x,x)^2]:
 * d^2|x|^4/n_0^2 + (d|x|^2/n_0) sum_j e^{-5 sum_{i<=j} 1/n_i} + sum_{i<=j} e^{-5 sum_{l<=j} 1/n_l}
 * (the last sum's summand does not depend on i, so it is sum_j j e^{...}).
 */
export function theorem1Bracket(widths: readonly number[], norm2: number): Bracket {
  const { d, partial, betaPrinted, betaHidden } = widthSums(widths);
  const s = norm2 / widths[0];
  let single = 0;
  let weighted = 0;
  for (let j = 1; j <= d; j++) {
    const e = Math.exp(-5 * partial[j]);
    single += e;
    weighted += j * e;
  }
  return withBeta(d * d * s * s + d * s * single + weighted, betaPrinted, betaHidden);
}

/**
 * Theorem 2 bracket for E[dK(x,x)]/lambda (in absolute value, docs/theory.md H3.1 item 3), with
 * the first exponent summed to l as printed in the theorem (Prop. 3 and the proof sum to l - 1):
 * (|x|^4/n_0^2) sum_{i1<i2} sum_{l=i1}^{i2-1} (1/n_l) e^{-5/n_l - 6 sum_{i=i1}^{l} 1/n_i}
 * + (|x|^2/n_0) sum_{i1<i2} e^{-5 sum_{i<=i1} 1/n_i} sum_{l=i1}^{i2-1} (1/n_l) e^{-6 sum_{i=i1+1}^{l-1} 1/n_i}.
 */
export function theorem2Bracket(widths: readonly number[], norm2: number): Bracket {
  const { d, partial, betaPrinted, betaHidden } = widthSums(widths);
  if (d < 2)
    throw new DomainError(
      'Theorem 2 of Hanin & Nica needs d >= 2 weight layers (its sums over i1 < i2 are empty at d = 1, where dK = ' +
        '0 exactly)',
    );
  const s = norm2 / widths[0];
  const range = (a: number, b: number) => (b >= a ? partial[b] - partial[a - 1] : 0);
  let t1 = 0;
  let t2 = 0;
  for (let i1 = 1; i1 <= d; i1++) {
    for (let i2 = i1 + 1; i2 <= d; i2++) {
      for (let l = i1; l <= i2 - 1; l++) {
        const inv = 1 / widths[l];
        t1 += inv * Math.exp(-5 * inv - 6 * range(i1, l));
        t2 += Math.exp(-5 * partial[i1]) * inv * Math.exp(-6 * range(i1 + 1, l - 1));
      }
    }
  }
  return withBeta(s * s * t1 + s * t2, betaPrinted, betaHidden);
}
