import { type SampleLayout, sampleLayout } from '../montecarlo/layout.js';
import { runJob } from '../montecarlo/run.js';
import { makeJob } from '../montecarlo/simulation.js';
import { BLOCK_SIZE, type Totals } from '../montecarlo/statistics.js';
import { specJson } from '../spec/json.js';
import type { RowNetwork } from './networkJson.js';
import { QUANTITIES, type QuantityName } from './quantities.js';
import { type Estimate, estimateOf, momentsFromPowerSums, skewness } from './statistics.js';

/**
 * Reference simulations (docs/validate.md, "References"): rows with no exact value are compared
 * with ntkcalc's own sampler (the exact-in-law reduced sampler for Gaussian weights, the dense one
 * otherwise and for the SGD update) by a two-sample test. Rows sharing a network and inputs
 * share one run.
 */

/** A reference run is this many times larger than the largest row it serves... */
export const REFERENCE_FACTOR = 10;
/** ...and at least this large (standard errors that are themselves reliable). */
export const MIN_REFERENCE = 4096;
/** Below this many networks a reference is too noisy to be worth reporting. */
export const MIN_AFFORDABLE = 512;
/** Networks of a pilot run that only measures the skewness of the sampled quantities. */
export const PILOT = 2048;

export interface SimulationGroup {
  readonly key: string;
  readonly network: RowNetwork;
  readonly inputs: readonly (readonly number[])[];
  /** The largest number of networks among the rows the run serves. */
  userSamples: number;
  update: boolean;
  /** Some row needs the run as its reference; otherwise it is a pilot for the skewness only. */
  reference: boolean;
}

export function groupKey(n: RowNetwork, inputs: readonly (readonly number[])[]): string {
  return JSON.stringify({ spec: specJson(n.spec), law: n.law, inputs });
}

export interface ReferenceRun {
  readonly seed: number;
  readonly samples: number;
  readonly sampler: string;
  readonly seconds: number;
  readonly totals: Totals;
  readonly layout: SampleLayout;
}

export type ReferenceOutcome = ReferenceRun | { readonly skipped: string };

function job(g: SimulationGroup, seed: number, samples: number) {
  return makeJob({
    spec: g.network.spec,
    inputs: g.inputs,
    law: g.network.law,
    update: g.update,
    seed,
    samples,
  });
}

/**
 * Runs a group's reference simulation within `seconds`: a one-block pilot measures the rate, and
 * the run is cut to what fits (never below MIN_AFFORDABLE networks: then it is skipped and its
 * rows are not checkable).
 */
export async function runReference(
  g: SimulationGroup,
  seed: number,
  seconds: number,
  workers?: number,
): Promise<ReferenceOutcome> {
  const wanted = g.reference ? Math.max(MIN_REFERENCE, REFERENCE_FACTOR * g.userSamples) : PILOT;
  const t0 = performance.now();
  await runJob(job(g, seed, BLOCK_SIZE), { workers: 1 });
  const perNetwork = (performance.now() - t0) / 1000 / BLOCK_SIZE;
  const parallel = Math.max(1, workers ?? 2);
  const affordable = Math.floor((Math.max(seconds - perNetwork * BLOCK_SIZE, 0) * parallel) / perNetwork);
  const samples = Math.min(wanted, affordable - (affordable % BLOCK_SIZE));
  if (samples < MIN_AFFORDABLE)
    return {
      skipped:
        `a reference simulation of this network takes ${(perNetwork * 1000).toFixed(1)} ms per network; ` +
        `${MIN_AFFORDABLE} networks do not fit in the time left (${seconds.toFixed(0)} s; raise --max-seconds)`,
    };
  const j = job(g, seed, samples);
  const t1 = performance.now();
  const totals = await runJob(j, { workers });
  return {
    seed,
    samples,
    sampler: j.sampler,
    seconds: (performance.now() - t1) / 1000,
    totals,
    layout: sampleLayout(j.net, j),
  };
}

/**
 * The reference estimate of a row's quantity from a run's power sums. E[f(x_i) f(x_j)] is read
 * from the NNGP entry, which has the same mean (E[f_i f_j | h] = Sigma^(L)_ij) and less noise.
 */
export function referenceEstimate(
  run: ReferenceRun,
  q: QuantityName,
  entry: readonly [number, number],
): Estimate & { skewness: number } {
  const { statistic, sampled } = QUANTITIES[q];
  const lay = run.layout;
  const N = lay.count;
  const [i, j] = entry;
  const index =
    sampled === 'ntk'
      ? lay.ntk + i * N + j
      : sampled === 'output'
        ? lay.output + i
        : sampled === 'update'
          ? lay.update + i
          : lay.nngp + i * N + j;
  const p = run.totals.powerSums();
  const size = run.totals.size;
  const S = run.totals.count;
  const mo = momentsFromPowerSums(S, p[index], p[size + index], p[2 * size + index], p[3 * size + index]);
  return { ...estimateOf(statistic, mo), skewness: skewness(mo) };
}
