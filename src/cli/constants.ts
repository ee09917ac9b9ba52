import type { Command } from 'commander';
import { activationConstants, eocPoint } from '../../formulas/activationConstants.js';
import type { ExactQuantity } from '../activation/constants.js';
import type { Activation } from '../activation/family.js';
import { exactCell, type Table } from '../report/model.js';
import { VERSION } from '../version.js';
import {
  type ActivationOptions,
  activationFromOptions,
  addActivationOptions,
  addOutputOptions,
  type OutputOptions,
} from './options.js';
import { emit } from './output.js';

export function describeActivation(act: Activation): string {
  return `${act.name}: phi(s) = (${act.a.toFraction()}) s + (${act.b.toFraction()}) |s|`;
}

/** The constants of one activation as JSON (shape fixed by issue 2, extra keys welcome). */
export function constantsJson(act: Activation) {
  const c = activationConstants(act);
  return {
    activation: { name: act.name, a: act.a.toFraction(), b: act.b.toFraction() },
    constants: {
      Delta: c.Delta,
      kappa: c.kappa,
      A2: c.A2,
      A4: c.A4,
      r: c.r,
      slope_positive: c.slopePositive,
      slope_negative: c.slopeNegative,
    },
    eoc: eocPoint(act),
  };
}

/** The constants of one activation as a table: exact value, Float64 value and (for the terminal) LaTeX source. */
export function constantsTable(act: Activation): Table {
  const c = activationConstants(act);
  const e = eocPoint(act);
  const row = (name: string, q: ExactQuantity) => ({ cells: [name, exactCell(q), q.value, q.latex] });
  const rows = [
    row('Delta_phi', c.Delta),
    row('kappa_phi', c.kappa),
    row('A_2', c.A2),
    row('A_4', c.A4),
    row('r = A_4/A_2^2', c.r),
    row('slope s>0 (a+b)', c.slopePositive),
    row('slope s<0 (a-b)', c.slopeNegative),
    row('EOC sigma_w^2', e.sigma_w2),
    row('EOC sigma_b^2', e.sigma_b2),
  ];
  return {
    name: `constants-${act.name.replace(/[^A-Za-z0-9]+/g, '-')}`,
    title: `Exact constants of ${describeActivation(act)}`,
    columns: [
      { key: 'quantity', name: 'quantity' },
      { key: 'value', name: 'exact' },
      { key: 'float', name: 'value', digits: 15, formats: ['text', 'markdown'] },
      { key: 'latex', name: 'LaTeX', formats: ['text', 'markdown'] },
    ],
    rows,
    provenance: {
      formulas: ['activation/delta', 'activation/kappa', 'activation/a2', 'activation/a4', 'activation/r'],
      convention: 'EOC point of the canonical network: sigma_w^2 = 1/A_2, sigma_b^2 = 0',
    },
  };
}

export function register(program: Command): void {
  const cmd = program
    .command('constants')
    .description(
      'exact constants of phi(s) = a s + b|s|: Delta_phi, kappa_phi, A_2, A_4, r, slopes, and the edge-of-chaos point',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc constants --activation leaky:0.1\n  ntkcalc constants --a 11/20 --b 9/20 --json',
    );
  addOutputOptions(addActivationOptions(cmd)).action((o: ActivationOptions & OutputOptions) => {
    const act = activationFromOptions(o);
    const table = constantsTable(act);
    emit(o, {
      json: () => ({ version: VERSION, ...constantsJson(act) }),
      tables: () => [table],
      text: (view) =>
        `${describeActivation(act)}\n\n${view.bare(table)}\n` +
        (act.b.equals(0)
          ? '\nDelta_phi = 0 (linear): results that divide by Delta_phi (depth asymptotics, Terjek bounds) do not ' +
            'apply.\n'
          : ''),
    });
  });
}
