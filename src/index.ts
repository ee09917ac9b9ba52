/** ntkcalc public API: everything the CLI does is reachable from here. */

export {
  type ActivationConstants,
  activationConstants,
  type EocPoint,
  eocPoint,
} from '../formulas/activationConstants.js';
export { allFormulas, type Formula, findFormula, formula } from '../formulas/index.js';
export { type ExactQuantity, slopeKurtosis, slopes } from './activation/constants.js';
export {
  type Activation,
  type ActivationNumbers,
  abrelu,
  fromCoefficients,
  leaky,
  numbers,
  phi,
  phiPrime,
  preset,
} from './activation/family.js';
export {
  diagonalKernels,
  eocSpectrum,
  fromNetworkSpec,
  gramMatrices,
  gramMatricesParallel,
  mcNetwork,
  pairKernels,
  simulate,
  simulateShard,
} from './api.js';
export { DomainError, InputError } from './errors.js';
export { type Bracket, theorem1Bracket, theorem2Bracket } from './finite-width/brackets.js';
export { type ConcentrationInput, type ConcentrationResult, concentrationBound } from './finite-width/concentration.js';
export {
  type ConcentrationCell,
  type ConcentrationExperiment,
  type ConcentrationExperimentConfig,
  concentrationExperiment,
  limitingNtkMatrix,
  operatorNormOfDifference,
} from './finite-width/concentrationExperiment.js';
export {
  AUTHORS_GRID,
  biasesLimit,
  chaoticLimit,
  crossLimit,
  type Dispersion,
  type EocLimit,
  eocLimit,
  finiteWidthThreshold,
  nearCriticalLimit,
  orderedLimit,
  type SkLimit,
  skDispersion,
  skLimit,
  skPhase,
  weightsLimit,
} from './finite-width/dispersion.js';
export {
  type DeadLayers,
  type EngineOptions,
  type NtkMoments,
  ntkMean2,
  ntkMoments,
  type UpdateMoments,
  updateMoments,
} from './finite-width/exactMoments.js';
export { exactField, type Field, floatField } from './finite-width/field.js';
export { type HaninNicaReport, haninNicaReport } from './finite-width/haninNica.js';
export { type IcdConfig, type IcdExperiment, icdExperiment } from './finite-width/icdExperiment.js';
export { type Lemma7Moments, lemma7Moments } from './finite-width/lemma7.js';
export {
  checkWidths,
  haninNicaNet,
  type Include,
  seleznovaKutyniokNet,
  type ZeroBiasReluNet,
} from './finite-width/network.js';
export { type OneOverN, oneOverNCorrections } from './finite-width/oneOverN.js';
export { patternWidths, terjekSampler, type WidthPattern } from './finite-width/terjekSampler.js';
export { eocAsymptoticsObstacle, pairAsymptotics } from './kernels/asymptotics.js';
export { cosineMaps, dualKernels, varrho, varrhoPrime, zeta } from './kernels/cosineMap.js';
export { terjekNtk, terjekNtkSequence } from './kernels/eoc.js';
export { type Figure1Options, type Figure1Result, figure1 } from './kernels/figure1.js';
export type { GramOptions, GramResult } from './kernels/gram.js';
export { spherePoints } from './kernels/inputs.js';
export type { PairLayer } from './kernels/pair.js';
export { type Phase, type PhaseResult, phaseOf } from './kernels/phase.js';
export type { SpectrumResult } from './kernels/spectrum.js';
export { denseSampler, type Sampler, type SamplerOptions } from './montecarlo/dense.js';
export type { KernelKind } from './montecarlo/kernels.js';
export { LANES, networkStreams } from './montecarlo/laneStreams.js';
export { type McNetwork, type SampleLayout, sampleLayout } from './montecarlo/layout.js';
export type { McNetworkOptions } from './montecarlo/network.js';
export { type Generator, networkStream, type RandomStream, type WeightLaw } from './montecarlo/random.js';
export { type ReducedOptions, reducedSampler } from './montecarlo/reduced.js';
export {
  type Job,
  type PerNetwork,
  type PerNetworkFactory,
  type PerNetworkSpec,
  type RunOptions,
  runJob,
  runJobs,
  type SamplerKind,
  type Shard,
} from './montecarlo/run.js';
export {
  type ConfigJson,
  mergePartials,
  type PartialResult,
  type Quantity,
  type SimulationResult,
} from './montecarlo/simulation.js';
export {
  BLOCK_SIZE,
  ExactSum,
  ksTwoSample,
  NetworkSeries,
  type Summary,
  summarize,
  Totals,
} from './montecarlo/statistics.js';
export { checkInputs, checkNetwork, checkSimulation } from './spec/boundary.js';
export {
  type Converted,
  fromHaninNica,
  fromNeuralTangents,
  fromPdlt,
  fromSeleznovaKutyniok,
  fromTerjek,
} from './spec/conventions.js';
export { type NetworkJson, specJson } from './spec/json.js';
export type {
  BiasMode,
  LayerSpec,
  NetworkSpec,
  Parameterization,
  ReluPrimeAtZero,
} from './spec/network.js';
export { MAX_DEPTH, parsePositiveInt, parseSeed } from './spec/numbers.js';
export { type NetworkInput, parseNetwork } from './spec/schema.js';
export { parseSimulation, type SimulationConfig, type SimulationInput } from './spec/simulation.js';
export { Fraction, parseRational } from './util/exact.js';
export { VERSION } from './version.js';
