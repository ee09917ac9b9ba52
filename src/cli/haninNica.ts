import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { exactField, floatField } from '../finite-width/field.js';
import { type BracketReport, type HaninNicaReport, haninNicaReport, type Reported } from '../finite-width/haninNica.js';
import type { Column, Row, Table } from '../report/model.js';
import { rationalCell } from '../report/presets/cells.js';
import { fromHaninNica } from '../spec/conventions.js';
import { specJson } from '../spec/json.js';
import type { NetworkSpec } from '../spec/network.js';
import { type Fraction, parseRational } from '../util/exact.js';
import { VERSION } from '../version.js';
import { exactText } from './exactText.js';
import { addOutputOptions, fmt, type OutputOptions, parsePositiveInt, parseVector } from './options.js';
import { emit, type TextView } from './output.js';
import { addPaperSpecOption, paperNetwork } from './paperSpec.js';
import {
  deadLayers,
  type ReluPrimeAtZero,
  reluPrimeExplanation,
  reluPrimeNote,
  reluPrimeOption,
} from './reluPrimeOption.js';
import { widthsText } from './widthsText.js';

interface Options extends OutputOptions {
  spec?: string;
  widths?: number[];
  x?: string;
  mu4: string;
  reluPrimeAt0: ReluPrimeAtZero;
  exact?: boolean;
}

const CONVENTION =
  'hanin-nica: NTK parameterisation, W_hat = (2/n_{i-1})^{1/2} W on hidden layers and (1/n_{d-1})^{1/2} W at the ' +
  'linear output, unscaled biases initialised at 0 and trainable, K(x,x) summed over all parameters';

function parseWidths(text: string): number[] {
  return text.split(',').map((s, i) => parsePositiveInt(s, `--widths entry ${i + 1}`));
}

/** The network of a spec file, which must be the Hanin-Nica network for some hidden widths. */
function specNetwork(file: string, n0: number): NetworkSpec {
  return paperNetwork(
    file,
    "the Hanin-Nica network's",
    'hanin-nica computes ReLU, NTK parameterization, zero-init biases, sigma_w2 2 on hidden layers and 1 at the ' +
      'output, with its hidden_widths',
    (s) => fromHaninNica([n0, ...(s.hiddenWidths ?? Array(s.depth - 1).fill(4)), 1]).spec,
  );
}

function inputText(o: Options, n0: number): string {
  if (o.x === undefined)
    throw new InputError(
      `--x is required: the input, ${n0} comma-separated values (e.g. --x ` +
        `${Array.from({ length: n0 }, () => 1).join(',')})`,
    );
  return o.x;
}

/** Like parseVector, but every coordinate an exact rational ("1/2", "0.3"). */
function parseExactVector(text: string, what: string): Fraction[] {
  const s = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (s === '') throw new InputError(`${what}: empty vector (write it as 1,0 or [1,0])`);
  return s.split(',').map((c, i) => parseRational(c, `${what} coordinate ${i + 1}`));
}

function bracketJson(b: HaninNicaReport['brackets']['thm1'] | HaninNicaReport['brackets']['thm2']) {
  if (!('bracket' in b)) return b;
  return {
    formulas: b.formulas,
    bracket: b.bracket,
    beta_printed: b.betaPrinted,
    beta_hidden: b.betaHidden,
    with_beta_printed: b.withBetaPrinted,
    with_beta_hidden: b.withBetaHidden,
    exact: b.exactQuantity,
    ratio_exact_over_printed: b.ratioToPrinted,
    ratio_exact_over_hidden: b.ratioToHidden,
  };
}

const LABELS: [keyof HaninNicaReport['moments'], string][] = [
  ['EK', 'E[K]'],
  ['EKw', 'E[K_w]'],
  ['EKb', 'E[K_b]'],
  ['EK2', 'E[K^2] (Gaussian)'],
  ['EKw2', 'E[K_w^2] (Gaussian)'],
  ['EKb2', 'E[K_b^2] (Gaussian)'],
  ['EKwKb', 'E[K_w K_b] (Gaussian)'],
  ['EdK', 'E[dK]/lambda (Gaussian)'],
  ['EDww', 'E[Delta_ww] (Gaussian)'],
  ['EDwb', 'E[Delta_wb] (Gaussian)'],
  ['pDead', 'P(some hidden layer inactive)'],
];

/**
 * One moment: the exact rational in the terminal (shortened when long) and in CSV/JSON (whole), as a fraction
 * in LaTeX when short; the Float64 value (or, beyond Float64, its scientific form).
 */
function row(label: string, r: Reported): Row {
  const value = r.scientific ?? r.value;
  return { cells: [label, exactText(r.exact), r.exact, rationalCell(r), value, value, r.formula] };
}

const MOMENT_COLUMNS: Column[] = [
  { key: 'quantity', name: 'quantity' },
  { key: 'exact', name: 'exact', formats: ['text', 'markdown'] },
  { key: 'exact', name: 'exact', formats: ['csv', 'json'] },
  { key: 'value', name: 'value', formats: ['latex'] },
  { key: 'value', name: 'value', formats: ['text', 'markdown', 'csv', 'json'] },
  { key: 'float', name: 'Float64', formats: ['latex'], digits: 12 },
  { key: 'formula', name: 'formula' },
];

function bracketRows(
  name: string,
  quantity: string,
  b: BracketReport | { applicable: false; reason: string },
): string[][] {
  if (!('bracket' in b)) return [[name, 'not applicable', b.reason, '']];
  return [
    [
      name,
      'beta as printed',
      `${fmt(b.withBetaPrinted, 8)} (beta = ${fmt(b.betaPrinted, 8)})`,
      `${quantity}/bracket = ${fmt(b.ratioToPrinted, 6)}`,
    ],
    [
      '',
      'beta over hidden layers',
      `${fmt(b.withBetaHidden, 8)} (beta = ${fmt(b.betaHidden, 8)})`,
      `${quantity}/bracket = ${fmt(b.ratioToHidden, 6)}`,
    ],
  ];
}

const NOTES = [
  '(Gaussian) rows are exact for N(0,1) weights; Lemma 7 rows hold for any weight law with this mu_4.',
  'The printed E[K] = d(1/2 + |x|^2/n_0) and E[K_b] = d/2 miss the output bias (1, not 1/2) and the inactive-layer ' +
    'events.',
  'E[dK] < 0: one SGD step on x lowers K(x,x) on average; Thm. 2 bounds |E[dK]|/lambda.',
];

/** The moments and the paper's brackets as two tables. */
function tables(rep: HaninNicaReport, reluPrime: ReluPrimeAtZero): [Table, Table] {
  const mu4 = rep.mu4.exact ?? fmt(rep.mu4.value);
  const rows = [
    ...LABELS.map(([k, label]) => row(label, rep.moments[k])),
    row(`E[K_w^2], Lemma 7, mu_4 = ${mu4}`, rep.lemma7.EKw2),
    row(`E[Delta_ww], Lemma 7, mu_4 = ${mu4}`, rep.lemma7.EDww),
    row('E[K] as printed in Thm. 1 (wrong)', rep.printed.EK),
    row('E[K_b] as printed in Prop. 4 (wrong)', rep.printed.EKb),
  ];
  const brackets = [
    ...bracketRows('Thm. 1', 'E[K^2]', rep.brackets.thm1),
    ...bracketRows('Thm. 2', '-E[dK]/lambda', rep.brackets.thm2),
  ];
  const provenance = { formulas: rows.map((r) => r.cells.at(-1) as string), convention: CONVENTION };
  return [
    {
      name: 'hanin-nica-moments',
      title: `Hanin & Nica 2019, widths ${widthsText(rep.widths)} (d = ${rep.d}), ${reluPrimeNote(reluPrime)}`,
      columns: MOMENT_COLUMNS,
      rows,
      provenance,
      notes: NOTES,
    },
    {
      name: 'hanin-nica-brackets',
      title: 'Paper brackets ("up to constants"), times exp(5 beta)',
      columns: ['theorem', 'beta', 'bracket', 'ratio'].map((k) => ({ key: k, name: k })),
      rows: brackets.map((cells) => ({ cells })),
      provenance,
    },
  ];
}

function text(view: TextView, [moments, brackets]: [Table, Table], reluPrime: ReluPrimeAtZero): string {
  return [
    moments.title,
    '',
    view.bare(moments),
    '',
    `${brackets.title}:`,
    view.bare(brackets),
    '',
    'symbols: K = K(x,x) = K_w + K_b, the NTK at x summed over all weights and biases (its weight and bias parts);',
    '         N(x) the output; dK: change of K(x,x) in one SGD step at x (rate lambda, loss (N - N_*)^2/2);',
    "         E[dK]/lambda = -2 (E[Delta_ww] + 2 E[Delta_wb]), the paper's weight-weight and weight-bias terms;",
    '         d weight layers of widths n_0..n_d (n_d = 1); mu_4 = E[W^4] of the weight law (Gaussian 3, uniform 9/5);',
    '         beta = sum 1/n_i over i = 1..d as printed in the paper, over the hidden layers i < d otherwise.',
    '(docs/finite-width.md, section "ntkcalc hanin-nica"; docs/theory.md H1)',
    '',
    'notes: (Gaussian) rows are exact for N(0,1) weights; Lemma 7 rows hold for any weight law with this mu_4.',
    '       The printed E[K] = d(1/2 + |x|^2/n_0) and E[K_b] = d/2 miss the output bias (1, not 1/2) and the ' +
      'inactive-layer events.',
    '       E[dK] < 0: one SGD step on x lowers K(x,x) on average; Thm. 2 bounds |E[dK]|/lambda.',
    `       ${reluPrimeExplanation(reluPrime)}.`,
    '       It matters only when a whole hidden layer is inactive, an event the paper leaves out (see E[K_b]).',
    '',
  ].join('\n');
}

export function register(program: Command): void {
  const cmd = program
    .command('hanin-nica')
    .description(
      'Hanin & Nica 2019: exact moments of the NTK K(x,x) and of its first SGD update for a finite ReLU net, the ' +
        'Lemma 7 sums, and the Theorem 1/2 brackets',
    )
    .addOption(
      new Option('--widths <n0,...,1>', 'widths n_0, n_1, ..., n_{d-1}, 1 (scalar output), e.g. --widths 2,4,4,1')
        .makeOptionMandatory()
        .argParser(parseWidths),
    )
    .option('--x <x1,...>', 'the input x (n_0 values; with --exact: 1/2, 0.3 are exact)')
    .option('--mu4 <m>', 'fourth moment of the weight law for the Lemma 7 sums (Gaussian 3, uniform 9/5)', '3')
    .addOption(reluPrimeOption())
    .option('--exact', 'exact rationals (BigInt) as well as Float64 values')
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc hanin-nica --widths 2,4,4,1 --x 1,1 --exact\n  ntkcalc hanin-nica --widths 3,2,2,1 ' +
        '--x 1,1/2,-1 --mu4 9/5 --exact --json',
    );
  addPaperSpecOption(cmd, "the Hanin-Nica network with its hidden_widths (n_0 is --x's length)", ['widths']);
  addOutputOptions(cmd).action((o: Options, cmd: Command) => {
    if (o.spec !== undefined) {
      const spec = specNetwork(o.spec, inputText(o, 1).split(',').length);
      if (spec.reluPrimeAt0 !== undefined && cmd.getOptionValueSource('reluPrimeAt0') !== 'cli')
        o.reluPrimeAt0 = spec.reluPrimeAt0;
      o.widths = [inputText(o, 1).split(',').length, ...(spec.hiddenWidths as number[]), 1];
    }
    const widths = o.widths as number[];
    const x = inputText(o, widths[0]);
    const mu4 = parseRational(o.mu4, '--mu4');
    const engine = { deadLayers: deadLayers(o.reluPrimeAt0) };
    const rep = o.exact
      ? haninNicaReport(exactField, widths, parseExactVector(x, '--x'), mu4, engine)
      : haninNicaReport(floatField, widths, parseVector(x, '--x'), mu4.valueOf(), engine);
    const both = tables(rep, o.reluPrimeAt0);
    const q = (r: Reported) => ({
      exact: r.exact,
      value: r.value,
      ...(r.scientific === undefined ? {} : { scientific: r.scientific }),
      formula: r.formula,
    });
    const json = () => ({
      version: VERSION,
      command: 'hanin-nica',
      source: 'Hanin & Nica 2019, arXiv 1909.05989',
      convention: `${CONVENTION}; ${reluPrimeNote(o.reluPrimeAt0)}`,
      spec: specJson({ ...fromHaninNica(widths).spec, reluPrimeAt0: o.reluPrimeAt0 }),
      input: {
        widths: rep.widths,
        x: o.x,
        mu4: rep.mu4.exact ?? rep.mu4.value,
        relu_prime_at_0: o.reluPrimeAt0,
        exact: Boolean(o.exact),
      },
      weights:
        'EK, EKw, EKb hold for any admissible weight law; EK2, EKw2, EKb2, EKwKb, EdK, EDww, EDwb are exact for ' +
        'Gaussian weights; lemma7 holds for any law with the given mu4',
      ...Object.fromEntries(LABELS.map(([k]) => [k, q(rep.moments[k])])),
      lemma7: { mu4: rep.mu4.exact ?? rep.mu4.value, EKw2: q(rep.lemma7.EKw2), EDww: q(rep.lemma7.EDww) },
      printed: {
        EK: q(rep.printed.EK),
        EKb: q(rep.printed.EKb),
        note: 'as printed in the paper (Thm. 1, Prop. 4); wrong by about 1/2, see docs/theory.md H3.1 item 2',
      },
      brackets: { thm1: bracketJson(rep.brackets.thm1), thm2: bracketJson(rep.brackets.thm2) },
    });
    emit(o, { json, tables: () => both, text: (view) => text(view, both, o.reluPrimeAt0) });
  });
}
