import { activationConstants, eocPoint } from '../../formulas/activationConstants.js';
import { preset } from '../activation/family.js';
import type { Table } from '../report/model.js';
import { type ActivationRow, constantsTable } from '../report/presets/constants.js';
import { dispersionTable } from '../report/presets/dispersion.js';
import { haninNicaTable } from '../report/presets/haninNica.js';
import { ntkDepthTable } from '../report/presets/ntkDepth.js';
import { oneOverNTable } from '../report/presets/oneOverN.js';
import { simulatedTable, simulateNtkMoments } from '../report/presets/simulated.js';
import { terjekTable } from '../report/presets/terjek.js';

export const CONSTANTS_ACTIVATIONS = ['relu', 'abs', 'leaky:0.1', 'linear'];

/** The rows of the constants table: exact radicals from the registry (formulas/activationConstants.ts). */
export function activationRows(names: readonly string[] = CONSTANTS_ACTIVATIONS): ActivationRow[] {
  return names.map((name) => {
    const activation = preset(name);
    return { name, activation, constants: activationConstants(activation), eocSigmaW2: eocPoint(activation).sigma_w2 };
  });
}

export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly build: () => Table | Promise<Table>;
}

/** The tables `ntkcalc table --preset NAME` writes (and the default report includes); built in src/report/presets. */
export const PRESETS: readonly Preset[] = [
  {
    name: 'constants',
    description: 'activation constants and edge-of-chaos points',
    build: () => constantsTable(activationRows()),
  },
  {
    name: 'ntk-depth',
    description: 'infinite-width NTK of orthogonal unit inputs across depths',
    build: () => ntkDepthTable(),
  },
  {
    name: 'hanin-nica',
    description: "Hanin-Nica exact moments against the paper's printed mean and Theorem 1 bracket",
    build: () => haninNicaTable(),
  },
  {
    name: 'dispersion-phases',
    description: 'Seleznova-Kutyniok NTK dispersion in the ordered, edge-of-chaos and chaotic phases',
    build: () => dispersionTable(),
  },
  {
    name: 'one-over-n',
    description: '1/n NTK variance and vertex coefficients across activations',
    build: () => oneOverNTable(),
  },
  {
    name: 'terjek-bound',
    description: 'Terjek concentration bound across base widths and depths',
    build: () => terjekTable(),
  },
  {
    name: 'simulated',
    description: 'simulated NTK mean and dispersion (mean +/- se) beside theory (a few seconds)',
    build: async () => simulatedTable(await simulateNtkMoments()),
  },
];

export function presetNames(): string[] {
  return PRESETS.map((p) => p.name);
}
