import { type Command, Option } from 'commander';
import { formula } from '../../formulas/index.js';
import type { Activation } from '../activation/family.js';
import { oneOverNCorrections } from '../finite-width/oneOverN.js';
import { exactCell } from '../report/model.js';
import { specJson } from '../spec/json.js';
import type { NetworkSpec } from '../spec/network.js';
import { parseNetwork } from '../spec/schema.js';
import { VERSION } from '../version.js';
import { describeActivation } from './constants.js';
import {
  type ActivationOptions,
  activationFromOptions,
  addActivationOptions,
  addOutputOptions,
  type OutputOptions,
  parsePositiveInt,
} from './options.js';
import { emit, rowsTable } from './output.js';
import { addPaperSpecOption, paperNetwork } from './paperSpec.js';

const CRITICAL =
  'the NTK parameterization without biases at sigma_w^2 = 1/A_2 on every layer, with equal hidden widths';

/** The network the corrections are computed for (hidden widths n when given). */
function criticalNetwork(act: Activation, depth: number, width?: number): NetworkSpec {
  const activation = { name: act.name, a: act.a.toFraction(), b: act.b.toFraction() };
  return parseNetwork({ activation, depth, ...(width === undefined || depth < 2 ? {} : { width }) }, 'network');
}

export function register(program: Command): void {
  const cmd = program
    .command('finite-width')
    .description(
      'order-1/n corrections at criticality (docs/finite-width.md): four-point vertex and NTK variance ' +
        'coefficients, and the zero correction to the mean',
    )
    .addHelpText(
      'after',
      '\nConvention: canonical NTK parameterization, no biases, sigma_w^2 = 1/A_2 on every layer, equal hidden ' +
        'widths n, one input.\n\nExamples:\n  ntkcalc finite-width --activation relu --depth 4\n  ntkcalc ' +
        'finite-width --a 0.65 --b 0.35 --depth 8 --width 256 --json',
    );
  addActivationOptions(cmd)
    .addOption(new Option('--depth <L>', 'the number of weight layers L (e.g. --depth 4)').makeOptionMandatory())
    .option('--width <n>', 'hidden width n: also print the corrections divided by n');
  addPaperSpecOption(cmd, 'the critical network (NTK parameterization, no biases, sigma_w^2 = 1/A_2, equal widths)', [
    'activation',
    'a',
    'b',
    'depth',
    'width',
  ]);
  addOutputOptions(cmd).action(
    (o: ActivationOptions & OutputOptions & { spec?: string; depth: string; width?: string }) => {
      const net =
        o.spec === undefined
          ? undefined
          : paperNetwork(o.spec, "the critical network's", `finite-width computes ${CRITICAL}`, (s) =>
              criticalNetwork(s.activation, s.depth, s.hiddenWidths?.[0]),
            );
      const act = net?.activation ?? activationFromOptions(o);
      const L = net?.depth ?? parsePositiveInt(o.depth, '--depth');
      const n = net ? net.hiddenWidths?.[0] : o.width === undefined ? undefined : parsePositiveInt(o.width, '--width');
      const c = oneOverNCorrections(act, L);
      const statements = {
        vertex: formula('finite-width/vertex').latex,
        ntkVariance: formula('finite-width/ntk-variance').latex,
      };
      const json = () => ({
        version: VERSION,
        spec: specJson(criticalNetwork(act, L, n)),
        activation: { name: act.name, a: act.a.toFraction(), b: act.b.toFraction() },
        depth: L,
        convention:
          'canonical NTK parameterization at criticality: no biases, sigma_w^2 = 1/A_2, equal hidden widths n, one ' +
          'input',
        r: c.r,
        vertex_coefficient: c.vertexCoefficient,
        ntk_variance_coefficient: c.ntkVarianceCoefficient,
        mean_correction: c.meanCorrection,
        statements,
        ...(n === undefined
          ? {}
          : {
              width: n,
              vertex_over_n: c.vertexCoefficient.value / n,
              ntk_variance_over_mean2: c.ntkVarianceCoefficient.value / n,
            }),
      });
      const rows = [
        ['r = A_4/A_2^2', exactCell(c.r), c.r.value, null],
        [
          'vertex V^(L)/K^2',
          exactCell(c.vertexCoefficient),
          c.vertexCoefficient.value,
          n === undefined ? null : c.vertexCoefficient.value / n,
        ],
        [
          'NTK variance n Var[Theta]/E[Theta]^2',
          exactCell(c.ntkVarianceCoefficient),
          c.ntkVarianceCoefficient.value,
          n === undefined ? null : c.ntkVarianceCoefficient.value / n,
        ],
        [
          'mean correction E[Theta] - L K',
          exactCell(c.meanCorrection),
          c.meanCorrection.value,
          n === undefined ? null : 0,
        ],
      ];
      const title =
        `${describeActivation(act)}; depth L = ${L}; canonical NTK parameterization at criticality ` +
        '(no bias, sigma_w^2 = 1/A_2)';
      const table = rowsTable(
        'finite-width',
        title,
        [
          'quantity',
          { key: 'value', name: 'exact' },
          { key: 'float', name: 'value', digits: 15, formats: ['text', 'markdown'] },
          { key: 'over_n', name: n === undefined ? '' : `divided by n = ${n}`, digits: 10 },
        ],
        rows,
        {
          formulas: ['finite-width/vertex', 'finite-width/ntk-variance', 'finite-width/ntk-mean-correction'],
          convention:
            'canonical NTK parameterization at criticality: no biases, sigma_w^2 = 1/A_2, equal hidden widths n',
        },
      );
      emit(o, {
        json,
        tables: () => [table],
        text: (view) =>
          [
            title,
            '',
            view.bare(table),
            '',
            'At hidden width n, to order 1/n (docs/finite-width.md, section "ntkcalc finite-width"):',
            '  V^(L)/(n K^2) = (3r - 1)(L - 1)/n                               [finite-width/vertex: asymptotic, PDLT]',
            '  Var[Theta]/E[Theta]^2 = c(r, L)/n + O(1/n^2), with              [finite-width/ntk-variance: derived]',
            '    c(r, L) = (7r - 3)(L - 1)(2L - 1)/(6L) + (r - 1)(L - 1)/(2L)',
            '  E[Theta] = L K exactly                                          [finite-width/ntk-mean-correction: ' +
              'exact]',
            'where K = sigma_w^2 |x|^2/n_0 is the kernel Sigma^(l)(x,x) (the same at every layer at criticality),',
            'V^(L)/n = E[z_i^2 z_j^2] - K^2 (i != j) is the four-point vertex of the layer-L preactivations z,',
            'and Theta = Theta^(L)(x,x) is the NTK of the network. --json gives the formulas in LaTeX.',
            '',
          ].join('\n'),
      });
    },
  );
}
