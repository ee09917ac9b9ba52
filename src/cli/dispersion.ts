import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import {
  AUTHORS_GRID,
  chaoticLimit,
  eocLimit,
  type Include,
  nearCriticalLimit,
  skDispersion,
  skLimit,
  skPhase,
} from '../finite-width/dispersion.js';
import { exactField, type Field, floatField, type ReportedValue, reported } from '../finite-width/field.js';
import type { Table } from '../report/model.js';
import { fromSeleznovaKutyniok } from '../spec/conventions.js';
import { specJson } from '../spec/json.js';
import { type Fraction, parseFinite, parseRational } from '../util/exact.js';
import { VERSION } from '../version.js';
import { misplacedByName, type NtkCommand } from './command.js';
import { exactText } from './exactText.js';
import { addOutputOptions, fmt, type OutputOptions, outputFormat, parsePositiveInt } from './options.js';
import { emit, quantityTable } from './output.js';
import { addPaperSpecOption, paperNetwork } from './paperSpec.js';
import { progressBar } from './progress.js';
import {
  deadLayers,
  type ReluPrimeAtZero,
  reluPrimeExplanation,
  reluPrimeNote,
  reluPrimeOption,
} from './reluPrimeOption.js';

interface Options extends OutputOptions {
  spec?: string;
  sw2?: string;
  depth?: string;
  width?: string;
  n0?: string;
  norm2: string;
  include: string;
  reluPrimeAt0: ReluPrimeAtZero;
  exact?: boolean;
  lambda?: string;
  omega: string;
  a?: string;
}

const SOURCE =
  "Seleznova & Kutyniok 2022, arXiv 2202.00553 (setup of the authors' code); every formula derived in " +
  'docs/theory.md part S, not transcribed from the paper';
const CONVENTION =
  'seleznova-kutyniok: L hidden layers of width M (canonical depth L + 1), W ~ N(0, sigma_w^2/fan_in) on every ' +
  'layer including the output, biases initialised at 0 and trainable, gradients with respect to W itself, K(x,x) ' +
  'summed over all parameters, D = E[K^2]/E[K]^2';
const INCLUDES = ['both', 'weights', 'biases'] as const;
const SUMMED: Record<Include, string> = {
  both: 'all weights and biases',
  weights: 'the weights',
  biases: 'the biases',
};

function include(text: string): Include {
  if (!(INCLUDES as readonly string[]).includes(text))
    throw new InputError(`--include must be one of ${INCLUDES.join(', ')}, got "${text}"`);
  return text as Include;
}

function positiveRational(text: string, what: string): Fraction {
  const v = parseRational(text, what);
  if (v.compare(0) <= 0) throw new InputError(`${what} must be > 0, got ${v.toFraction()}`);
  return v;
}

/** The setup's sigma_w^2, L and M from --spec FILE, which must be the Seleznova-Kutyniok network. */
function fromSpec(file: string): { sw2: Fraction; L: number; M: number; reluPrimeAt0?: ReluPrimeAtZero } {
  const s = paperNetwork(
    file,
    "the Seleznova-Kutyniok network's",
    'dispersion computes ReLU, standard parameterization, one sigma_w^2 on every layer, zero-init biases and L ' +
      'hidden ' +
      'layers of one width M',
    (s) => fromSeleznovaKutyniok(s.layers[0].sigmaW2, s.depth - 1, s.hiddenWidths?.[0] ?? 100).spec,
  );
  const sw2 = s.layers[0].sigmaW2;
  if (sw2.compare(0) <= 0) throw new InputError(`${file}: sigma_w2 must be > 0, got ${sw2.toFraction()}`);
  if (s.depth < 2) throw new InputError(`${file}: depth must be >= 2 (L = depth - 1 hidden layers), got ${s.depth}`);
  return { sw2, L: s.depth - 1, M: (s.hiddenWidths as number[])[0], reluPrimeAt0: s.reluPrimeAt0 };
}

/** One (sigma_w^2, L, M, n0); ReLU'(0) from the spec file unless given on the line. */
function point(o: Options, reluPrimeGiven: boolean): void {
  const { sw2, L, M, reluPrimeAt0 } =
    o.spec === undefined
      ? {
          sw2: positiveRational(o.sw2 as string, '--sw2'),
          L: parsePositiveInt(o.depth as string, '--depth (number of hidden layers)'),
          M: parsePositiveInt(o.width as string, '--width (hidden width M)'),
        }
      : fromSpec(o.spec);
  if (reluPrimeAt0 !== undefined && !reluPrimeGiven) o.reluPrimeAt0 = reluPrimeAt0;
  const n0 = parsePositiveInt(o.n0 as string, '--n0 (input dimension)');
  const norm2 = positiveRational(o.norm2, '--norm2 (|x|^2)');
  const inc = include(o.include);
  const phase = skPhase(sw2);
  const out = <T>(F: Field<T>, lift: (f: Fraction) => T) => {
    const r = skDispersion(F, lift(sw2), L, M, n0, lift(norm2), inc, { deadLayers: deadLayers(o.reluPrimeAt0) });
    return {
      EK: reported(F, r.EK, 'E[K]'),
      EK2: reported(F, r.EK2, 'E[K^2]'),
      D: reported(F, r.D, 'D'),
      limit: skLimit(F, phase, inc, lift(sw2), L, M, n0, norm2.valueOf()),
    };
  };
  const r = o.exact ? out(exactField, (f) => f) : out(floatField, (f) => f.valueOf());
  const formulas = [
    'seleznova-kutyniok/mean',
    'seleznova-kutyniok/second-moment',
    inc === 'both' ? 'seleznova-kutyniok/dispersion' : `seleznova-kutyniok/dispersion-${inc}`,
  ];
  const json = () => ({
    version: VERSION,
    command: 'dispersion',
    source: SOURCE,
    convention: `${CONVENTION}; ${reluPrimeNote(o.reluPrimeAt0)}`,
    kind: 'derived',
    spec: specJson({ ...fromSeleznovaKutyniok(sw2, L, M).spec, reluPrimeAt0: o.reluPrimeAt0 }),
    formulas,
    input: {
      sw2: sw2.toFraction(),
      depth: L,
      width: M,
      n0,
      norm2: norm2.toFraction(),
      include: inc,
      exact: Boolean(o.exact),
    },
    EK: r.EK,
    EK2: r.EK2,
    D: r.D,
    phase,
    limit: r.limit,
  });
  const v = (q: ReportedValue) =>
    q.exact === null ? fmt(q.value, 12) : `${exactText(q.exact)} = ${q.scientific ?? fmt(q.value, 15)}`;
  const rows = [
    ['E[K]', v(r.EK)],
    ['E[K^2]', v(r.EK2)],
    ['D = E[K^2]/E[K]^2', v(r.D)],
    ['phase', `${phase === 'eoc' ? 'edge of chaos' : phase} (sigma_w^2/2 = ${sw2.div(2).toFraction()})`],
    ['limit of D', r.limit.D === null ? 'none' : fmt(r.limit.D.value, 10)],
  ];
  const formula = r.limit.formula ? ` [${r.limit.formula}]` : '';
  const title =
    `Seleznova & Kutyniok setup: sigma_w^2 = ${sw2.toFraction()}, ` +
    `L = ${L} hidden layers of width ${M}, n0 = ${n0}, |x|^2 = ${norm2.toFraction()}, ` +
    `gradients: ${inc}, ${reluPrimeNote(o.reluPrimeAt0)}`;
  const notes = [
    `limit of D: ${r.limit.kind}${formula}`,
    `  ${r.limit.note}`,
    `${reluPrimeExplanation(o.reluPrimeAt0)}; it matters only when a whole hidden layer is inactive.`,
    `K = K(x,x): the NTK of the network at x, summed over the gradients of ${SUMMED[inc]}; E over the initialisation.`,
    "All constants are derived for the authors' setup (docs/theory.md part S), not transcribed from the paper.",
  ];
  const table = {
    ...quantityTable('dispersion', title, rows, { formulas, convention: CONVENTION }),
    notes: notes.map((n) => n.trim()),
  };
  emit(o, {
    json,
    tables: () => [table],
    text: (view) => [title, '', view.bare(table), '', ...notes, ''].join('\n'),
  });
}

function grid(o: Options): void {
  const inc = include(o.include);
  const { M, n0, depths, sw2 } = AUTHORS_GRID;
  // Only the exact grid takes long enough (about half a minute) to need a bar.
  const bar = progressBar('cells', !o.exact || outputFormat(o) !== 'text');
  const total = depths.length * sw2.length;
  let done = 0;
  const cells = <T>(F: Field<T>, lift: (f: Fraction) => T) =>
    depths.map((L) =>
      sw2.map((s) => {
        const r = skDispersion(F, lift(parseRational(s, 'grid')), L, M, n0, F.one, inc, {
          deadLayers: deadLayers(o.reluPrimeAt0),
        });
        bar.update?.(++done, total);
        return { EK: reported(F, r.EK), D: reported(F, r.D) };
      }),
    );
  const rows = o.exact ? cells(exactField, (f) => f) : cells(floatField, (f) => f.valueOf());
  bar.stop();
  const json = () => {
    const exactCols = (r: (typeof rows)[number], k: 'EK' | 'D') =>
      o.exact ? { [`${k}_exact`]: r.map((c) => c[k].exact) } : {};
    return {
      version: VERSION,
      command: 'dispersion --grid',
      source: SOURCE,
      convention: `${CONVENTION}; ${reluPrimeNote(o.reluPrimeAt0)}`,
      kind: 'derived',
      formula: 'seleznova-kutyniok/dispersion',
      grid: {
        M,
        n0,
        norm2: 1,
        include: inc,
        exact: Boolean(o.exact),
        sw2,
        rows: rows.map((r, i) => ({
          L: depths[i],
          D: r.map((c) => c.D.value),
          EK: r.map((c) => c.EK.value),
          ...exactCols(r, 'D'),
          ...exactCols(r, 'EK'),
        })),
      },
    };
  };
  const how = o.exact ? 'exact rationals (--json prints them), shown to 6 digits' : 'exact DP in Float64';
  const title =
    `D = E[K^2]/E[K]^2 on the authors' grid (M = n0 = ${M}, |x| = 1, sigma_b = 0, gradients: ${inc}, ` +
    `${reluPrimeNote(o.reluPrimeAt0)}); ${how}`;
  const table: Table = {
    name: 'dispersion-grid',
    title,
    columns: [
      { key: 'L', name: 'L', latex: '$L$' },
      ...sw2.map((s) => ({ key: `D_sw2_${s}`, name: `sw2=${s}`, latex: `$\\sigma_w^2 = ${s}$`, digits: 6 })),
    ],
    rows: rows.map((r, i) => ({ cells: [depths[i], ...r.map((c) => c.D.value)] })),
    provenance: { formulas: ['seleznova-kutyniok/dispersion'], convention: CONVENTION },
    rowNoun: 'depths',
  };
  emit(o, { json, tables: () => [table], text: (view) => `${title}\n\n${view.bare(table)}\n` });
}

function limits(o: Options): void {
  const lambda = parseFinite(o.lambda as string, '--lambda');
  const omega = ['inf', 'infinity'].includes(o.omega.trim().toLowerCase()) ? Infinity : parseFinite(o.omega, '--omega');
  const e = eocLimit(lambda, omega);
  const nc = o.a === undefined ? undefined : nearCriticalLimit(parseFinite(o.a, '--a'), lambda, omega);
  const json = () => ({
    version: VERSION,
    command: 'dispersion --limit',
    source: SOURCE,
    kind: 'derived',
    input: {
      lambda,
      omega: Number.isFinite(omega) ? omega : 'Infinity',
      ...(o.a === undefined ? {} : { a: Number(o.a) }),
    },
    D_eoc: { value: e.D, formula: 'seleznova-kutyniok/eoc-limit' },
    D_weights: {
      value: e.weightsOnly,
      formula: 'seleznova-kutyniok/weights-limit',
      note: 'also the chaotic-phase limit',
    },
    D_biases: { value: e.biasesOnly, formula: 'seleznova-kutyniok/biases-limit' },
    cross: { value: e.cross, formula: 'seleznova-kutyniok/cross-limit' },
    D_chaotic: { value: chaoticLimit(lambda), formula: 'seleznova-kutyniok/chaotic-limit' },
    exp5lambda: e.exp5lambda,
    ...(nc === undefined ? {} : { D_near_critical: { value: nc, formula: 'seleznova-kutyniok/near-critical' } }),
  });
  const rows = [
    [`D_EOC(lambda, omega = ${omega})`, e.D],
    ['D_w: weights only = chaotic limit', e.weightsOnly],
    ['D_b: biases only', e.biasesOnly],
    ['C/lambda^2: weight-bias cross ratio', e.cross],
    ['exp(5 lambda)', e.exp5lambda],
    ...(nc === undefined ? [] : [[`near-critical, sigma_w^2 = 2(1 + ${o.a}/M)`, fmt(nc, 6)]]),
  ];
  const title =
    `Joint limits L, M -> infinity, L/M -> lambda = ${lambda} (docs/theory.md S3.6; derived, not ` +
    `transcribed from the paper)`;
  const table = quantityTable(
    'dispersion-limits',
    title,
    rows,
    {
      formulas: ['seleznova-kutyniok/eoc-limit', 'seleznova-kutyniok/weights-limit', 'seleznova-kutyniok/biases-limit'],
    },
    10,
  );
  emit(o, { json, tables: () => [table], text: (view) => `${title}\n\n${view.bare(table)}\n` });
}

const MODE_NAMES: Record<string, string> = {
  point: 'one network (`dispersion point`, the default)',
  grid: '`dispersion grid` (--grid)',
  limit: '`dispersion limit` (--limit)',
};

export function register(program: Command): void {
  const cmd = program
    .command('dispersion')
    .description(
      'Seleznova & Kutyniok 2022 setup: exact E[K], E[K^2] and dispersion D = E[K^2]/E[K]^2 of the NTK at finite ' +
        'depth L and width M, the phase and its limit',
    )
    .addHelpText(
      'after',
      '\nModes (the older flags --grid and --limit still select them):\n' +
        '  point  one (sigma_w^2, L, M, n0) (the default)\n' +
        "  grid   D on the authors' grid\n" +
        '  limit  the joint limits L, M -> infinity\n\n' +
        'Examples:\n  ntkcalc dispersion --sw2 2 --depth 2 --width 4 --n0 3 --exact\n' +
        '  ntkcalc dispersion --sw2 2.2 --depth 49 --width 100 --n0 100 --json\n' +
        '  ntkcalc dispersion grid\n  ntkcalc dispersion limit --lambda 0.5 --omega 1',
    );
  const [point_, grid_, limit_] = (cmd as NtkCommand).addModes(
    [
      {
        name: 'point',
        isDefault: true,
        description: 'E[K], E[K^2] and D at one (sigma_w^2, L, M, n0) (the default mode)',
      },
      {
        name: 'grid',
        flag: '--grid',
        description: "D on the authors' grid: M = n0 = 100, L = 1..49, eleven sigma_w^2 values (also: --grid)",
      },
      {
        name: 'limit',
        flag: '--limit',
        description: 'the joint limits L, M -> infinity at L/M = --lambda (also: --limit)',
      },
    ],
    misplacedByName(MODE_NAMES),
  );
  const gradients = (c: Command) =>
    c
      .option('--include <which>', 'gradients summed in K: both, weights or biases', 'both')
      .addOption(reluPrimeOption());

  gradients(
    point_
      .addOption(
        new Option('--sw2 <s>', 'sigma_w^2 on every layer (exact: 2, 2.2, 11/5) (e.g. --sw2 2)').makeOptionMandatory(),
      )
      .addOption(
        new Option(
          '--depth <L>',
          'number of hidden layers L (as in the paper; canonical depth L + 1) (e.g. --depth 10)',
        ).makeOptionMandatory(),
      )
      .addOption(new Option('--width <M>', 'width M of every hidden layer (e.g. --width 100)').makeOptionMandatory())
      .addOption(new Option('--n0 <n0>', 'input dimension (e.g. --n0 100)').makeOptionMandatory())
      .option('--norm2 <q>', '|x|^2 of the input', '1'),
  ).option('--exact', 'exact rationals (BigInt)');
  addPaperSpecOption(
    point_,
    'the Seleznova-Kutyniok network (its sigma_w^2, depth L + 1 and width M; --n0 stays an option)',
    ['sw2', 'depth', 'width'],
  );
  addOutputOptions(point_)
    .addHelpText('after', '\nExample:\n  ntkcalc dispersion point --sw2 2 --depth 2 --width 4 --n0 3 --exact')
    .action((o: Options, c: Command) => point(o, c.getOptionValueSource('reluPrimeAt0') === 'cli'));

  gradients(grid_).option('--exact', 'exact rationals (BigInt); about half a minute');
  addOutputOptions(grid_).addHelpText('after', '\nExample:\n  ntkcalc dispersion grid --json').action(grid);

  limit_
    .addOption(new Option('--lambda <x>', 'L/M (e.g. --lambda 0.5)').makeOptionMandatory())
    .option('--omega <w>', 'lim |x|^2 M/n0 (inf for weights only)', '1')
    .option('--a <a>', 'also the near-critical double scaling sigma_w^2 = 2(1 + a/M)');
  addOutputOptions(limit_)
    .addHelpText('after', '\nExample:\n  ntkcalc dispersion limit --lambda 0.5 --a 3')
    .action(limits);
}
