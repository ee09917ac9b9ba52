import { numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import { checkDataset } from '../kernels/inputs.js';
import { layerCoefficients } from '../kernels/layers.js';
import type { NetworkSpec } from '../spec/network.js';
import { toNumber } from '../util/exact.js';
import type { McNetwork } from './layout.js';
import type { WeightLaw } from './random.js';

export interface McNetworkOptions {
  readonly outDim?: number;
  readonly law?: WeightLaw;
}

export function mcNetwork(
  spec: NetworkSpec,
  inputs: readonly (readonly number[])[],
  options: McNetworkOptions = {},
): McNetwork {
  const n0 = checkDataset(inputs, 'inputs');
  const hidden = spec.hiddenWidths;
  if (!hidden || hidden.length !== spec.depth - 1)
    throw new InputError(`a simulation needs the ${spec.depth - 1} hidden widths: give --width W or --widths n1,...`);
  for (const w of hidden)
    if (!Number.isInteger(w) || w < 1) throw new InputError(`hidden widths must be positive integers, got ${w}`);
  const outDim = options.outDim ?? 1;
  if (!Number.isInteger(outDim) || outDim < 1)
    throw new InputError(`--out-dim must be a positive integer, got ${outDim}`);
  const widths = [n0, ...hidden, outDim];
  const L = spec.depth;
  const c = layerCoefficients({ ...spec, hiddenWidths: hidden }, n0);
  const scale = new Float64Array(L);
  const gradW = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const s2 = toNumber(spec.layers[l].sigmaW2) / widths[l];
    scale[l] = Math.sqrt(s2);
    gradW[l] = spec.parameterization === 'ntk' ? s2 : 1;
  }
  const act = numbers(spec.activation);
  return {
    widths,
    depth: L,
    a: act.a,
    b: act.b,
    scale,
    biasStd: c.v.map(Math.sqrt),
    gradW,
    gradB: Float64Array.from(c.m),
    law: options.law ?? 'gaussian',
    inputs: Float64Array.from(inputs.flat()),
    count: inputs.length,
    outDim,
  };
}
