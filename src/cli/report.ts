import type { Command } from 'commander';
import { numbers, preset } from '../activation/family.js';
import { terjekNtkSequence } from '../kernels/eoc.js';
import { textTable } from '../report/table.js';
import { VERSION } from '../version.js';
import { constantsJson, constantsRows, describeActivation } from './constants.js';
import { fmt, printJson } from './options.js';

/**
 * The default report (`npm start`): an embedded default that shows what ntkcalc computes before
 * the user gives it anything. Later issues extend it; the entry point stays.
 */
export const DEFAULT_ACTIVATIONS = ['relu', 'abs', 'leaky:0.1', 'linear'];
export const DEFAULT_DEPTHS = 8;
/** Unit inputs at 60 degrees (cosine 1/2) and orthogonal; z = (1 - cos)/2. */
const PAIRS = [
  { name: '60 deg', z: 0.25 },
  { name: 'orthogonal', z: 0.5 },
];

export function defaultReport() {
  return DEFAULT_ACTIVATIONS.map((name) => {
    const act = preset(name);
    const { Delta } = numbers(act);
    const ntk = PAIRS.map((p) => ({ pair: p.name, u: Array.from(terjekNtkSequence(p.z, Delta, DEFAULT_DEPTHS).u) }));
    return { act, ntk };
  });
}

export function register(program: Command): void {
  program
    .command('report')
    .description('the default report: exact constants, EOC point and EOC NTK of ReLU, |s|, leaky ReLU (0.1) and linear')
    .addHelpText('after', '\nExamples:\n  ntkcalc report\n  ntkcalc report --json')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) => {
      const report = defaultReport();
      const convention =
        'K_inf(x,y)/(|x||y|) at the EOC, Terjek convention (docs/theory.md T2.3): equals the canonical NTK-param. Theta^(l)(x,y) n_0 / (sigma_w^2 |x||y|) at sigma_w^2 = 1/A_2, no bias';
      if (o.json) {
        printJson({
          version: VERSION,
          convention,
          formulas: ['activation/delta', 'activation/kappa', 'activation/eoc-sigma-w2', 'terjek/ntk-eoc'],
          activations: report.map((r) => ({
            ...constantsJson(r.act),
            ntk: r.ntk.map((p) => ({ pair: p.pair, depths: p.u.map((u, l) => ({ depth: l + 1, ntk: u })) })),
          })),
        });
        return;
      }
      const out: string[] = [`ntkcalc ${VERSION}: default report`, ''];
      for (const r of report) {
        out.push(
          `== ${describeActivation(r.act)}`,
          '',
          textTable(['quantity', 'exact', 'value', 'LaTeX'], constantsRows(r.act)),
          '',
        );
      }
      out.push(`Infinite-width NTK of two unit inputs: ${convention}`, '');
      const head = ['activation', 'inputs', ...Array.from({ length: DEFAULT_DEPTHS }, (_, l) => `L=${l + 1}`)];
      const rows = report.flatMap((r) => r.ntk.map((p) => [r.act.name, p.pair, ...p.u.map((u) => fmt(u, 9))]));
      out.push(textTable(head, rows), '', 'More: ntkcalc --help, ntkcalc kernel --help, docs/.');
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
