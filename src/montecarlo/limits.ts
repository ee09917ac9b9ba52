import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { diagonalKernels } from '../kernels/pair.js';
import type { NetworkSpec } from '../spec/network.js';
import { checkMemory, maxOf } from '../util/limits.js';
import { laneBufferBytes } from './laneStreams.js';
import { type McNetwork, sampleLayout } from './layout.js';

/**
 * Memory of a Monte Carlo run, estimated from its sizes before anything is allocated, so that a
 * run that cannot fit is refused with its estimate (util/limits.ts) instead of aborting.
 */

/**
 * Heap bytes per scalar of a sample vector held by the statistics: four exactly rounded sums
 * (statistics.ts ExactSum, 224 bytes each with two partials, measured) and the result's mean,
 * standard error and ratio as numbers and JSON text.
 */
const STATISTICS_BYTES_PER_SCALAR = 1280;

/**
 * Bytes one sampler (one worker) holds: activations, gradients, weights or the reduced scratch, block
 * sums, and the buffers of its lane streams.
 */
export function samplerBytes(net: McNetwork, kind: 'dense' | 'reduced', update: boolean): number {
  const N = net.count;
  const M = N * net.outDim;
  const n = net.widths;
  const widest = maxOf(n);
  const total = n.reduce((s, w) => s + w, 0);
  let floats = (2 * N + M) * total + M * widest + 5 * widest + N * N + M * M;
  // Normals drawn per network (weights, and biases at most one per unit), which the lane streams buffer.
  let draws = total;
  for (let l = 1; l < n.length; l++) {
    const dense = n[l - 1] * n[l];
    const k = Math.min(n[l - 1], N);
    floats += kind === 'dense' ? dense : Math.min(dense, (n[l - 1] + n[l]) * k);
    draws += kind === 'dense' ? dense : Math.min(dense, n[l] * k + n[l - 1] * Math.min(n[l], M));
  }
  if (kind === 'reduced') floats += 4 * widest * M + M * M + N * M;
  floats += 6 * sampleLayout(net, { update }).size;
  return 8 * floats + laneBufferBytes(draws);
}

/**
 * Refuses a run whose statistics and samplers (one per worker, `workers` defaulting to the
 * cores) would not fit in MEMORY_LIMIT, saying which part is too large and what to change.
 */
export function checkRunMemory(
  net: McNetwork,
  kind: 'dense' | 'reduced',
  update: boolean,
  workers = availableParallelism(),
): void {
  const scalars = sampleLayout(net, { update }).size;
  const statistics = STATISTICS_BYTES_PER_SCALAR * scalars;
  const samplers = workers * samplerBytes(net, kind, update);
  const N = net.count;
  const what =
    `this simulation (${N} input${N === 1 ? '' : 's'}, ${net.outDim} output${net.outDim === 1 ? '' : 's'}, ` +
    `depth ${net.depth}, widths up to ${maxOf(net.widths.slice(0, -1))})`;
  const instead =
    statistics >= samplers
      ? `it keeps statistics of ${scalars.toPrecision(3)} numbers per network, which grow as depth inputs^2 + ` +
        `(depth + 1) (inputs x outputs)^2: ` +
        'use fewer inputs, a smaller --out-dim or fewer layers'
      : `each of its ${workers} worker${workers === 1 ? '' : 's'} holds a ${kind} sampler of the whole network: ` +
        `use smaller widths${kind === 'dense' ? ', --sampler reduced (Gaussian weights)' : ''} or fewer --workers`;
  checkMemory(what, statistics + samplers, instead);
}

/**
 * Kernel values the statistics can hold: they sum x^4 of every value for the standard errors and
 * the E[K^2]/E[K]^2 ratio, which overflows beyond 1e77 and underflows (to se = 0) below 1e-77;
 * 1e-70..1e70 leaves a factor 10^7 for finite-width fluctuations.
 */
export const KERNEL_RANGE = { min: 1e-70, max: 1e70 } as const;

/**
 * Refuses a run whose infinite-width kernels leave KERNEL_RANGE, where the standard errors would
 * print as NaN or 0. Exact zeros (a zero input without biases) are fine.
 */
export function checkKernelRange(spec: NetworkSpec, inputs: readonly (readonly number[])[]): void {
  inputs.forEach((x, a) => {
    for (const k of diagonalKernels(spec, x))
      for (const [name, v] of [
        ['Sigma', k.nngp],
        ['Theta', k.ntk],
      ] as const)
        if (v !== 0 && !(v >= KERNEL_RANGE.min && v <= KERNEL_RANGE.max))
          throw new InputError(
            `${name}^(${k.layer})(x_${a + 1}, x_${a + 1}) = ${v.toExponential(2)} at infinite width is outside ` +
              `${KERNEL_RANGE.min}..${KERNEL_RANGE.max}, where the standard errors (sums of fourth powers) stay ` +
              'in Float64; rescale the inputs and sigma_b^2 together (every kernel scales as |x|^2) and scale the ' +
              'results back',
          );
  });
}
