import { type Command, Option } from 'commander';
import { numbers } from '../activation/family.js';
import { InputError } from '../errors.js';
import { FIGURE1_DELTAS, type Figure1Result, figure1 } from '../kernels/figure1.js';
import { eocSpectrum } from '../kernels/spectrum.js';
import { type Cell, estimateCell } from '../report/model.js';
import { fromTerjek } from '../spec/conventions.js';
import { specJson } from '../spec/json.js';
import { VERSION } from '../version.js';
import type { NtkCommand } from './command.js';
import { describeActivation } from './constants.js';
import {
  type ActivationOptions,
  activationFromOptions,
  addActivationOptions,
  addInputOptions,
  addOutputOptions,
  fmt,
  intArg,
  mandatory,
  type OutputOptions,
  outputFormat,
  parsePositiveInt,
  parseSeed,
  readInputsFile,
} from './options.js';
import { emit, recordsTable, rowsTable } from './output.js';
import { addPaperSpecOption, paperNetwork } from './paperSpec.js';
import { progressBar } from './progress.js';

interface DatasetOptions extends ActivationOptions, OutputOptions {
  spec?: string;
  depth: number;
  inputs: string;
}

interface Figure1Options extends OutputOptions {
  datasets: number;
  points: number;
  dim: number;
  depths: number[];
  seed: number;
}

const EOC = 'the NTK at the edge of chaos, sigma_w^2 = 1/A_2 on every layer, without biases (Terjek convention)';

/** One NTK matrix and one eigen-solve per depth, dataset and Delta: a larger table would run for hours. */
const MAX_DEPTHS = 10_000;

/** "2..64", "4,8,16" or a mix ("2..8,16,32"): increasing, distinct depths l >= 2. */
function parseDepths(text: string): number[] {
  const depths = text.split(',').flatMap((part) => {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    if (!range) return [parsePositiveInt(part, '--depths')];
    const [lo, hi] = [Number(range[1]), Number(range[2])];
    if (lo > hi) throw new InputError(`--depths: the range ${part.trim()} is empty (write low..high)`);
    if (hi - lo >= MAX_DEPTHS)
      throw new InputError(
        `--depths: the range ${part.trim()} has more than ${MAX_DEPTHS} depths; give a list (e.g. 64,256,1024)`,
      );
    return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  });
  if (depths.some((l) => l < 2))
    throw new InputError(`--depths: every depth must be >= 2 (l counts weight matrices), got "${text}"`);
  if (depths.some((l, i) => i > 0 && l <= depths[i - 1]))
    throw new InputError(`--depths: list depths in increasing order without repeats, got "${text}"`);
  return depths;
}

function figure1Mode(o: Figure1Options): void {
  const options = {
    datasets: o.datasets,
    points: o.points,
    dim: o.dim,
    depths: o.depths,
    Deltas: FIGURE1_DELTAS,
    seed: o.seed,
  };
  const progress = progressBar('datasets', outputFormat(o) !== 'text');
  let r: Figure1Result;
  try {
    r = figure1(options, progress.update);
  } finally {
    progress.stop();
  }
  const series = r.cells.map((c) => ({
    Delta: c.Delta,
    depth: c.depth,
    condition_mean: c.mean,
    condition_se: c.se,
    condition_std: c.std,
  }));
  const protocol = {
    datasets: options.datasets,
    points: options.points,
    dim: options.dim,
    seed: options.seed,
    depths: options.depths,
    Deltas: options.Deltas,
  };
  const json = () => ({
    version: VERSION,
    convention: 'terjek',
    formulas: ['terjek/ntk-eoc'],
    quantity: 'mean over datasets of the condition number of the EOC NTK matrix (1/n) K_inf',
    protocol,
    series,
  });
  const cell = (Delta: number, depth: number): Cell => {
    const c = r.cells.find((x) => x.Delta === Delta && x.depth === depth);
    return c === undefined ? null : c.se === null ? c.mean : estimateCell(c.mean, c.se);
  };
  const title =
    'Mean condition number of the EOC NTK matrix (1/n) K_inf (Terjek convention; l counts weight matrices)\n' +
    `over ${options.datasets} dataset(s) of n = ${options.points} points uniform on the unit sphere of ` +
    `R^${options.dim} (seed ${options.seed}); +/- one standard error`;
  const provenance = { formulas: ['terjek/ntk-eoc'], convention: 'terjek' };
  const table = rowsTable(
    'spectrum-figure1',
    title.replace('\n', ' '),
    [
      { key: 'l', name: 'l', latex: '$l$' },
      ...options.Deltas.map((D) => ({
        key: `condition_Delta_${fmt(D, 4)}`,
        name: `Delta = ${fmt(D, 4)}`,
        latex: `$\\Delta_\\phi = ${fmt(D, 4)}$`,
        digits: 5,
      })),
    ],
    options.depths.map((l) => [String(l), ...options.Deltas.map((D) => cell(D, l))]),
    provenance,
  );
  emit(o, {
    json,
    tables: () => [table],
    csv: () => recordsTable('spectrum-figure1-series', table.title, series, provenance),
    text: (view) => `${title}\n\n${view.bare(table)}\n`,
  });
}

/** "lo .. hi", or one number when both ends print the same (all inputs of one norm). */
function range(lo: number, hi: number, digits: number): string {
  const [a, b] = [fmt(lo, digits), fmt(hi, digits)];
  return a === b ? a : `${a} .. ${b}`;
}

export function register(program: Command): void {
  const cmd = program
    .command('spectrum')
    .description(
      'eigenvalues and condition number of the EOC NTK matrix of a dataset, beside the leading terms of Terjek & ' +
        'Gonzalez-Sanchez Thm. 18',
    )
    .addHelpText(
      'after',
      '\nConvention: Terjek (NTK matrix (1/n) K_inf(x_i, x_j), sigma^2 = 1/A_2, no biases, no 1/sqrt(n_0) at the ' +
        "input).\nThe theorem's error terms hide unknown constants; its leading terms become informative as the " +
        'depth grows.\n\nModes (the older flag --figure1 still selects figure1):\n  dataset  the spectrum of one ' +
        "dataset against the theorem (the default)\n  figure1  the paper's Fig. 1 over random " +
        'datasets\n\nExamples:\n  ntkcalc spectrum --activation abs --depth 64 --inputs examples/sphere16.json\n' +
        '  ntkcalc spectrum figure1 --datasets 10 --depths 2,4,8,16,32,64\n' +
        '  ntkcalc spectrum figure1 --help   (the options of one mode)',
    );
  const [dataset, figure] = (cmd as NtkCommand).addModes(
    [
      {
        name: 'dataset',
        isDefault: true,
        description: 'the spectrum of one dataset against the theorem (the default mode)',
      },
      {
        name: 'figure1',
        flag: '--figure1',
        description:
          "the spectrum paper's Fig. 1: mean condition number over random datasets against depth, " +
          'for Delta = 1/8, 2/8, ..., 1 (also: --figure1)',
      },
    ],
    (flag, used) =>
      used === 'figure1'
        ? `${flag} does not apply to --figure1 (it draws its own datasets and runs every Delta in 1/8..1)`
        : `${flag} applies only to --figure1`,
  );

  addActivationOptions(dataset).addOption(
    mandatory('--depth <l>', 'number of weight matrices l >= 2', '64', intArg('--depth')),
  );
  addPaperSpecOption(dataset, 'the EOC network of the paper (sigma_w^2 = 1/A_2 on every layer, no biases)', [
    'activation',
    'a',
    'b',
    'depth',
  ]);
  addInputOptions(dataset, {
    inputs: 'JSON array of input vectors (no zero vector, no parallel pair)',
    required: 'examples/sphere16.json',
  });
  addOutputOptions(dataset)
    .addHelpText(
      'after',
      '\nExample:\n  ntkcalc spectrum dataset --activation abs --depth 64 --inputs examples/sphere16.json',
    )
    .action(datasetMode);

  figure
    .addOption(new Option('--datasets <D>', 'number of random datasets').argParser(intArg('--datasets')).default(100))
    .addOption(
      new Option('--points <n>', 'points per dataset, uniform on the unit sphere')
        .argParser(atLeastTwo('--points', 'a condition number needs two points'))
        .default(32),
    )
    .addOption(
      new Option('--dim <d>', 'dimension of the input space')
        .argParser(atLeastTwo('--dim', 'in R^1 all points are parallel'))
        .default(16),
    )
    .addOption(
      new Option('--depths <list>', 'depths l >= 2, e.g. 2..64 or 4,8,16')
        .argParser(parseDepths)
        .default(parseDepths('2..64'), '2..64'),
    )
    .addOption(new Option('--seed <s>', 'seed of the datasets').argParser((t) => parseSeed(t)).default(1));
  addOutputOptions(figure, { csv: 'the series as CSV (Delta, depth, mean, standard error, standard deviation)' })
    .addHelpText('after', '\nExample:\n  ntkcalc spectrum figure1 --datasets 10 --depths 2,4,8,16,32,64')
    .action(figure1Mode);
}

/** --points and --dim: at least 2, and why. */
function atLeastTwo(flag: string, why: string): (text: string) => number {
  return (text) => {
    const v = parsePositiveInt(text, flag);
    if (v < 2) throw new InputError(`${flag} must be >= 2 (${why}), got ${v}`);
    return v;
  };
}

function datasetMode(o: DatasetOptions): void {
  const net =
    o.spec === undefined
      ? undefined
      : paperNetwork(
          o.spec,
          "the EOC network's",
          `spectrum computes ${EOC}`,
          (s) => fromTerjek(s.activation, s.depth, 1).spec,
        );
  const act = net?.activation ?? activationFromOptions(o);
  const inputs = readInputsFile(o.inputs);
  const s = eocSpectrum(numbers(act).Delta, net?.depth ?? o.depth, inputs);
  const informative = s.xi < 0.75 * s.depth;
  const note = informative
    ? undefined
    : `xi = ${fmt(s.xi, 6)} >= 3l/4: at this depth the theorem's leading terms are not informative (negative ` +
      `bulk); they take over as l grows`;
  const json = () => ({
    version: VERSION,
    convention: 'terjek',
    formulas: [
      'terjek/ntk-eoc',
      'terjek/spectrum-xi',
      'terjek/spectrum-top',
      'terjek/spectrum-bulk',
      'terjek/spectrum-condition',
      'terjek/icd-approximation',
    ],
    spec: specJson(fromTerjek(act, s.depth, inputs[0].length).spec),
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
  const ev = s.eigenvalues;
  const t = s.theorem;
  const rows = [
    ['top eigenvalue', fmt(ev[s.n - 1], 10), range(t.top.lower, t.top.upper, 8)],
    ['bulk eigenvalues', range(ev[0], ev[Math.max(0, s.n - 2)], 10), range(t.bulk.lower, t.bulk.upper, 8)],
    [
      'condition number',
      fmt(s.conditionNumber, 10),
      `${range(t.condition.lower, t.condition.upper, 8)} (limit 1 + n/3 = ${fmt(t.conditionLimit, 8)})`,
    ],
  ];
  const tauNote =
    range(t.top.lower, t.top.upper, 8) === fmt(t.top.lower, 8)
      ? 'all inputs have one norm tau, so each leading term is one value'
      : 'the leading terms at tau_min^2 .. tau_max^2, the smallest and largest squared input norms';
  const title = `${describeActivation(act)}; Delta = ${fmt(s.Delta, 10)}; depth l = ${s.depth}; n = ${s.n} inputs`;
  const table = rowsTable(
    'spectrum',
    title,
    [
      'quantity',
      { key: 'exact', name: 'exact (EOC NTK matrix)' },
      { key: 'theorem', name: 'Thm. 18 leading terms (+ O(.) with unknown constants)' },
    ],
    rows,
    { formulas: ['terjek/spectrum-top', 'terjek/spectrum-bulk', 'terjek/spectrum-condition'], convention: 'terjek' },
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
        `Thm. 18: ${tauNote}; docs/terjek.md, section "Spectrum", gives the terms.`,
        `W = ${fmt(s.W, 10)}: ${s.WNote}`,
        '  (omega: the inverse-cosine-distance map w_k -> w_(k+1), w = ((1 - rho)/2)^(-1/2); ' +
          'W_inf_l: the matrix of the w of every pair at depth l, zero diagonal, ' +
          'and lambda_1 its largest eigenvalue; docs/theory.md T2.4, T4.3)',
        `xi = ${fmt(s.xi, 10)}: (3/8)(pi W/(2 Delta) + log(3 pi W/(4 Delta) + l - 1) - 1), ` +
          "the theorem's depth offset",
        'inverse-cosine-distance (ICD) approximation of the entries K_inf(x_i,x_j) (before the 1/n; an upper bound): ' +
          `gap between ${fmt(s.icdMinGap, 6)} and ${fmt(s.icdMaxGap, 6)}`,
        ...(note ? ['', note] : []),
        '',
      ].join('\n'),
  });
}
