import type { WeightLaw } from '../../src/montecarlo/random.js';
import { simulate } from '../../src/montecarlo/simulation.js';
import type { NetworkSpec } from '../../src/spec/network.js';

/** A Monte Carlo estimate and its standard error. */
export interface Estimate {
  readonly value: number;
  readonly se: number;
}

export const z = (e: Estimate, want: number): number => (e.value - want) / e.se;

/** What the finite-width tests read from one run of the project's sampler (one input, scalar output). */
export interface NtkEstimates {
  /** E[K(x,x)]. */
  readonly K: Estimate;
  /** E[K^2]/E[K]^2 with its delta-method standard error (statistics.ts). */
  readonly D: Estimate;
  /** E[dK(x,x)]/lambda of the first SGD step (dense sampler only). */
  readonly dK?: Estimate;
}

/**
 * Runs src/montecarlo's simulate on one input, in the calling thread (worker threads need the
 * compiled sources), with a fixed seed.
 */
export async function sampleNtk(
  spec: NetworkSpec,
  x: readonly number[],
  o: { samples: number; seed: number; law?: WeightLaw; sampler: 'dense' | 'reduced'; update?: boolean },
): Promise<NtkEstimates> {
  const r = await simulate(
    { spec, inputs: [x], law: o.law, sampler: o.sampler, update: o.update, seed: o.seed, samples: o.samples },
    { workers: 1 },
  );
  const q = r.quantities;
  const ntk = q.ntk as {
    mean: number[][];
    se: number[][];
    second_moment_ratio: number[][];
    second_moment_ratio_se: number[][];
  };
  const update = q.update as { mean: number[][]; se: number[][] } | undefined;
  return {
    K: { value: ntk.mean[0][0], se: ntk.se[0][0] },
    D: { value: ntk.second_moment_ratio[0][0], se: ntk.second_moment_ratio_se[0][0] },
    ...(update ? { dK: { value: update.mean[0][0], se: update.se[0][0] } } : {}),
  };
}
