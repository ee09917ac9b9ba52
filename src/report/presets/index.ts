import type { Table } from '../model.js';
import { constantsTable } from './constants.js';
import { dispersionTable } from './dispersion.js';
import { haninNicaTable } from './haninNica.js';
import { ntkDepthTable } from './ntkDepth.js';
import { oneOverNTable } from './oneOverN.js';
import { simulatedTable, simulateNtkMoments } from './simulated.js';
import { terjekTable } from './terjek.js';

export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly build: () => Table | Promise<Table>;
}

/** The tables `ntkcalc table --preset NAME` writes (and the default report includes). */
export const PRESETS: readonly Preset[] = [
  { name: 'constants', description: 'activation constants and edge-of-chaos points', build: () => constantsTable() },
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
