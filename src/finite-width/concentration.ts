import { formula } from '../../formulas/index.js';
import { activationConstants } from '../activation/constants.js';
import type { Activation } from '../activation/family.js';
import { DomainError } from '../errors.js';

/**
 * The concentration theorem of Terjek & Gonzalez-Sanchez (arXiv 2501.14724, Thm. "Limiting
 * concentration of K(theta)", terjek.md 3.1) evaluated with its hidden absolute constant exposed
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

/** The theorem's hypotheses on (Delta_phi, l, n) (terjek.md 3.1), shared by the bound and the simulation. */
export function checkConcentrationSetting(Delta: number, depth: number, points: number): void {
  if (Delta === 0)
    throw new DomainError(
      'Delta_phi = 0 (linear activation): the concentration theorem has Delta_phi^-2 in its bound and does not apply',
    );
  if (depth < 2) throw new DomainError('the concentration theorem needs depth l >= 2 (l counts weight matrices)');
  if (points < 2) throw new DomainError('the concentration theorem needs n >= 2 data points with no parallel pair');
}

export function concentrationBound(act: Activation, input: ConcentrationInput): ConcentrationResult {
  const c = activationConstants(act);
  const Delta = c.Delta.value;
  const kappa = c.kappa.value;
  checkConcentrationSetting(Delta, input.depth, input.points);
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
  const boundOverC = formula('terjek/concentration-bound').evaluate({ ...values, C: 1 });
  const widths = Array.from({ length: input.depth - 1 }, (_, k) => (k + 1) * (k + 1) * input.baseWidth);
  return {
    bound: input.constant * boundOverC,
    boundOverC,
    probability: formula('terjek/concentration-probability').evaluate({ m: input.baseWidth, p }),
    p,
    pNote,
    widths,
    totalHiddenWidth: widths.reduce((s, w) => s + w, 0),
    prefactor: formula('terjek/prefactor').evaluate({ Delta, kappa }),
    Delta,
    kappa,
  };
}
