import type { Command } from 'commander';
import { numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import { eocSpectrum } from '../kernels/spectrum.js';
import { textTable } from '../report/table.js';
import { VERSION } from '../version.js';
import { describeActivation } from './constants.js';
import { type ActivationOptions, activationFromOptions, addActivationOptions, fmt, parsePositiveInt, printJson, readInputsFile } from './options.js';

export function register(program: Command): void {
  const cmd = program
    .command('spectrum')
    .description('eigenvalues and condition number of the EOC NTK matrix of a dataset, beside the leading terms of Terjek & Gonzalez-Sanchez Thm. 18')
    .addHelpText('after', '\nConvention: Terjek (NTK matrix (1/n) K_inf(x_i, x_j), sigma^2 = 1/A_2, no biases, no 1/sqrt(n_0) at the input).\nThe theorem\'s error terms hide unknown constants; its leading terms become informative as the depth grows.\n\nExample:\n  ntkcalc spectrum --activation abs --depth 64 --inputs examples/sphere16.json');
  addActivationOptions(cmd)
    .option('--depth <l>', 'number of weight matrices l >= 2')
    .option('--inputs <file>', 'JSON array of input vectors (no zero vector, no parallel pair)')
    .option('--json', 'machine-readable output')
    .action((o: ActivationOptions & { depth?: string; inputs?: string; json?: boolean }) => {
      const act = activationFromOptions(o);
      if (o.depth === undefined) throw new InputError('--depth is required (e.g. --depth 64)');
      if (o.inputs === undefined) throw new InputError('--inputs FILE is required (a JSON array of input vectors)');
      const s = eocSpectrum(numbers(act).Delta, parsePositiveInt(o.depth, '--depth'), readInputsFile(o.inputs));
      const informative = s.xi < 0.75 * s.depth;
      const note = informative ? undefined : `xi = ${fmt(s.xi, 6)} >= 3l/4: at this depth the theorem's leading terms are not informative (negative bulk); they take over as l grows`;
      if (o.json) {
        printJson({
          version: VERSION,
          convention: 'terjek',
          formulas: ['terjek/ntk-eoc', 'terjek/spectrum-xi', 'terjek/spectrum-top', 'terjek/spectrum-bulk', 'terjek/spectrum-condition', 'terjek/icd-approximation'],
          activation: { name: act.name, a: act.a.toFraction(), b: act.b.toFraction(), Delta: s.Delta },
          depth: s.depth,
          n: s.n,
          eigenvalues: s.eigenvalues,
          condition_number: s.conditionNumber,
          tau_max: s.tauMax,
          tau_min: s.tauMin,
          W: s.W,
          W_method: s.WNote,
          icd_perron_root: s.icdPerronRoot,
          xi: s.xi,
          theorem_leading_terms: s.theorem,
          icd_gap: { min: s.icdMinGap, max: s.icdMaxGap },
          ...(note ? { note } : {}),
        });
        return;
      }
      const ev = s.eigenvalues;
      const rows = [
        ['top eigenvalue', fmt(ev[s.n - 1], 10), `${fmt(s.theorem.top.lower, 8)} .. ${fmt(s.theorem.top.upper, 8)}`],
        ['bulk eigenvalues', `${fmt(ev[0], 10)} .. ${fmt(ev[Math.max(0, s.n - 2)], 10)}`, `${fmt(s.theorem.bulk.lower, 8)} .. ${fmt(s.theorem.bulk.upper, 8)}`],
        ['condition number', fmt(s.conditionNumber, 10), `${fmt(s.theorem.condition.lower, 8)} .. ${fmt(s.theorem.condition.upper, 8)} (limit 1 + n/3 = ${fmt(s.theorem.conditionLimit, 8)})`],
      ];
      process.stdout.write(
        `${describeActivation(act)}; Delta = ${fmt(s.Delta, 10)}; depth l = ${s.depth}; n = ${s.n} inputs\n\n` +
          `${textTable(['quantity', 'exact (EOC NTK matrix)', 'Thm. 18 leading terms (+ O(.) with unknown constants)'], rows)}\n\n` +
          `W = ${fmt(s.W, 10)}: ${s.WNote}\nxi = ${fmt(s.xi, 10)}\n` +
          `ICD approximation of the entries K_inf(x_i,x_j) (before the 1/n; an upper bound): gap between ${fmt(s.icdMinGap, 6)} and ${fmt(s.icdMaxGap, 6)}\n` +
          (note ? `\n${note}\n` : ''),
      );
    });
}
