import { coefficientValues, deltaValue, exactDelta, kappaValue } from '../activation/constants.js';
import { type Activation, numbers } from '../activation/family.js';
import { DomainError } from '../errors.js';
import { checkDepth } from '../spec/numbers.js';
import { scientific } from '../util/exact.js';

/**
 * The concentration theorem of Terjek & Gonzalez-Sanchez (arXiv 2501.14724, Thm. "Limiting
 * concentration of K(theta)", docs/theory.md T3.1) evaluated with its hidden absolute constant exposed
 * as C: P(||K(theta) - K_inf|| <= C B) >= 1 - 16 exp(-m^p), Terjek convention, widths m_k = k^2 m.
 */
export interface ConcentrationInput {
  readonly depth: number;
  readonly baseWidth: number;
  readonly outDim: number;
  readonly points: number;
  readonly tauMax: number;
  /** p in (0, 1); omitted means the paper's optimal p = log_m(log m). */
  readonly p?: number;
  readonly constant: number;
}

export interface ConcentrationResult {
  readonly bound: number;
  readonly boundOverC: number;
  readonly probability: number;
  readonly p: number;
  readonly pNote: string;
  readonly widths: number[];
  readonly totalHiddenWidth: number;
  readonly prefactor: number;
  readonly Delta: number;
  readonly kappa: number;
}

/** The theorem's hypotheses on (Delta_phi, l, n) (docs/theory.md T3.1), shared by the bound and the simulation. */
export function checkConcentrationSetting(act: Activation, depth: number, points: number): void {
  // Decided on the exact b: b = 1e-200 is not linear, but its Delta_phi^-2 = 1e800 is beyond Float64.
  if (act.b.equals(0))
    throw new DomainError(
      'Delta_phi = 0 (linear activation): the concentration theorem has Delta_phi^-2 in its bound and does not apply',
    );
  const Delta = numbers(act).Delta;
  if (!(Delta >= 1e-150))
    throw new DomainError(
      `Delta_phi = ${scientific(exactDelta(act))}: the theorem's Delta_phi^-2 leaves the Float64 range (Delta_phi ` +
        `>= 1e-150 is needed)`,
    );
  if (depth < 2) throw new DomainError('the concentration theorem needs depth l >= 2 (l counts weight matrices)');
  checkDepth(depth);
  if (points < 2) throw new DomainError('the concentration theorem needs n >= 2 data points with no parallel pair');
}

export function concentrationBound(act: Activation, input: ConcentrationInput): ConcentrationResult {
  checkConcentrationSetting(act, input.depth, input.points);
  const Delta = deltaValue(coefficientValues(act));
  const kappa = kappaValue(coefficientValues(act));
  let p = input.p;
  let pNote = 'p as given';
  if (p === undefined) {
    if (input.baseWidth < 3)
      throw new DomainError(
        'the optimal p = log_m(log m) needs base width m >= 3 (so that 0 < p < 1); give --p instead',
      );
    p = Math.log(Math.log(input.baseWidth)) / Math.log(input.baseWidth);
    pNote = 'optimal p = log_m(log m), so m^p = log m and the probability is 1 - 16/m';
  }
  if (!(p > 0 && p < 1)) throw new DomainError(`p = ${p} is outside (0, 1), where the theorem holds`);
  const values = {
    l: input.depth,
    m: input.baseWidth,
    ml: input.outDim,
    n: input.points,
    tau: input.tauMax,
    p,
    Delta,
    kappa,
  };
  const boundOverC = concentrationBoundValue({ ...values, C: 1 });
  const widths = Array.from({ length: input.depth - 1 }, (_, k) => (k + 1) * (k + 1) * input.baseWidth);
  return {
    bound: input.constant * boundOverC,
    boundOverC,
    probability: concentrationProbability(input.baseWidth, p),
    p,
    pNote,
    widths,
    totalHiddenWidth: widths.reduce((s, w) => s + w, 0),
    prefactor: activationPrefactor(Delta, kappa),
    Delta,
    kappa,
  };
}

/** The variables of the concentration bound (registry entry terjek/concentration-bound). */
export interface ConcentrationBoundValues {
  readonly l: number;
  readonly m: number;
  readonly ml: number;
  readonly n: number;
  readonly tau: number;
  readonly p: number;
  readonly Delta: number;
  readonly kappa: number;
  readonly C: number;
}

/**
 * ||K(theta) - K_inf|| <= C tau^2 (Delta^-2 + (log l + sqrt(m_l)) l) sqrt(log(l n)) kappa^2 m^(-(1-p)/2),
 * Terjek convention (arXiv 2501.14724, Thm. "Limiting concentration of K(theta)"; terjek/concentration-bound).
 */
export function concentrationBoundValue(v: ConcentrationBoundValues): number {
  const { l, m, ml, n, tau, p, Delta, kappa, C } = v;
  return (
    C *
    tau ** 2 *
    (Delta ** -2 + (Math.log(l) + Math.sqrt(ml)) * l) *
    Math.sqrt(Math.log(l * n)) *
    kappa ** 2 *
    m ** (-(1 - p) / 2)
  );
}

/** The probability 1 - 16 exp(-m^p) of the concentration event (same theorem; terjek/concentration-probability). */
export function concentrationProbability(m: number, p: number): number {
  return 1 - 16 * Math.exp(-(m ** p));
}

/** The activation's prefactor kappa^2 / Delta^2 in the bound (same paper, Abstract; terjek/prefactor). */
export function activationPrefactor(Delta: number, kappa: number): number {
  return kappa ** 2 / Delta ** 2;
}
