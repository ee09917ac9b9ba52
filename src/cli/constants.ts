import type { Command } from 'commander';
import { activationConstants, eocPoint } from '../../formulas/activationConstants.js';
import type { ExactQuantity } from '../activation/constants.js';
import type { Activation } from '../activation/family.js';
import { textTable } from '../report/table.js';
import { VERSION } from '../version.js';
import { type ActivationOptions, activationFromOptions, addActivationOptions, fmt, printJson } from './options.js';

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

export function constantsRows(act: Activation): string[][] {
  const c = activationConstants(act);
  const e = eocPoint(act);
  const row = (name: string, q: ExactQuantity) => [name, q.exact, fmt(q.value, 15), q.latex];
  return [
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
  addActivationOptions(cmd)
    .option('--json', 'machine-readable output')
    .action((o: ActivationOptions & { json?: boolean }) => {
      const act = activationFromOptions(o);
      if (o.json) {
        printJson({ version: VERSION, ...constantsJson(act) });
        return;
      }
      process.stdout.write(
        `${describeActivation(act)}\n\n${textTable(['quantity', 'exact', 'value', 'LaTeX'], constantsRows(act))}\n`,
      );
      if (act.b.equals(0))
        process.stdout.write(
          '\nDelta_phi = 0 (linear): results that divide by Delta_phi (depth asymptotics, Terjek bounds) do not apply.\n',
        );
    });
}
