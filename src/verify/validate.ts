import { pairKernels } from '../kernels/pair.js';
import { exactReference } from './exactReference.js';
import { type RowNetwork, rowNetwork } from './networkJson.js';
import { QUANTITIES, type QuantityName } from './quantities.js';
import type { Row } from './resultsFile.js';
import {
  groupKey,
  type ReferenceOutcome,
  referenceEstimate,
  runReference,
  type SimulationGroup,
} from './simulationReference.js';
import { type Estimate, estimateOf, holm, momentsOf, type ZTest, zTest } from './statistics.js';

/** Which references `validate` may use (--reference). */
export type ReferenceMode = 'auto' | 'exact' | 'simulation' | 'infinite-width';
export const REFERENCE_MODES: readonly ReferenceMode[] = ['auto', 'exact', 'simulation', 'infinite-width'];

export interface ValidateOptions {
  readonly alpha: number;
  readonly reference: ReferenceMode;
  /** Time budget of all reference simulations together. */
  readonly maxSeconds: number;
  readonly strict: boolean;
  readonly referenceSeed: number;
  readonly workers?: number;
}

export const DEFAULT_REFERENCE_SEED = 2_026_001;

/**
 * Cochran's rule for the normal approximation of a mean of skewed values: at least 25 g1^2
 * networks, g1 the skewness of the sampled quantity. Below it a z-test's tail probabilities are
 * off (measured in docs/validate.md, "Calibration"), so the row is not checkable rather than
 * judged. g1 comes from ntkcalc's own simulation of the network, never from the row's values: a
 * guard on the sample's skewness would pass exactly the samples that missed the heavy tail.
 */
export const COCHRAN = 25;

/** 'reported': an up-to-constants formula's ratio to the simulation (`verify`), never a pass. */
export type Verdict = 'pass' | 'fail' | 'not checkable' | 'reported';

export interface ReferenceValue {
  readonly value: number;
  /** Standard error of a simulated reference (0 for exact and infinite-width values). */
  readonly se: number;
  /** The neglected order of an infinite-width value, as an absolute tolerance. */
  readonly tolerance: number;
  readonly kind: 'exact' | 'simulation' | 'infinite-width' | 'formula';
  readonly source: string;
}

export interface RowResult {
  readonly file: string;
  readonly row: number;
  readonly name: string;
  readonly quantity: QuantityName;
  readonly entry: readonly [number, number];
  readonly measured?: Estimate;
  readonly reference?: ReferenceValue;
  readonly z?: number;
  readonly p?: number;
  readonly pAdjusted?: number;
  readonly verdict: Verdict;
  /** Why a row is not checkable, or what failed. */
  readonly reason?: string;
}

export interface ReferenceSimulationInfo {
  readonly rows: number[];
  readonly network: string;
  readonly seed: number;
  readonly samples: number;
  readonly sampler: string;
  readonly seconds: number;
  /** Factor by which the reference's noise widens the test's standard error, at most. */
  readonly seInflation: number;
}

export interface ValidationReport {
  readonly alpha: number;
  readonly reference: ReferenceMode | 'registry';
  readonly strict: boolean;
  readonly rows: RowResult[];
  readonly simulations: ReferenceSimulationInfo[];
  readonly counts: {
    readonly pass: number;
    readonly fail: number;
    readonly notCheckable: number;
    readonly reported: number;
  };
  /** 0 all checked rows pass (and, with --strict, none is not checkable); 1 otherwise. */
  readonly exitCode: 0 | 1;
}

function measure(row: Row): Estimate {
  const m = row.measurement;
  return 'values' in m ? estimateOf(QUANTITIES[row.quantity].statistic, momentsOf(m.values)) : m;
}

/** Infinite-width value with the O(L/n) finite-width bias as an explicit tolerance. */
function infiniteWidth(q: QuantityName, row: Row, n: RowNetwork): ReferenceValue | string {
  const [i, j] = row.entry;
  if (q === 'output_mean') return { value: 0, se: 0, tolerance: 0, kind: 'exact', source: 'exact: E[f(x)] = 0' };
  if (q !== 'ntk_mean' && q !== 'nngp_mean' && q !== 'output_second_moment')
    return `no infinite-width value for ${q} (only means: ntk_mean, nngp_mean, output_second_moment)`;
  const last = pairKernels(n.spec, [...row.inputs[i]], [...row.inputs[j]])[n.spec.depth - 1];
  const value = q === 'ntk_mean' ? last.ntk.xy : last.nngp.xy;
  const widths = n.spec.hiddenWidths ?? [];
  const order = widths.length === 0 ? 0 : n.spec.depth / Math.min(...widths);
  return {
    value,
    se: 0,
    tolerance: order * Math.abs(value),
    kind: 'infinite-width',
    source:
      `infinite-width recursion; neglected O(depth/width) = ${order.toPrecision(3)} relative, allowed as ` +
      `tolerance`,
  };
}

const notCheckable = (row: Row, reason: string, measured?: Estimate): RowResult => ({
  file: row.file,
  row: row.row,
  name: row.name,
  quantity: row.quantity,
  entry: row.entry,
  measured,
  verdict: 'not checkable',
  reason,
});

interface Planned {
  readonly row: Row;
  readonly measured: Estimate;
  readonly network?: RowNetwork;
  readonly reference?: ReferenceValue;
  readonly group?: SimulationGroup;
  readonly blocked?: string;
}

/** Picks each row's reference (exact, else a simulation group, else a reason). */
function plan(rows: readonly Row[], mode: ReferenceMode, groups: Map<string, SimulationGroup>): Planned[] {
  return rows.map((row) => {
    const measured = measure(row);
    const net = rowNetwork(row.network);
    if ('outside' in net) return { row, measured, blocked: net.outside };
    const q = row.quantity;
    if (mode === 'infinite-width') {
      const r = infiniteWidth(q, row, net);
      return typeof r === 'string' ? { row, measured, blocked: r } : { row, measured, network: net, reference: r };
    }
    if (mode !== 'simulation') {
      const exact = exactReference(q, net, row.inputs, row.entry);
      if (exact) {
        const reference: ReferenceValue = { ...exact, se: 0, tolerance: 0, kind: 'exact' };
        // Still simulated (a pilot), for the skewness guard.
        return { row, measured, network: net, reference, group: groupOf(groups, net, row, measured, false) };
      }
      if (mode === 'exact') return { row, measured, blocked: 'no exact finite-width value for this row' };
    }
    const { a, b } = net.spec.activation;
    if (net.primeAtZero === 0 && a.abs().equals(b.abs()) && net.spec.bias !== 'present') {
      const widths = net.spec.hiddenWidths ?? [];
      const pDead = widths.reduce((s, w) => s + 2 ** -w, 0);
      if (pDead > 1e-9)
        return {
          row,
          measured,
          blocked:
            `phi'(0) = 0 differs from the sampler's phi'(0) = a when a hidden layer is entirely inactive ` +
            `(probability ~${pDead.toPrecision(2)}); no exact value either`,
        };
    }
    return { row, measured, network: net, group: groupOf(groups, net, row, measured, true) };
  });
}

function groupOf(
  groups: Map<string, SimulationGroup>,
  net: RowNetwork,
  row: Row,
  measured: Estimate,
  reference: boolean,
): SimulationGroup {
  const key = groupKey(net, row.inputs);
  let g = groups.get(key);
  if (!g) {
    g = { key, network: net, inputs: row.inputs, userSamples: 0, update: false, reference: false };
    groups.set(key, g);
  }
  if (reference) {
    g.userSamples = Math.max(g.userSamples, measured.samples);
    g.reference = true;
  }
  if (QUANTITIES[row.quantity].sampled === 'update') g.update = true;
  return g;
}

/** Validates rows against theory (docs/validate.md): references, two-sided tests, Holm. */
export async function validateRows(rows: readonly Row[], o: ValidateOptions): Promise<ValidationReport> {
  const groups = new Map<string, SimulationGroup>();
  const planned = plan(rows, o.reference, groups);
  const start = performance.now();
  const runs = new Map<string, ReferenceOutcome>();
  const simulations: ReferenceSimulationInfo[] = [];
  let left = groups.size;
  for (const g of groups.values()) {
    const elapsed = (performance.now() - start) / 1000;
    const outcome = await runReference(g, o.referenceSeed, (o.maxSeconds - elapsed) / left, o.workers);
    left--;
    runs.set(g.key, outcome);
    if (!('skipped' in outcome) && g.reference)
      simulations.push({
        rows: planned.filter((p) => p.group === g && !p.reference).map((p) => p.row.row),
        network: g.key,
        seed: outcome.seed,
        samples: outcome.samples,
        sampler: outcome.sampler,
        seconds: outcome.seconds,
        seInflation: Math.sqrt(1 + g.userSamples / outcome.samples),
      });
  }
  const judged = planned.map((p): Judged => {
    const { row, measured } = p;
    if (p.blocked) return { result: notCheckable(row, p.blocked, measured) };
    let reference = p.reference;
    if (p.group) {
      const run = runs.get(p.group.key)!;
      if ('skipped' in run) return { result: notCheckable(row, run.skipped, measured) };
      const e = referenceEstimate(run, row.quantity, row.entry);
      reference ??= {
        value: e.estimate,
        se: e.se,
        tolerance: 0,
        kind: 'simulation',
        source: `simulation: ${e.samples} networks, seed ${o.referenceSeed}, ${run.sampler} sampler`,
      };
      const needed = Math.ceil(COCHRAN * e.skewness * e.skewness);
      if (Number.isFinite(needed) && measured.samples < needed)
        return {
          result: notCheckable(
            row,
            `too few networks for a normal approximation of this heavy-tailed quantity: its skewness ` +
              `${e.skewness.toPrecision(3)} (simulated) needs >= ${needed} networks (${COCHRAN} g1^2), the row has ` +
              `${measured.samples}`,
            measured,
          ),
        };
    }
    const t = zTest(measured, reference!.value, reference!.se, reference!.tolerance);
    return { row, measured, reference: reference!, t };
  });
  return conclude(judged, simulations, o);
}

/** A row ready for its verdict: finished, or a test to be Holm-adjusted with the other tests. */
export type Judged =
  | { readonly result: RowResult }
  | { readonly row: Row; readonly measured: Estimate; readonly reference: ReferenceValue; readonly t: ZTest };

/** Holm over the tested rows, verdicts, counts and the exit code (shared with `verify`). */
export function conclude(
  judged: readonly Judged[],
  simulations: ReferenceSimulationInfo[],
  o: { readonly alpha: number; readonly reference: ReferenceMode | 'registry'; readonly strict: boolean },
): ValidationReport {
  const checked = judged.filter((j): j is Exclude<Judged, { result: RowResult }> => !('result' in j));
  const adjusted = holm(checked.map((t) => t.t.p));
  const results: RowResult[] = judged.map((t) => {
    if ('result' in t) return t.result;
    const pAdjusted = adjusted[checked.indexOf(t)];
    const { row, t: test } = t;
    const fail = pAdjusted < o.alpha;
    return {
      file: row.file,
      row: row.row,
      name: row.name,
      quantity: row.quantity,
      entry: row.entry,
      measured: t.measured,
      reference: t.reference,
      z: test.z,
      p: test.p,
      pAdjusted,
      verdict: fail ? 'fail' : 'pass',
      reason: fail
        ? `differs from the reference: z = ${test.z.toPrecision(3)}, Holm-adjusted p = ${pAdjusted.toPrecision(3)} ` +
          `< alpha = ${o.alpha}`
        : undefined,
    };
  });
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  const counts = {
    pass: count('pass'),
    fail: count('fail'),
    notCheckable: count('not checkable'),
    reported: count('reported'),
  };
  const failed = counts.fail > 0 || (o.strict && counts.notCheckable > 0);
  return {
    alpha: o.alpha,
    reference: o.reference,
    strict: o.strict,
    rows: results,
    simulations,
    counts,
    exitCode: failed ? 1 : 0,
  };
}
