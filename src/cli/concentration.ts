import type { Command } from 'commander';
import { preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { concentrationBound } from '../finite-width/concentration.js';
import { textTable } from '../report/table.js';
import { parseFinite } from '../util/exact.js';
import { VERSION } from '../version.js';
import { describeActivation } from './constants.js';
import { type ActivationOptions, activationFromOptions, addActivationOptions, fmt, parsePositiveInt, printJson } from './options.js';

const WARNING = 'The O(.) of the theorem hides an absolute constant C that the paper does not give: the number below is the expression at the chosen C, not a bound that holds with a known constant.';

export function register(program: Command): void {
  const cmd = program
    .command('concentration')
    .description('the Terjek & Gonzalez-Sanchez concentration bound of the EOC NTK matrix, with its unknown constant exposed (--constant)')
    .addHelpText('after', `\n${WARNING}\nConvention: Terjek (no 1/sqrt(n_0) at the input, sigma^2 = 1/A_2, no biases, NTK matrix with 1/n), widths m_k = k^2 m.\n\nExamples:\n  ntkcalc concentration --activation abs --depth 10 --width 1000 --n 100\n  ntkcalc concentration --activation relu --depth 10 --width 1000 --n 100 --p 0.5 --json`);
  addActivationOptions(cmd)
    .option('--depth <l>', 'number of weight matrices l >= 2')
    .option('--width <m>', 'base width m (hidden widths m_k = k^2 m)')
    .option('--n <n>', 'number of data points (>= 2, no parallel pair)')
    .option('--out-dim <ml>', 'output dimension m_l', '1')
    .option('--tau <t>', 'largest input norm', '1')
    .option('--p <p>', 'probability exponent in (0, 1) (default: the optimal log_m(log m))')
    .option('--constant <C>', 'value of the hidden absolute constant', '1')
    .option('--json', 'machine-readable output')
    .action((o: ActivationOptions & { depth?: string; width?: string; n?: string; outDim: string; tau: string; p?: string; constant: string; json?: boolean }) => {
      const act = activationFromOptions(o);
      for (const [flag, v] of [['--depth', o.depth], ['--width', o.width], ['--n', o.n]] as const) if (v === undefined) throw new InputError(`${flag} is required (e.g. --depth 10 --width 1000 --n 100)`);
      const tau = parseFinite(o.tau, '--tau');
      const constant = parseFinite(o.constant, '--constant');
      if (!(tau > 0)) throw new InputError('--tau must be positive');
      if (!(constant > 0)) throw new InputError('--constant must be positive');
      const input = {
        depth: parsePositiveInt(o.depth!, '--depth'),
        baseWidth: parsePositiveInt(o.width!, '--width'),
        points: parsePositiveInt(o.n!, '--n'),
        outDim: parsePositiveInt(o.outDim, '--out-dim'),
        tauMax: tau,
        p: o.p === undefined ? undefined : parseFinite(o.p, '--p'),
        constant,
      };
      const r = concentrationBound(act, input);
      const comparison = ['abs', 'relu'].map((name) => {
        const other = concentrationBound(preset(name), { ...input, p: r.p });
        return { activation: name, prefactor: other.prefactor, bound_over_C: other.boundOverC };
      });
      if (o.json) {
        printJson({
          version: VERSION,
          formula: 'terjek/concentration-bound',
          kind: 'up-to-constants',
          warning: WARNING,
          activation: { name: act.name, a: act.a.toFraction(), b: act.b.toFraction(), Delta: r.Delta, kappa: r.kappa },
          constant: constant,
          bound_over_C: r.boundOverC,
          bound_at_C: r.bound,
          probability_at_least: r.probability,
          p: r.p,
          p_note: r.pNote,
          widths: r.widths,
          total_hidden_width: r.totalHiddenWidth,
          prefactor_Delta2_kappa2: r.prefactor,
          comparison,
        });
        return;
      }
      const rows = [
        ['||K(theta) - K_inf|| <= C x', fmt(r.boundOverC, 8)],
        [`with C = ${constant}`, fmt(r.bound, 8)],
        ['probability at least', fmt(r.probability, 12)],
        ['p', `${fmt(r.p, 8)} (${r.pNote})`],
        ['hidden widths m_k = k^2 m', r.widths.length <= 8 ? r.widths.join(', ') : `${r.widths.slice(0, 4).join(', ')}, ..., ${r.widths.at(-1)}`],
        ['total hidden width', String(r.totalHiddenWidth)],
        ['prefactor Delta^-2 kappa^2', fmt(r.prefactor, 10)],
      ];
      const crow = comparison.map((c) => [c.activation, fmt(c.prefactor, 6), fmt(c.bound_over_C, 8)]);
      process.stdout.write(`${describeActivation(act)}\n\n${WARNING}\n\n${textTable(['quantity', 'value'], rows)}\n\nHeadline comparison (same l, m, n, p):\n${textTable(['activation', 'Delta^-2 kappa^2', 'bound / C'], crow)}\n`);
    });
}
