import { DomainError, InputError } from '../errors.js';
import { type Bracket, theorem1Bracket, theorem2Bracket } from './brackets.js';
import { type EngineOptions, ntkMoments, updateMoments } from './exactMoments.js';
import { type Field, type ReportedValue, reported } from './field.js';
import { lemma7Moments } from './lemma7.js';
import { haninNicaNet } from './network.js';

/**
 * Everything ntkcalc knows about one Hanin & Nica 2019 network (convention 'hanin-nica',
 * docs/theory.md part H): exact moments (E1, E2, E7), the Lemma 7 sums at the given mu_4 (E5), the paper's
 * printed means, and the Theorem 1/2 brackets with the ratios exact/bracket.
 */

export interface Reported extends ReportedValue {
  readonly formula: string;
}

export interface BracketReport extends Bracket {
  readonly formulas: readonly string[];
  /** The exact quantity the bracket claims to match up to constants. */
  readonly exactQuantity: number;
  readonly ratioToPrinted: number;
  readonly ratioToHidden: number;
}

export interface HaninNicaReport {
  readonly widths: readonly number[];
  readonly d: number;
  readonly mu4: Reported;
  readonly moments: Record<
    'EK' | 'EKw' | 'EKb' | 'EK2' | 'EKw2' | 'EKb2' | 'EKwKb' | 'EdK' | 'EDww' | 'EDwb' | 'pDead',
    Reported
  >;
  readonly lemma7: Record<'EKw2' | 'EDww', Reported>;
  readonly printed: Record<'EK' | 'EKb', Reported>;
  readonly brackets: {
    readonly thm1: BracketReport;
    readonly thm2: BracketReport | { readonly applicable: false; readonly reason: string };
  };
}

/** Ratios in log space: at large depth exp(5 beta) and the exact moments leave the Float64 range. */
function bracketReport(b: Bracket, logExact: number, formulas: string[]): BracketReport {
  const ratio = (beta: number) => Math.exp(logExact - Math.log(b.bracket) - 5 * beta);
  return {
    ...b,
    formulas,
    exactQuantity: Math.exp(logExact),
    ratioToPrinted: ratio(b.betaPrinted),
    ratioToHidden: ratio(b.betaHidden),
  };
}

export function haninNicaReport<T>(
  F: Field<T>,
  widths: readonly number[],
  x: readonly T[],
  mu4: T,
  options: EngineOptions = {},
): HaninNicaReport {
  if (x.length !== widths[0])
    throw new InputError(
      `--x has ${x.length} coordinates but n_0 = ${widths[0]} (the first width); give ${widths[0]} comma-separated ` +
        `values`,
    );
  if (F.toNumber(mu4) < 1)
    throw new InputError(
      `--mu4 = ${F.toNumber(mu4)}: the fourth moment of a unit-variance law is >= 1 (Gaussian 3, uniform 9/5)`,
    );
  const norm2 = x.reduce((s, v) => F.add(s, F.mul(v, v)), F.zero);
  const norm4 = x.reduce((s, v) => F.add(s, F.mul(F.mul(v, v), F.mul(v, v))), F.zero);
  if (!x.every((v) => F.isZero(v)) && (F.isZero(norm4) || !Number.isFinite(F.toNumber(norm4))))
    throw new DomainError(
      '|x|^4 leaves the Float64 range (about 1e-308..1e308; |x| of 1e-100 or 1e100 already does): use --exact, ' +
        'which has no range limit, or rescale x',
    );
  const net = haninNicaNet(F, widths, norm2);
  const d = widths.length - 1;
  const m = ntkMoments(F, net, options);
  const u = updateMoments(F, net, options);
  const l7 = lemma7Moments(F, widths, norm2, norm4, mu4);
  const r = (v: T, formula: string): Reported => ({ ...reported(F, v, `the value of ${formula}`), formula });
  const s = F.div(norm2, F.int(widths[0]));
  const norm2f = F.toNumber(norm2);
  let thm2: HaninNicaReport['brackets']['thm2'];
  try {
    thm2 = bracketReport(theorem2Bracket(widths, norm2f), F.log(F.sub(F.zero, u.EdK)), [
      'hanin-nica/thm2-bracket',
      'hanin-nica/thm2-bracket-hidden',
    ]);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    thm2 = { applicable: false, reason: e.message };
  }
  return {
    widths,
    d,
    mu4: r(mu4, 'hanin-nica/lemma7-kw2'),
    moments: {
      EK: r(m.EK, 'hanin-nica/mean'),
      EKw: r(m.EKw, 'hanin-nica/mean-weights'),
      EKb: r(m.EKb, 'hanin-nica/mean-biases'),
      EK2: r(m.EK2, 'hanin-nica/second-moment'),
      EKw2: r(m.EKw2, 'hanin-nica/second-moment-weights'),
      EKb2: r(m.EKb2, 'hanin-nica/second-moment-biases'),
      EKwKb: r(m.EKwKb, 'hanin-nica/mixed-moment'),
      EdK: r(u.EdK, 'hanin-nica/update-mean'),
      EDww: r(u.EDww, 'hanin-nica/update-ww'),
      EDwb: r(u.EDwb, 'hanin-nica/update-wb'),
      pDead: r(m.pDead, 'hanin-nica/mean-biases'),
    },
    lemma7: { EKw2: r(l7.EKw2, 'hanin-nica/lemma7-kw2'), EDww: r(l7.EDww, 'hanin-nica/lemma7-dww') },
    printed: {
      EK: r(F.mul(F.int(d), F.add(F.div(F.one, F.int(2)), s)), 'hanin-nica/mean-printed'),
      EKb: r(F.div(F.int(d), F.int(2)), 'hanin-nica/mean-biases-printed'),
    },
    brackets: {
      thm1: bracketReport(theorem1Bracket(widths, norm2f), F.log(m.EK2), [
        'hanin-nica/thm1-bracket',
        'hanin-nica/thm1-bracket-hidden',
      ]),
      thm2,
    },
  };
}
