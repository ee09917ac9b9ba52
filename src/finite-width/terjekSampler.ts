import { type Activation, numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import { checkRunMemory } from '../montecarlo/limits.js';
import { mcNetwork } from '../montecarlo/network.js';
import { networkStream } from '../montecarlo/random.js';
import { reducedSampler } from '../montecarlo/reduced.js';
import { BLOCK_SIZE, BlockAccumulator, summarize, Totals } from '../montecarlo/statistics.js';
import { fromTerjek } from '../spec/conventions.js';
import { MAX_SAMPLES } from '../spec/simulation.js';

/**
 * Finite Terjek & Gonzalez-Sanchez networks drawn one at a time from the Monte Carlo sampler
 * (docs/theory.md T1.2, convention 'terjek'): the sampler's `simulate` returns only means over networks,
 * and the concentration experiment needs each network's NTK matrix, so this drives the sampler's
 * exported pieces (mcNetwork, reducedSampler, networkStream) with the same per-network streams
 * and default generator: network i of seed s here is network i of `ntkcalc simulate --seed s`
 * (Gaussian weights, reduced sampler).
 */

export type WidthPattern = 'constant' | 'linear' | 'quadratic';
export const WIDTH_PATTERNS: readonly WidthPattern[] = ['constant', 'linear', 'quadratic'];

/** Hidden widths m_k = gamma_k m, k = 1..l-1, with gamma_k = 1, k or k^2 (docs/theory.md T1.2; the theorem needs k^2). */
export function patternWidths(pattern: WidthPattern, baseWidth: number, depth: number): number[] {
  const power = { constant: 0, linear: 1, quadratic: 2 }[pattern];
  return Array.from({ length: depth - 1 }, (_, k) => (k + 1) ** power * baseWidth);
}

export function parsePattern(text: string): WidthPattern {
  const p = text.trim() as WidthPattern;
  if (!WIDTH_PATTERNS.includes(p))
    throw new InputError(
      `width pattern "${text}" is unknown: use constant (m_k = m), linear (m_k = k m) or quadratic (m_k = k^2 m, the theorem's)`,
    );
  return p;
}

export interface TerjekDraw {
  /** The NTK matrix K(theta) = [(1/n) K_theta(x_a, x_b)_{kk'}], M x M row-major, M = n m_l, (a, k) -> a m_l + k. */
  readonly ntk: Float64Array;
  /** Gram matrix <x_l(x_a), x_l(x_b)> of the last hidden layer's scaled activations (n x n): its cosines are rho_l. */
  readonly lastLayerGram: Float64Array;
}

export interface TerjekSampler {
  readonly n: number;
  readonly columns: number;
  /** Draws network `index` of run `seed` (the view is overwritten by the next draw). */
  draw(seed: number, index: number): TerjekDraw;
}

/**
 * Networks per cell of the concentration and ICD experiments: 2 for a standard error, at most
 * 2^30 as in a simulation (they are drawn one at a time in one thread, so 2^30 already takes days).
 */
export function checkCellSamples(samples: number, cell: string): void {
  if (!Number.isInteger(samples) || samples < 2 || samples > MAX_SAMPLES)
    throw new InputError(
      `--samples must be an integer >= 2 (a standard error needs two networks) and at most 2^30 = ${MAX_SAMPLES} ` +
        `networks per ${cell}, got ${samples}`,
    );
}

/** The canonical form of a Terjek network, refused before any draw when its sampler would not fit in memory. */
export function terjekNetwork(
  act: Activation,
  depth: number,
  widths: readonly number[],
  inputs: readonly (readonly number[])[],
  outDim = 1,
) {
  const conv = fromTerjek(act, depth, inputs[0]?.length ?? 0);
  const scaled = inputs.map((x) => x.map((v) => v * conv.inputScale));
  const net = mcNetwork({ ...conv.spec, hiddenWidths: [...widths] }, scaled, { outDim });
  checkRunMemory(net, 'reduced', false, 1);
  return { conv, net };
}

/**
 * The Terjek network (EOC, sigma^2 = 1/(a^2+b^2), no biases, no 1/sqrt(m_0) at the input, depth l
 * weight matrices, hidden widths m_1..m_{l-1}, m_l outputs) mapped onto the canonical sampler with
 * spec/conventions.ts fromTerjek: inputs scaled by sqrt(m_0), and K_T = Theta_canonical / sigma^2.
 * Gaussian weights (the paper's), reduced sampler (equal in law to the dense one).
 */
export function terjekSampler(
  act: Activation,
  depth: number,
  widths: readonly number[],
  inputs: readonly (readonly number[])[],
  outDim = 1,
): TerjekSampler {
  const { conv, net } = terjekNetwork(act, depth, widths, inputs, outDim);
  const sampler = reducedSampler(net);
  const lay = sampler.layout;
  const n = lay.count;
  const M = lay.columns;
  const vector = new Float64Array(lay.size);
  const ntk = new Float64Array(M * M);
  const gram = new Float64Array(n * n);
  // The canonical NNGP of the last layer is sigma^2 <x_l, x_l'> in Terjek's scaled activations.
  const sigma2 = 1 / numbers(act).A2;
  return {
    n,
    columns: M,
    draw(seed, index) {
      sampler.sample(networkStream(seed, index), vector);
      for (let i = 0; i < M * M; i++) ntk[i] = (conv.ntkFactor * vector[lay.ntk + i]) / n;
      for (let i = 0; i < n * n; i++) gram[i] = vector[lay.nngp + i] / sigma2;
      return { ntk, lastLayerGram: gram };
    },
  };
}

/** Mean, standard error and standard deviation over networks of each scalar of per-network vectors, via montecarlo/statistics.ts. */
export interface OverNetworks {
  readonly count: number;
  readonly mean: Float64Array;
  readonly se: Float64Array;
  readonly std: Float64Array;
}

/** Accumulates per-network vectors in blocks of BLOCK_SIZE, as the sampler's own runs do. */
export class NetworkStatistics {
  private readonly totals: Totals;
  private block: BlockAccumulator | undefined;
  private seen = 0;

  constructor(readonly size: number) {
    this.totals = new Totals(size);
  }

  add(x: Float64Array): void {
    if (this.seen % BLOCK_SIZE === 0) this.flush(new BlockAccumulator(this.seen / BLOCK_SIZE, this.size));
    this.block!.add(x);
    this.seen++;
  }

  private flush(next?: BlockAccumulator): void {
    if (this.block) this.totals.addBlock(this.block.result());
    this.block = next;
  }

  result(): OverNetworks {
    this.flush();
    const s = summarize(this.totals);
    return { count: s.count, mean: s.mean, se: s.se, std: s.se.map((e) => e * Math.sqrt(s.count)) };
  }
}

/** Yields to the event loop so a progress bar can redraw during long runs. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
