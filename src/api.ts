import { fromNetworkSpec as fromNetworkSpecUnchecked } from './finite-width/network.js';
import {
  gramMatricesParallel as gramMatricesParallelUnchecked,
  gramMatrices as gramMatricesUnchecked,
} from './kernels/gram.js';
import { diagonalKernels as diagonalKernelsUnchecked, pairKernels as pairKernelsUnchecked } from './kernels/pair.js';
import { eocSpectrum as eocSpectrumUnchecked } from './kernels/spectrum.js';
import { mcNetwork as mcNetworkUnchecked } from './montecarlo/network.js';
import { simulateShard as simulateShardUnchecked, simulate as simulateUnchecked } from './montecarlo/simulation.js';
import { checkInputs, checkNetwork, checkSimulation, checkVectors } from './spec/boundary.js';

/**
 * The public API's functions that take a network, a simulation or inputs: each validates its
 * arguments through the shared schema (src/spec) and then calls the library function, so a
 * library user gets the one-line message a spec file or the command line would get. The asynchronous
 * ones reject (never throw) on bad input, as they do on every other failure.
 */

export const pairKernels: typeof pairKernelsUnchecked = (spec, x, y) => {
  const [vx, vy] = checkVectors([x, y], 'x, y');
  return pairKernelsUnchecked(checkNetwork(spec), vx, vy);
};

export const diagonalKernels: typeof diagonalKernelsUnchecked = (spec, x) =>
  diagonalKernelsUnchecked(checkNetwork(spec), checkVectors([x], 'x')[0]);

export const gramMatrices: typeof gramMatricesUnchecked = (spec, x, y, options) =>
  gramMatricesUnchecked(checkNetwork(spec), checkInputs(x, 'x'), y && checkInputs(y, 'y'), options);

export const gramMatricesParallel: typeof gramMatricesParallelUnchecked = async (spec, x, y, options) =>
  gramMatricesParallelUnchecked(checkNetwork(spec), checkInputs(x, 'x'), y && checkInputs(y, 'y'), options);

export const mcNetwork: typeof mcNetworkUnchecked = (spec, inputs, options) =>
  mcNetworkUnchecked(checkNetwork(spec), checkInputs(inputs), options);

export const simulate: typeof simulateUnchecked = async (config, options) =>
  simulateUnchecked(checkSimulation(config), options);

export const simulateShard: typeof simulateShardUnchecked = async (config, shard, options) =>
  simulateShardUnchecked(checkSimulation(config), shard, options);

export const fromNetworkSpec: typeof fromNetworkSpecUnchecked = (F, spec, n0, norm2) =>
  fromNetworkSpecUnchecked(F, checkNetwork(spec), n0, norm2);

export const eocSpectrum: typeof eocSpectrumUnchecked = (Delta, depth, inputs) =>
  eocSpectrumUnchecked(Delta, depth, checkInputs(inputs));
