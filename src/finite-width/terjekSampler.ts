import { type Activation, numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import type { McNetwork } from '../montecarlo/layout.js';
import { checkRunMemory } from '../montecarlo/limits.js';
import { mcNetwork } from '../montecarlo/network.js';
import { networkStream } from '../montecarlo/random.js';
import { reducedSampler } from '../montecarlo/reduced.js';
import type { Job, PerNetworkSpec } from '../montecarlo/run.js';
import { fromTerjek } from '../spec/conventions.js';
import { MAX_SAMPLES } from '../spec/simulation.js';
import { type TerjekReading, terjekLastLayerGram, terjekNtk } from './terjekStatistics.js';

/**
 * Finite Terjek & Gonzalez-Sanchez networks on the Monte Carlo engine (docs/theory.md T1.2, convention
 * 'terjek'): the network mapped onto the canonical sampler, as a job of montecarlo/run.ts with the
 * same per-network streams and default generator as `ntkcalc simulate`: network i of seed s here
 * is network i of `ntkcalc simulate --seed s` (Gaussian weights, reduced sampler).
 */

export type WidthPattern = 'constant' | 'linear' | 'quadratic';
export const WIDTH_PATTERNS: readonly WidthPattern[] = ['constant', 'linear', 'quadratic'];

/**
 * Hidden widths m_k = gamma_k m, k = 1..l-1, with gamma_k = 1, k or k^2 (docs/theory.md T1.2; the theorem needs k^2).
 */
export function patternWidths(pattern: WidthPattern, baseWidth: number, depth: number): number[] {
  const power = { constant: 0, linear: 1, quadratic: 2 }[pattern];
  return Array.from({ length: depth - 1 }, (_, k) => (k + 1) ** power * baseWidth);
}

export function parsePattern(text: string): WidthPattern {
  const p = text.trim() as WidthPattern;
  if (!WIDTH_PATTERNS.includes(p))
    throw new InputError(
      `width pattern "${text}" is unknown: use constant (m_k = m), linear (m_k = k m) or quadratic (m_k = k^2 m, ` +
        `the theorem's)`,
    );
  return p;
}

export interface TerjekDraw {
  /** The NTK matrix K(theta) = [(1/n) K_theta(x_a, x_b)_{kk'}], M x M row-major, M = n m_l, (a, k) -> a m_l + k. */
  readonly ntk: Float64Array;
  /** Gram matrix <x_l(x_a), x_l(x_b)> of the last hidden layer's scaled activations (n x n): its cosines are rho_l. */
  readonly lastLayerGram: Float64Array;
}

/** A Terjek network as the engine samples it, and how its sample vectors read in Terjek's convention. */
export interface TerjekNetwork {
  readonly net: McNetwork;
  readonly reading: TerjekReading;
}

/**
 * Networks per cell of the concentration and ICD experiments: 2 for a standard error, at most 2^30 as in a simulation.
 */
export function checkCellSamples(samples: number, cell: string): void {
  if (!Number.isInteger(samples) || samples < 2 || samples > MAX_SAMPLES)
    throw new InputError(
      `--samples must be an integer >= 2 (a standard error needs two networks) and at most 2^30 = ${MAX_SAMPLES} ` +
        `networks per ${cell}, got ${samples}`,
    );
}

/**
 * The Terjek network (EOC, sigma^2 = 1/(a^2+b^2), no biases, no 1/sqrt(m_0) at the input, depth l
 * weight matrices, hidden widths m_1..m_{l-1}, m_l outputs) mapped onto the canonical network with
 * spec/conventions.ts fromTerjek: inputs scaled by sqrt(m_0), and K_T = Theta_canonical / sigma^2.
 */
export function terjekNetwork(
  act: Activation,
  depth: number,
  widths: readonly number[],
  inputs: readonly (readonly number[])[],
  outDim = 1,
): TerjekNetwork {
  const dim = inputs[0]?.length ?? 0;
  const conv = fromTerjek(act, depth, dim);
  const scaled = inputs.map((x) => x.map((v) => v * conv.inputScale));
  const net = mcNetwork({ ...conv.spec, hiddenWidths: [...widths] }, scaled, { outDim });
  // Refused before any draw when one thread's sampler would not fit in memory.
  checkRunMemory(net, 'reduced', false, 1);
  return { net, reading: { ntkFactor: conv.ntkFactor, n: net.count, sigma2: 1 / numbers(act).A2 } };
}

export interface TerjekRun {
  readonly seed: number;
  readonly samples: number;
  readonly firstNetwork: number;
  readonly forwardOnly?: boolean;
  readonly perNetwork: PerNetworkSpec;
}

/**
 * The engine's job for networks firstNetwork .. firstNetwork + samples - 1: Gaussian weights (the paper's), reduced
 * sampler.
 */
export function terjekJob(network: TerjekNetwork, run: TerjekRun): Job {
  return { net: network.net, sampler: 'reduced', update: false, generator: 'fast', ...run };
}

export interface TerjekSampler {
  readonly n: number;
  readonly columns: number;
  /** Draws network `index` of run `seed` (the view is overwritten by the next draw). */
  draw(seed: number, index: number): TerjekDraw;
}

/** One network at a time, for code that inspects single networks (the experiments run jobs instead). */
export function terjekSampler(
  act: Activation,
  depth: number,
  widths: readonly number[],
  inputs: readonly (readonly number[])[],
  outDim = 1,
): TerjekSampler {
  const { net, reading } = terjekNetwork(act, depth, widths, inputs, outDim);
  const sampler = reducedSampler(net);
  const lay = sampler.layout;
  const vector = new Float64Array(lay.size);
  const ntk = new Float64Array(lay.columns * lay.columns);
  const gram = new Float64Array(lay.count * lay.count);
  return {
    n: lay.count,
    columns: lay.columns,
    draw(seed, index) {
      sampler.sample(networkStream(seed, index), vector);
      terjekNtk(vector, lay, reading, ntk);
      terjekLastLayerGram(vector, lay, reading, gram);
      return { ntk, lastLayerGram: gram };
    },
  };
}
