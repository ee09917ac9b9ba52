import { preset } from '../activation/family.js';
import { networkStream } from '../montecarlo/random.js';
import { makeSampler } from '../montecarlo/run.js';
import { makeJob } from '../montecarlo/simulation.js';
import type { NetworkSpec } from '../spec/network.js';
import { Fraction } from '../util/exact.js';
import { networkJsonOf } from './networkJson.js';
import type { QuantityName } from './quantities.js';
import type { Row } from './resultsFile.js';
import { type ReferenceMode, type ValidationReport, validateRows } from './validate.js';

/** Hanin-Nica-style ReLU network: sigma_w^2 = 2 on hidden layers and 1 at the output, zero-init biases. */
export function reluNet(depth: number, width: number): NetworkSpec {
  return {
    activation: preset('relu'),
    depth,
    parameterization: 'ntk',
    bias: 'zero-init',
    layers: Array.from({ length: depth }, (_, l) => ({
      sigmaW2: new Fraction(l === depth - 1 ? 1 : 2),
      sigmaB2: new Fraction(0),
    })),
    hiddenWidths: Array.from({ length: depth - 1 }, () => width),
  };
}

/**
 * Calibration and power of the validator (docs/validate.md, "Calibration"): results files drawn
 * from the true model by ntkcalc's sampler (per-network values, different seeds), and from the
 * same model with one of the bugs a user's simulation typically has.
 */

export interface CalibrationCase {
  readonly name: string;
  readonly spec: NetworkSpec;
  readonly inputs: readonly (readonly number[])[];
  readonly quantity: QuantityName;
  readonly entry: readonly [number, number];
  /** Networks per file. */
  readonly samples: number;
}

/** The bugs of issue "validate": what the user's code computes instead of the declared network. */
export const BUGS = {
  'ntk scale 5% off': { spec: (s: NetworkSpec) => s, scale: 1.05 },
  'sigma_w^2 10% off': {
    spec: (s: NetworkSpec): NetworkSpec => ({
      ...s,
      layers: s.layers.map((l) => ({ ...l, sigmaW2: l.sigmaW2.mul(11, 10) })),
    }),
    scale: 1,
  },
  'bias gradients left out': { spec: (s: NetworkSpec): NetworkSpec => ({ ...s, bias: 'absent' }), scale: 1 },
  'standard parameterization computed, ntk declared': {
    spec: (s: NetworkSpec): NetworkSpec => ({ ...s, parameterization: 'standard' }),
    scale: 1,
  },
} as const;

export type BugName = keyof typeof BUGS;
export const BUG_NAMES = Object.keys(BUGS) as BugName[];

/**
 * One results row: `samples` networks of `simulated` (seed `seed`), each contributing the value of
 * the case's quantity, declared as `declared`. Zero-initialised biases are zero at initialisation,
 * so dropping them ('absent') changes only which gradients the NTK sums.
 */
export function sampledRow(c: CalibrationCase, seed: number, bug?: BugName): Row {
  const simulated = bug ? BUGS[bug].spec(c.spec) : c.spec;
  const scale = bug ? BUGS[bug].scale : 1;
  const job = makeJob({
    spec: simulated,
    inputs: c.inputs,
    seed,
    samples: c.samples,
    update: c.quantity === 'ntk_update_mean',
  });
  const sampler = makeSampler(job);
  const lay = sampler.layout;
  const N = lay.count;
  const [i, j] = c.entry;
  const index = {
    ntk_mean: lay.ntk + i * N + j,
    ntk_second_moment: lay.ntk + i * N + j,
    ntk_variance: lay.ntk + i * N + j,
    ntk_moment_ratio: lay.ntk + i * N + j,
    nngp_mean: lay.nngp + i * N + j,
    output_mean: lay.output + i,
    output_second_moment: -1,
    ntk_update_mean: lay.update + i,
  }[c.quantity];
  const v = new Float64Array(lay.size);
  const values = Array.from({ length: c.samples }, (_, k) => {
    sampler.sample(networkStream(seed, k), v);
    return c.quantity === 'output_second_moment' ? v[lay.output + i] * v[lay.output + j] : v[index] * scale;
  });
  return {
    file: `${c.name} seed ${seed}${bug ? ` (${bug})` : ''}`,
    row: 1,
    name: c.name,
    network: networkJsonOf(c.spec, 'gaussian'),
    inputs: c.inputs,
    entry: c.entry,
    quantity: c.quantity,
    measurement: { values },
  };
}

export interface RateResult {
  readonly files: number;
  readonly failed: number;
  readonly notCheckable: number;
  readonly rate: number;
}

/**
 * Validates `files` files of one case, seeds seed0, seed0 + 1, ...; with a simulated reference
 * each file gets its own reference seed, so the rate is over reference draws too.
 */
export async function rejectionRate(
  c: CalibrationCase,
  files: number,
  seed0: number,
  options: { alpha?: number; reference?: ReferenceMode; bug?: BugName; workers?: number } = {},
): Promise<RateResult> {
  let failed = 0;
  let notCheckable = 0;
  for (let k = 0; k < files; k++) {
    const rep: ValidationReport = await validateRows([sampledRow(c, seed0 + k, options.bug)], {
      alpha: options.alpha ?? 0.01,
      reference: options.reference ?? 'auto',
      maxSeconds: 600,
      strict: false,
      referenceSeed: 1_000_000 + seed0 + k,
      workers: options.workers ?? 1,
    });
    failed += rep.counts.fail;
    notCheckable += rep.counts.notCheckable;
  }
  return { files, failed, notCheckable, rate: failed / files };
}
