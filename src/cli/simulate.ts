import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import type { WeightLaw } from '../montecarlo/random.js';
import type { SamplerKind } from '../montecarlo/run.js';
import { type Quantity, type SimulationResult, simulate, simulateShard } from '../montecarlo/simulation.js';
import { type Cell, estimateCell } from '../report/model.js';
import { readDataFile } from '../spec/file.js';
import { cliNaming, jsonNaming, mixedNaming } from '../spec/naming.js';
import type { NetworkSpec } from '../spec/network.js';
import { parseSimulationWith, type SimulationConfig } from '../spec/simulation.js';
import {
  addInputOptions,
  addNetworkOptions,
  addOutputOptions,
  addSamplingOptions,
  type NetworkOptions,
  networkFromOptions,
  type OutputOptions,
  parseVector,
  readInputsFile,
} from './options.js';
import { emit, rowsTable } from './output.js';
import { progressBar } from './progress.js';
import { warn } from './warn.js';
import { widthsText } from './widthsText.js';
import { addWorkerOptions, type WorkerOptions, workersFromOptions } from './workers.js';
import { writeOut } from './writeOut.js';

interface SimulateOptions extends NetworkOptions, WorkerOptions, OutputOptions {
  inputs?: string;
  x?: string;
  y?: string;
  samples: string;
  seed: string;
  sampler: SamplerKind | 'auto';
  weights: WeightLaw;
  update?: boolean;
  outDim?: string;
  shard?: { index: number; count: number };
  out?: string;
  quiet?: boolean;
}

function hiddenWidthsText(widths: readonly number[] | undefined): string {
  return widths && widths.length > 0 ? `hidden widths ${widthsText(widths)}` : 'no hidden layer';
}

/** A depth-1 network has no hidden layer: it needs no width, and a width given is ignored with a warning. */
function withoutHiddenLayers(spec: NetworkSpec, o: SimulateOptions): NetworkSpec {
  if (spec.depth !== 1) return spec;
  if (o.width !== undefined) warn('--width is ignored: a depth-1 network (one weight layer) has no hidden layer');
  return { ...spec, hiddenWidths: [] };
}

export function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`--shard takes i/k (shard i of k, 1 <= i <= k), e.g. --shard 2/8; got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count)
    throw new InputError(`--shard ${text}: the shard number i must be between 1 and k = ${count}`);
  return { index, count };
}

function inputsFromOptions(o: SimulateOptions): number[][] {
  if (o.inputs !== undefined) return readInputsFile(o.inputs);
  if (o.x === undefined)
    throw new InputError(
      'give the inputs: --x 1,0 (one input), --x 1,0 --y 0,1 (two), or --inputs FILE (a JSON array of vectors)',
    );
  return o.y === undefined ? [parseVector(o.x, '--x')] : [parseVector(o.x, '--x'), parseVector(o.y, '--y')];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The run: defaults, then the --spec file (a network, or a whole run with the network under
 * "spec"), then the options the user gave; parsed by the simulation schema.
 */
function simulationFromOptions(o: SimulateOptions, cmd: Command): SimulationConfig {
  const file = o.spec === undefined ? undefined : readDataFile(o.spec, 'spec file');
  const run = isRecord(file) && ('spec' in file || 'network' in file) ? file : undefined;
  const { spec: runSpec, network: runNetwork, ...runFields } = run ?? {};
  const spec = withoutHiddenLayers(
    networkFromOptions(
      o,
      o.spec === undefined
        ? undefined
        : { network: run ? (runSpec ?? runNetwork) : file, where: run ? `${o.spec}: spec` : o.spec },
    ),
    o,
  );
  const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
  const options: Record<string, unknown> = {
    inputs: o.inputs !== undefined || o.x !== undefined || !('inputs' in runFields) ? inputsFromOptions(o) : undefined,
    out_dim: o.outDim,
    weights: given('weights') ? o.weights : undefined,
    sampler: given('sampler') ? o.sampler : undefined,
    update: o.update,
    seed: given('seed') ? o.seed : undefined,
    samples: given('samples') ? o.samples : undefined,
  };
  for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
  const naming = o.spec === undefined ? cliNaming : mixedNaming(jsonNaming(o.spec), (field) => field in options);
  const defaults = { samples: '1000', seed: '0', sampler: 'auto', update: false };
  return parseSimulationWith(naming, { ...defaults, ...runFields, ...options }, o.spec ?? 'options', spec);
}

/** A finished simulation in any format (simulate and merge print the same thing). */
export function printSimulation(r: SimulationResult, o: OutputOptions, file: string | undefined): void {
  const rows: Cell[][] = [];
  const add = (name: string, q: Quantity, label: (i: number, j: number) => string) => {
    q.mean.forEach((row, i) =>
      row.forEach((m, j) => {
        if (q.mean.length > 1 && row.length > 1 && j < i) return;
        const lim = q.infinite_width?.[i][j];
        const ratio = q.second_moment_ratio?.[i][j];
        // The ratio is undefined where every network gives K = 0 (e.g. a zero input); JSON has null there.
        const ratioCell =
          ratio === undefined
            ? '-'
            : Number.isFinite(ratio)
              ? estimateCell(ratio, q.second_moment_ratio_se![i][j])
              : 'undefined (E[K] = 0)';
        rows.push([name, label(i, j), estimateCell(m, q.se[i][j]), lim ?? '-', ratioCell]);
      }),
    );
  };
  const qs = r.quantities as Record<string, Quantity>;
  const d = r.out_dim;
  add('f(x_a)', qs.output, (a, k) => (d > 1 ? `a=${a + 1},k=${k + 1}` : `a=${a + 1}`));
  add('NNGP Sigma^(L)', qs.nngp, (a, b) => `(${a + 1},${b + 1})`);
  const col = (c: number) => (d > 1 ? `${Math.floor(c / d) + 1}.${(c % d) + 1}` : `${c + 1}`);
  add('NTK Theta', qs.ntk, (i, j) => `(${col(i)},${col(j)})`);
  if (qs.update) add('dK(x_a,x_a)/lambda', qs.update, (a) => `a=${a + 1}`);
  const s = r.spec;
  const title = [
    `${s.activation.name}: phi(s) = (${s.activation.a}) s + (${s.activation.b}) |s|; depth ${s.depth}, ` +
      `${hiddenWidthsText(s.hidden_widths)}, ${s.parameterization} parameterization, biases ${s.bias}, ` +
      `${r.weights} weights`,
    `${r.networks} networks, seed ${r.seed}, ${r.sampler} sampler, phi'(0) = a; mean +/- standard error over networks`,
  ];
  const note =
    'The infinite-width value differs from the finite-width mean by O(depth/width). Per-layer NTK terms: --json.';
  const table = {
    ...rowsTable(
      'simulate',
      title.join('; '),
      [
        'quantity',
        'entry',
        { key: 'mean', name: 'mean +/- se', digits: 6 },
        { key: 'infinite_width', name: 'infinite width', digits: 6 },
        { key: 'second_moment_ratio', name: 'E[Theta^2]/E[Theta]^2', digits: 6 },
      ],
      rows,
      { convention: 'canonical (docs/conventions.md)' },
    ),
    notes: [note],
  };
  emit(
    o,
    {
      json: () => r,
      tables: () => [table],
      text: (view) => [...title, '', view.bare(table), '', note, ''].join('\n'),
    },
    file,
  );
}

export function register(program: Command): void {
  const cmd = program
    .command('simulate')
    .description(
      'Monte Carlo of finite MLPs: outputs, NNGP, empirical NTK (and its per-layer terms, the SGD update dK) with ' +
        'standard errors, beside the infinite-width values',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc simulate --activation relu --sw2 2 --width 256 --depth 4 --x 1,0 --y 0.6,0.8 ' +
        '--samples 2000\n  ntkcalc simulate --activation relu --sw2 2 --sb2 0.1 --widths 64,64 --depth 3 --inputs ' +
        'examples/inputs.json --samples 10000 --json --out run.json\n  ntkcalc simulate ... --shard 3/8 --out ' +
        'part3.json   (then: ntkcalc merge part*.json)',
    );
  addNetworkOptions(cmd);
  addInputOptions(cmd, {
    x: 'an input, e.g. 1,0',
    y: 'a second input',
    inputs: 'JSON file with an array of input vectors',
  });
  addSamplingOptions(
    cmd,
    {
      samples: 'number of networks',
      samplesDefault: '1000',
      seed: 'seed (0 to 2^32-1): network i draws from a stream derived from (seed, i)',
      seedDefault: '0',
    },
    samplerOptions,
  );
  addOutputOptions(cmd, { out: true, quiet: true }).action(async (o: SimulateOptions, cmd: Command) => {
    const config = simulationFromOptions(o, cmd);
    const pool = workersFromOptions(o);
    const shard = o.shard;
    const bar = progressBar('networks', o.quiet);
    try {
      if (shard) {
        const partial = await simulateShard(config, shard, { ...pool, onProgress: bar.update });
        bar.stop();
        writeOut(`${JSON.stringify(partial)}\n`, o.out);
        return;
      }
      const result = await simulate(config, { ...pool, onProgress: bar.update });
      bar.stop();
      printSimulation(result, o, o.out);
    } finally {
      bar.stop();
    }
  });
}

/** simulate's own sampling options: output units, sampler, weight law, SGD update, workers, shards. */
function samplerOptions(cmd: Command): Command {
  cmd
    .option('--out-dim <n>', 'output units n_L (default 1)')
    .addOption(
      new Option('--sampler <kind>', 'dense (draws every weight), reduced (exact in law, O(n N^2) per layer) or auto')
        .choices(['dense', 'reduced', 'auto'])
        .default('auto'),
    )
    .addOption(
      new Option('--weights <law>', 'weight law: gaussian, or uniform with variance 1 (mu_4 = 9/5)')
        .choices(['gaussian', 'uniform'])
        .default('gaussian'),
    )
    .option('--update', 'also sample dK(x,x)/lambda of one SGD step on {x} (docs/theory.md H1; dense sampler)');
  return addWorkerOptions(cmd, 'default: all cores').addOption(
    new Option('--shard <i/k>', 'run only shard i of k and write a partial result for `ntkcalc merge`').argParser(
      parseShard,
    ),
  );
}
