import { sampleLayout } from '../montecarlo/layout.js';
import { runJob } from '../montecarlo/run.js';
import { makeJob } from '../montecarlo/simulation.js';
import { type Evaluate, FORMULA_CHECKS, type FormulaCheck, FULL_FACTOR } from './formulaChecks.js';
import { networkJsonOf } from './networkJson.js';
import type { Row } from './resultsFile.js';
import { referenceEstimate } from './simulationReference.js';
import type { Estimate } from './statistics.js';
import { zTest } from './statistics.js';
import { conclude, type Judged, type ValidationReport } from './validate.js';

/**
 * `ntkcalc verify` (docs/validate.md, "verify"): the registry's formulas against ntkcalc's own
 * sampler through validate's machinery. Each check's simulation is the estimate and the formula
 * the reference; the Holm correction and the reports are validate's.
 */

export type Suite = 'quick' | 'full';
export const SUITES: readonly Suite[] = ['quick', 'full'];
export const DEFAULT_VERIFY_SEED = 20_260_101;

export const checksOf = (suite: Suite): FormulaCheck[] => FORMULA_CHECKS.filter((c) => suite === 'full' || c.quick);

export interface Simulated {
  readonly check: FormulaCheck;
  readonly measured: Estimate;
  /** Seed, size, sampler and time of the check's simulation. */
  readonly run: string;
}

/** Simulates each check's quantity; check k uses seed + k, so a run is reproducible on its own. */
export async function simulateChecks(
  checks: readonly FormulaCheck[],
  o: { readonly suite: Suite; readonly seed: number; readonly workers?: number },
): Promise<Simulated[]> {
  const out: Simulated[] = [];
  for (const [k, check] of checks.entries()) {
    const seed = o.seed + k;
    const samples = check.samples * (o.suite === 'full' ? FULL_FACTOR : 1);
    const update = check.quantity === 'ntk_update_mean';
    const job = makeJob({ spec: check.spec, inputs: check.inputs, law: check.law, update, seed, samples });
    const t0 = performance.now();
    const totals = await runJob(job, { workers: o.workers });
    const seconds = (performance.now() - t0) / 1000;
    const run = { seed, samples, sampler: job.sampler, seconds, totals, layout: sampleLayout(job.net, job) };
    const e = referenceEstimate(run, check.quantity, check.entry);
    const measured = { estimate: e.estimate, se: e.se, samples: e.samples };
    out.push({
      check,
      measured,
      run: `${samples} networks, seed ${seed}, ${job.sampler} sampler, ${seconds.toFixed(1)} s`,
    });
  }
  return out;
}

function rowOf(s: Simulated, k: number, suite: Suite): Row {
  const c = s.check;
  return {
    file: `verify ${suite}`,
    row: k + 1,
    name: c.formula,
    network: networkJsonOf(c.spec, c.law),
    inputs: c.inputs,
    entry: c.entry,
    quantity: c.quantity,
    measurement: s.measured,
  };
}

/** Judges simulated checks against the registry (`evaluate`): z-tests with Holm, or reported ratios. */
export function judgeChecks(
  simulated: readonly Simulated[],
  evaluate: Evaluate,
  o: { readonly suite: Suite; readonly alpha: number },
): ValidationReport {
  const judged = simulated.map((s, k): Judged => {
    const row = rowOf(s, k, o.suite);
    const value = s.check.theory(evaluate);
    const source = `${s.check.formula} (${s.check.what}); simulation: ${s.run}`;
    const reference = { value, se: 0, tolerance: 0, kind: 'formula' as const, source };
    if (s.check.role === 'equal') return { row, measured: s.measured, reference, t: zTest(s.measured, value) };
    const ratio = s.measured.estimate / value;
    return {
      result: {
        file: row.file,
        row: row.row,
        name: row.name,
        quantity: row.quantity,
        entry: row.entry,
        measured: s.measured,
        reference,
        verdict: 'reported',
        reason:
          `up to constants: simulation / formula = ${ratio.toPrecision(4)} +/- ` +
          `${(s.measured.se / Math.abs(value)).toPrecision(2)}; a ratio, never a pass (${source})`,
      },
    };
  });
  return conclude(judged, [], { alpha: o.alpha, reference: 'registry', strict: false });
}
