import { type Command, Option } from 'commander';
import { type Activation, preset } from '../activation/family.js';
import { InputError } from '../errors.js';
import { concentrationBound } from '../finite-width/concentration.js';
import { type ConcentrationExperiment, concentrationExperiment } from '../finite-width/concentrationExperiment.js';
import { type IcdExperiment, icdExperiment } from '../finite-width/icdExperiment.js';
import { parsePattern, WIDTH_PATTERNS, type WidthPattern } from '../finite-width/terjekSampler.js';
import { spherePoints } from '../kernels/inputs.js';
import { estimateCell } from '../report/model.js';
import { VERSION } from '../version.js';
import { misplacedByName, type NtkCommand } from './command.js';
import { describeActivation } from './constants.js';
import {
  type ActivationOptions,
  activationFromOptions,
  addActivationOptions,
  addInputOptions,
  addOutputOptions,
  addSamplingOptions,
  finiteArg,
  fmt,
  intArg,
  listArg,
  mandatory,
  type OutputOptions,
  outputFormat,
  parsePositiveInt,
  parseSeed,
  readInputsFile,
} from './options.js';
import { emit, quantityTable, recordsTable, rowsTable } from './output.js';
import { progressBar } from './progress.js';
import { addWorkerOptions, type WorkerOptions, workersFromOptions } from './workers.js';

const WARNING =
  'The O(.) of the theorem hides an absolute constant C that the paper does not give: the number below is the ' +
  'expression at the chosen C, not a bound that holds with a known constant.';
const SHAPE_NOTE =
  'the expression of terjek/concentration-bound at C = 1 and the optimal p (widths k^2 m only): its dependence on ' +
  'm and l, not a bound (the absolute constant C is unknown)';
const CONVENTION =
  "terjek: K(theta) = [(1/n) K_theta(x_i, x_j)], the paper's n m_l x n m_l NTK matrix; sigma^2 = 1/(a^2+b^2), no " +
  'biases, no 1/sqrt(m_0) at the input; operator norm';
const DEFAULT_POINTS = 8;
const SPHERE_DIM = 16;
const DATA_SEED = 2025;

interface BoundOptions extends ActivationOptions, OutputOptions {
  depth: number;
  width: number;
  n: number;
  outDim: number;
  tau: number;
  p?: number;
  constant: number;
}

/** What the two experiments share: the width patterns and the Monte Carlo run. */
interface ExperimentOptions extends ActivationOptions, OutputOptions, WorkerOptions {
  pattern: WidthPattern[];
  samples: string;
  seed: string;
}

interface SimulateOptions extends ExperimentOptions {
  depth: number[];
  width: number[];
  n: number;
  outDim: number;
  inputs?: string;
}

interface IcdOptions extends ExperimentOptions {
  width: number[];
  layers: number[];
  rho: number;
}

function activationJson(act: Activation, Delta: number) {
  return { name: act.name, a: act.a.toFraction(), b: act.b.toFraction(), Delta };
}

/** How a message names each mode: by its subcommand and by its older flag. */
const MODE_NAMES: Record<string, string> = {
  bound: 'the bound mode (`concentration bound`, the default)',
  simulate: '`concentration simulate` (--simulate)',
  icd: '`concentration icd` (--icd)',
};

async function simulateMode(o: SimulateOptions): Promise<void> {
  const act = activationFromOptions(o);
  const inputs = o.inputs !== undefined ? readInputsFile(o.inputs) : spherePoints(o.n, SPHERE_DIM, DATA_SEED);
  const source =
    o.inputs !== undefined
      ? `file ${o.inputs}`
      : `${inputs.length} points uniform on the unit sphere of R^${SPHERE_DIM} (data seed ${DATA_SEED})`;
  const cells = o.pattern.flatMap((pattern) =>
    o.depth.flatMap((depth) => o.width.map((baseWidth) => ({ pattern, depth, baseWidth }))),
  );
  const progress = progressBar('networks', o.quiet || outputFormat(o) !== 'text');
  const r = await concentrationExperiment(
    {
      activation: act,
      inputs,
      outDim: o.outDim,
      samples: parsePositiveInt(o.samples, '--samples'),
      seed: parseSeed(o.seed),
      cells,
    },
    { ...workersFromOptions(o), onProgress: progress.update },
  ).finally(progress.stop);
  printConcentration(r, act, source, inputs, o);
}

function printConcentration(
  r: ConcentrationExperiment,
  act: Activation,
  source: string,
  inputs: number[][],
  o: OutputOptions,
): void {
  const series = r.cells.map((c) => ({
    pattern: c.pattern,
    m: c.baseWidth,
    l: c.depth,
    widths: c.widths,
    first_network: c.firstNetwork,
    error_mean: c.error.mean,
    error_se: c.error.se,
    error_std: c.error.std,
    relative_error_mean: c.relativeError.mean,
    relative_error_se: c.relativeError.se,
    mean_deviation: c.meanDeviation,
    k_inf_norm: c.limitNorm,
    theorem_shape_C1: c.boundShape,
  }));
  const slopes = r.slopes.map((s) => ({
    pattern: s.pattern,
    against: s.against,
    fixed: s.fixed,
    points: s.error.points,
    error_slope: s.error.slope,
    error_slope_se: s.error.se,
    relative_error_slope: s.relativeError.slope,
    relative_error_slope_se: s.relativeError.se,
    theorem_shape_slope: s.boundShape?.slope ?? null,
  }));
  const json = () => ({
    version: VERSION,
    mode: 'simulate',
    formula: 'terjek/concentration-bound',
    convention: CONVENTION,
    activation: { ...activationJson(act, r.Delta), kappa: r.kappa },
    inputs: { source, n: r.n, tau_max: r.tauMax, points: inputs },
    out_dim: r.outDim,
    samples: r.samples,
    seed: r.seed,
    sampler:
      'reduced (Gaussian weights, exact in law); cell i uses networks i*samples .. (i+1)*samples - 1 of the seed',
    theorem_shape_note: SHAPE_NOTE,
    series,
    slopes,
  });
  const title =
    `${describeActivation(act)}; Delta = ${fmt(r.Delta, 6)}; ${source}; m_l = ${r.outDim}; ` +
    `${r.samples} networks per row, seed ${r.seed}, phi'(0) = a`;
  const provenance = { formulas: ['terjek/concentration-bound'], convention: CONVENTION };
  const errors = rowsTable(
    'concentration-simulate',
    title,
    [
      'pattern',
      'm',
      'l',
      { key: 'error', name: '||K - K_inf|| (mean +/- se)', digits: 4 },
      { key: 'relative_error', name: 'relative to ||K_inf||', digits: 4 },
      { key: 'mean_deviation', name: '||E K - K_inf||', digits: 3 },
      { key: 'theorem_shape_C1', name: 'theorem shape (C = 1)', digits: 4 },
    ],
    r.cells.map((c) => [
      c.pattern,
      c.baseWidth,
      c.depth,
      estimateCell(c.error.mean, c.error.se),
      estimateCell(c.relativeError.mean, c.relativeError.se),
      c.meanDeviation,
      c.boundShape ?? '-',
    ]),
    provenance,
  );
  const slopeTitle = 'Fitted log-log slopes (error ~ x^slope; +/- propagated standard error)';
  const fitted = rowsTable(
    'concentration-slopes',
    slopeTitle,
    [
      'pattern',
      'against',
      { key: 'error_slope', name: 'error', digits: 4 },
      { key: 'relative_error_slope', name: 'relative error', digits: 4 },
      { key: 'theorem_shape_slope', name: 'theorem shape', digits: 3 },
    ],
    r.slopes.map((s) => [
      s.pattern,
      s.against === 'm' ? `m (l = ${s.fixed})` : `l (m = ${s.fixed})`,
      estimateCell(s.error.slope, s.error.se),
      estimateCell(s.relativeError.slope, s.relativeError.se),
      s.boundShape ? s.boundShape.slope : '-',
    ]),
    provenance,
  );
  emit(o, {
    json,
    tables: () => [errors, fitted],
    csv: () => recordsTable('concentration-series', title, series, provenance, ['widths']),
    text: (view) =>
      `${title}\n` +
      `Convention ${CONVENTION}.\n\n` +
      `${view.bare(errors)}\n\n` +
      (fitted.rows.length === 0
        ? 'Fitted log-log slopes: none (a slope needs two or more widths or depths).\n\n'
        : `${slopeTitle}:\n${view.bare(fitted)}\n\n`) +
      'The paper: error ~ m^(-1/2) up to logs for widths k^2 m.\n' +
      `Theorem shape: ${SHAPE_NOTE}.\n` +
      '||E K - K_inf||: the mean NTK matrix over the networks against K_inf (finite-width bias O(l/m) plus noise).\n',
  });
}

async function icdMode(o: IcdOptions): Promise<void> {
  const act = activationFromOptions(o);
  const progress = progressBar('networks', o.quiet || outputFormat(o) !== 'text');
  const r = await icdExperiment(
    {
      activation: act,
      rho1: o.rho,
      series: o.pattern.flatMap((pattern) => o.width.map((baseWidth) => ({ pattern, baseWidth }))),
      layers: o.layers,
      samples: parsePositiveInt(o.samples, '--samples'),
      seed: parseSeed(o.seed),
    },
    { ...workersFromOptions(o), onProgress: progress.update },
  ).finally(progress.stop);
  printIcd(r, act, o);
}

function printIcd(r: IcdExperiment, act: Activation, o: OutputOptions): void {
  const series = r.points.map((p) => ({
    pattern: p.pattern,
    m: p.baseWidth,
    k: p.layer,
    first_network: p.firstNetwork,
    icd_limit: p.limit,
    icd_mean: p.icd.mean,
    icd_se: p.icd.se,
    error_mean: p.error.mean,
    error_se: p.error.se,
    error_std: p.error.std,
  }));
  const slopes = r.slopes.map((s) => ({
    pattern: s.pattern,
    m: s.baseWidth,
    points: s.slope.points,
    slope_vs_k: s.slope.slope,
    slope_se: s.slope.se,
  }));
  const json = () => ({
    version: VERSION,
    mode: 'icd',
    figure: 'Terjek & Gonzalez-Sanchez 2025 (concentration), Fig. 2 (docs/theory.md T5.2)',
    convention:
      'terjek: w_k = ((1 - rho_k)/2)^(-1/2), rho_k the cosine of the scaled activations x_k of the pair; w_k^inf ' +
      'from the EOC cosine map',
    activation: activationJson(act, r.Delta),
    rho1: r.rho1,
    samples: r.samples,
    seed: r.seed,
    method:
      'layer k measured on its own depth-k networks (same first k-1 widths): the law of rho_k does not depend on ' +
      'later layers',
    series,
    slopes,
  });
  const title =
    `${describeActivation(act)}; Delta = ${fmt(r.Delta, 6)}; input pair with cosine rho_1 = ${r.rho1}; ` +
    `${r.samples} networks per row, seed ${r.seed}`;
  const provenance = { formulas: ['terjek/icd-approximation'], convention: 'terjek: w_k = ((1 - rho_k)/2)^(-1/2)' };
  const points = rowsTable(
    'concentration-icd',
    title,
    [
      'pattern',
      'm',
      'k',
      { key: 'icd_limit', name: 'w_k (infinite width)', digits: 5 },
      { key: 'icd', name: 'w_k (mean +/- se)', digits: 4 },
      { key: 'error', name: '|w_k - w_k^inf| (mean +/- std)' },
    ],
    r.points.map((p) => [
      p.pattern,
      p.baseWidth,
      p.layer,
      p.limit,
      estimateCell(p.icd.mean, p.icd.se),
      `${fmt(p.error.mean, 3)} +/- ${fmt(p.error.std, 3)} (se ${fmt(p.error.se, 2)})`,
    ]),
    provenance,
  );
  const slopeTitle = 'Log-log slope of the mean error against k';
  const fitted = rowsTable(
    'concentration-icd-slopes',
    slopeTitle,
    ['pattern', 'm', { key: 'slope', name: 'slope', digits: 4 }],
    r.slopes.map((s) => [s.pattern, s.baseWidth, estimateCell(s.slope.slope, s.slope.se)]),
    provenance,
  );
  emit(o, {
    json,
    tables: () => [points, fitted],
    csv: () => recordsTable('concentration-icd-series', title, series, provenance),
    text: (view) =>
      `${title}\n` +
      'Fig. 2 of the concentration paper: inverse cosine distance w_k = ((1 - rho_k)/2)^(-1/2) at layer k, finite ' +
      'width against infinite width.\n\n' +
      `${view.bare(points)}\n\n` +
      `${slopeTitle}:\n${view.bare(fitted)}\n\n` +
      'The paper: the error grows roughly like k^2 for m_k = m, like k for m_k = k m, and stays nearly flat for ' +
      'm_k = k^2 m.\n',
  });
}

function boundMode(o: BoundOptions): void {
  const act = activationFromOptions(o);
  if (!(o.tau > 0)) throw new InputError('--tau must be positive');
  if (!(o.constant > 0)) throw new InputError('--constant must be positive');
  const constant = o.constant;
  const input = {
    depth: o.depth,
    baseWidth: o.width,
    points: o.n,
    outDim: o.outDim,
    tauMax: o.tau,
    p: o.p,
    constant,
  };
  const r = concentrationBound(act, input);
  const comparison = ['abs', 'relu'].map((name) => {
    const other = concentrationBound(preset(name), { ...input, p: r.p });
    return { activation: name, prefactor: other.prefactor, bound_over_C: other.boundOverC };
  });
  const json = () => ({
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
  const rows = [
    ['||K(theta) - K_inf|| <= C x', fmt(r.boundOverC, 8)],
    [`with C = ${constant}`, fmt(r.bound, 8)],
    ['probability at least', fmt(r.probability, 12)],
    ['p', `${fmt(r.p, 8)} (${r.pNote})`],
    [
      'hidden widths m_k = k^2 m',
      r.widths.length <= 8 ? r.widths.join(', ') : `${r.widths.slice(0, 4).join(', ')}, ..., ${r.widths.at(-1)}`,
    ],
    ['total hidden width', String(r.totalHiddenWidth)],
    ['prefactor Delta^-2 kappa^2', fmt(r.prefactor, 10)],
  ];
  const provenance = { formulas: ['terjek/concentration-bound'] };
  const bound = {
    ...quantityTable('concentration-bound', describeActivation(act), rows, provenance),
    notes: [WARNING],
  };
  const compareTitle = 'Headline comparison (same l, m, n, p)';
  const compare = rowsTable(
    'concentration-comparison',
    compareTitle,
    [
      'activation',
      { key: 'prefactor', name: 'Delta^-2 kappa^2', digits: 6 },
      { key: 'bound_over_C', name: 'bound / C', digits: 8 },
    ],
    comparison.map((c) => [c.activation, c.prefactor, c.bound_over_C]),
    provenance,
  );
  emit(o, {
    json,
    tables: () => [bound, compare],
    text: (view) =>
      `${describeActivation(act)}\n\n${WARNING}\n\n${view.bare(bound)}\n\n${compareTitle}:\n${view.bare(compare)}\n`,
  });
}

export function register(program: Command): void {
  const cmd = program
    .command('concentration')
    .description(
      'the Terjek & Gonzalez-Sanchez concentration bound of the EOC NTK matrix, with its unknown constant exposed ' +
        "(--constant); --simulate measures ||K(theta) - K_inf|| on sampled networks, --icd the paper's Fig. 2",
    )
    .addHelpText(
      'after',
      `\n${WARNING}\nConvention: Terjek (no 1/sqrt(n_0) at the input, sigma^2 = 1/A_2, no biases, NTK matrix with ` +
        `1/n), widths m_k = k^2 m.\n\n` +
        'Modes (the older flags --simulate and --icd still select them):\n' +
        "  bound     the theorem's bound at the chosen constant C (the default)\n" +
        '  simulate  ||K(theta) - K_inf|| (operator norm) over sampled networks for each (pattern, m, l), with ' +
        'fitted\n' +
        '            log-log slopes against m and l; --depth and --width take lists; data: --inputs FILE or --n ' +
        'points\n' +
        `            on the unit sphere of R^${SPHERE_DIM} (default ${DEFAULT_POINTS}, fixed data seed ` +
        `${DATA_SEED})\n` +
        "  icd       the paper's Fig. 2: the finite-width inverse-cosine-distance error at layers --layers\n\n" +
        'Examples:\n' +
        '  ntkcalc concentration --activation abs --depth 10 --width 1000 --n 100\n' +
        '  ntkcalc concentration bound --activation relu --depth 10 --width 1000 --n 100 --p 0.5 --json\n' +
        '  ntkcalc concentration simulate --activation abs --depth 4,8,16 --width 16,64,256 --pattern ' +
        'constant,quadratic\n' +
        '  ntkcalc concentration simulate --activation relu --inputs examples/sphere16.json --depth 4 --width 64 ' +
        '--csv\n' +
        '  ntkcalc concentration icd --activation abs --width 16 --layers 2,8,16,32\n' +
        '  ntkcalc concentration bound --help   (the options of one mode)',
    );
  const [bound, simulate, icd] = (cmd as NtkCommand).addModes(
    [
      {
        name: 'bound',
        isDefault: true,
        description: "the theorem's bound at the chosen constant C (the default mode)",
      },
      {
        name: 'simulate',
        flag: '--simulate',
        description: 'measure ||K(theta) - K_inf|| on networks drawn by the Monte Carlo sampler (also: --simulate)',
      },
      {
        name: 'icd',
        flag: '--icd',
        description: "the finite-width inverse-cosine-distance error per layer, the paper's Fig. 2 (also: --icd)",
      },
    ],
    misplacedByName(MODE_NAMES),
  );
  const outDim = (c: Command) =>
    c.addOption(new Option('--out-dim <ml>', 'output dimension m_l').argParser(intArg('--out-dim')).default(1));
  const patterns = (c: Command, fallback: readonly WidthPattern[]) =>
    c.addOption(
      new Option('--pattern <list>', `width patterns: ${WIDTH_PATTERNS.join(', ')} (m_k = m, k m, k^2 m)`)
        .argParser((t) => t.split(',').map(parsePattern))
        .default(fallback, fallback.join(',')),
    );
  const run = (c: Command, samples: string) =>
    addSamplingOptions(
      c,
      {
        samples: 'networks per row',
        samplesDefault: samples,
        seed: 'random seed of the networks',
        seedDefault: '1',
      },
      (g) => addWorkerOptions(g, 'default: all cores'),
    );

  addActivationOptions(bound);
  outDim(
    bound
      .addOption(mandatory('--depth <l>', 'number of weight matrices l >= 2', '10', intArg('--depth')))
      .addOption(mandatory('--width <m>', 'base width m: hidden widths m_k = k^2 m', '1000', intArg('--width')))
      .addOption(mandatory('--n <n>', 'number of data points n >= 2, no parallel pair', '100', intArg('--n'))),
  )
    .addOption(new Option('--tau <t>', 'largest input norm').argParser(finiteArg('--tau')).default(1))
    .addOption(
      new Option('--p <p>', 'probability exponent in (0, 1) (default: the optimal log_m(log m))').argParser(
        finiteArg('--p'),
      ),
    )
    .addOption(
      new Option('--constant <C>', 'value of the hidden absolute constant')
        .argParser(finiteArg('--constant'))
        .default(1),
    );
  addOutputOptions(bound)
    .addHelpText(
      'after',
      `\n${WARNING}\n\nExample:\n  ntkcalc concentration bound --activation abs --depth 10 --width 1000 --n 100`,
    )
    .action(boundMode);

  addActivationOptions(simulate);
  outDim(
    patterns(
      simulate
        .addOption(
          new Option('--depth <list>', 'numbers of weight matrices l >= 2')
            .argParser(listArg('--depth'))
            .default([4, 8], '4,8'),
        )
        .addOption(
          new Option('--width <list>', 'base widths m').argParser(listArg('--width')).default([16, 64], '16,64'),
        ),
      ['constant', 'quadratic'],
    ),
  );
  addInputOptions(simulate, { inputs: 'JSON array of input vectors, instead of --n points on the sphere' }, (c) =>
    c.addOption(
      new Option('--n <n>', `points uniform on the unit sphere of R^${SPHERE_DIM} (data seed ${DATA_SEED})`)
        .argParser(intArg('--n'))
        .default(DEFAULT_POINTS)
        .conflicts('inputs'),
    ),
  );
  run(simulate, '32');
  addOutputOptions(simulate, { csv: 'the plot-ready series as CSV', quiet: true })
    .addHelpText(
      'after',
      '\nExample:\n  ntkcalc concentration simulate --activation abs --depth 4,8,16 --width 16,64,256 --pattern ' +
        'constant,quadratic',
    )
    .action(simulateMode);

  addActivationOptions(icd);
  patterns(
    icd.addOption(new Option('--width <list>', 'base widths m').argParser(listArg('--width')).default([16], '16')),
    WIDTH_PATTERNS,
  )
    .addOption(
      new Option('--layers <list>', 'layers k >= 2')
        .argParser(listArg('--layers'))
        .default([2, 8, 16, 32], '2,8,16,32'),
    )
    .addOption(
      new Option('--rho <r>', "cosine of the input pair (the paper's MNIST pairs average about 0.32)")
        .argParser(finiteArg('--rho'))
        .default(0.32),
    );
  run(icd, '100');
  addOutputOptions(icd, { csv: 'the plot-ready series as CSV', quiet: true })
    .addHelpText('after', '\nExample:\n  ntkcalc concentration icd --activation abs --width 16 --layers 2,8,16,32')
    .action(icdMode);
}
