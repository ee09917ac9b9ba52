/** ntkcalc public API: everything the CLI does is reachable from here. */
export { type Activation, type ActivationNumbers, abrelu, fromCoefficients, leaky, numbers, phi, phiPrime, preset, slopes } from './activation/family.js';
export { type ActivationConstants, activationConstants, type EocPoint, eocPoint, type ExactQuantity } from './activation/constants.js';
export { DomainError, InputError } from './errors.js';
export { type BiasMode, type LayerSpec, type NetworkSpec, type Parameterization } from './spec/network.js';
export { cosineMaps, dualKernels, varrho, varrhoPrime, zeta } from './kernels/cosineMap.js';
export { diagonalKernels, type PairLayer, pairKernels } from './kernels/pair.js';
export { type GramOptions, type GramResult, gramMatrices, gramMatricesParallel } from './kernels/gram.js';
export { type Phase, phaseOf, type PhaseResult } from './kernels/phase.js';
export { eocAsymptoticsObstacle, pairAsymptotics } from './kernels/asymptotics.js';
export { terjekNtk, terjekNtkSequence } from './kernels/eoc.js';
export { allFormulas, findFormula, formula, type Formula } from '../formulas/index.js';
export { parseRational, Fraction } from './util/exact.js';
export { VERSION } from './version.js';
