import { checkExactSize, type Field, type Term } from './field.js';
import { checkWidths } from './network.js';

/**
 * Hanin & Nica 2019, Lemma 7: the exact sums over four paths for E[K_w^2] and E[Delta_ww], for any
 * symmetric unit-variance weight law with a density (only mu_4 enters), evaluated as the 4-state
 * transfer matrix of docs/theory.md H3.2 "E5" (convention 'hanin-nica').
 *
 * States per layer i = 0..d: ONE (all four paths at one neuron) or a pairing P12, P13, P14 (two
 * neurons, paths paired {12|34}, {13|24}, {14|23}). Allowed moves keep every weight's multiplicity
 * even: P -> same P, P -> ONE, ONE -> any. Layer factor count(state) * 2^{2-|state|}/n_{i-1}^2,
 * times mu_4 for ONE -> ONE unless a derivative mark removes that weight; x1/2 at the end because
 * the output layer has gain 1 and no ReLU.
 * Marks: E[K_w^2] = sum over edges e1 in gamma1 and gamma2, e2 in gamma3 and gamma4 (any layers);
 * E[Delta_ww] = e1 in gamma1 and gamma2, e2 in gamma2 and gamma3, in different layers (two weights of
 * one layer have zero mixed second derivative).
 */

const ONE = 0;
const P12 = 1;
const P13 = 2;
const P14 = 3;
const STATES = [ONE, P12, P13, P14];

/** gamma_a and gamma_b share the edge between layers i-1 and i iff both endpoints keep them together. */
const together = (pairing: number) => (s: number, t: number) =>
  (s === ONE || s === pairing) && (t === ONE || t === pairing);

export interface Lemma7Moments<T> {
  readonly EKw2: T;
  readonly EDww: T;
}

function pathSum<T>(
  F: Field<T>,
  widths: readonly number[],
  norm2: T,
  norm4: T,
  mu4: T,
  mark1: (s: number, t: number) => boolean,
  mark2: (s: number, t: number) => boolean,
  sameLayer: boolean,
): T {
  const d = widths.length - 1;
  // index: state * 4 + marks placed (bit 0: mark 1, bit 1: mark 2)
  const paired = F.sub(F.mul(norm2, norm2), norm4);
  const start: T[] = Array.from({ length: 16 }, () => F.zero);
  start[ONE * 4] = norm4;
  for (const p of [P12, P13, P14]) start[p * 4] = paired;
  let cur = F.vector(start);
  for (let i = 1; i <= d; i++) {
    const n = widths[i];
    const nPrev2 = F.int(widths[i - 1] * widths[i - 1]);
    const terms: Term<T>[] = [];
    for (const s of STATES) {
      for (const t of STATES) {
        if (s !== ONE && t !== ONE && s !== t) continue;
        if (i === d && t !== ONE) continue;
        const count = t === ONE ? n : n * (n - 1);
        if (count === 0) continue;
        const layer = F.div(F.int(t === ONE ? 2 * count : count), nPrev2);
        for (let placed = 0; placed < 4; placed++) {
          if (cur.isZero(s * 4 + placed)) continue;
          for (let here = 0; here < 4; here++) {
            if ((here & placed) !== 0) continue;
            if ((here & 1) !== 0 && !mark1(s, t)) continue;
            if ((here & 2) !== 0 && !mark2(s, t)) continue;
            if (here === 3 && !sameLayer) continue;
            terms.push({
              from: s * 4 + placed,
              to: t * 4 + (placed | here),
              factor: s === ONE && t === ONE && here === 0 ? F.mul(layer, mu4) : layer,
            });
          }
        }
      }
    }
    cur = cur.step(terms, 16);
  }
  return F.div(cur.get(ONE * 4 + 3), F.int(2));
}

/** E[K_w^2] and E[Delta_ww] by Lemma 7 (docs/theory.md H3.2 E5); norm2 = |x|_2^2, norm4 = |x|_4^4. */
export function lemma7Moments<T>(F: Field<T>, widths: readonly number[], norm2: T, norm4: T, mu4: T): Lemma7Moments<T> {
  checkWidths(widths);
  checkExactSize(F, widths);
  return {
    EKw2: pathSum(F, widths, norm2, norm4, mu4, together(P12), together(P12), true),
    EDww: pathSum(F, widths, norm2, norm4, mu4, together(P12), together(P14), false),
  };
}
