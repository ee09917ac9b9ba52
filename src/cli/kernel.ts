import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { pairAsymptotics } from '../kernels/asymptotics.js';
import { type GramResult, gramMatricesParallel } from '../kernels/gram.js';
import { type GramFileResult, writeGramNpy } from '../kernels/gramFile.js';
import { diagonalKernels, pairKernels } from '../kernels/pair.js';
import { vectorNorm } from '../kernels/recursion.js';
import type { Table } from '../report/model.js';
import { specJson } from '../spec/json.js';
import type { NetworkSpec } from '../spec/network.js';
import { checkJsonSize } from '../util/limits.js';
import { VERSION } from '../version.js';
import { describeActivation } from './constants.js';
import { readDataset } from './datasetFile.js';
import {
  addInputOptions,
  addNetworkOptions,
  addOutputOptions,
  type NetworkOptions,
  networkFromOptions,
  type OutputOptions,
  outputFormat,
  parseVector,
  printJson,
} from './options.js';
import { emit } from './output.js';
import { progressBar } from './progress.js';
import { parseShard } from './simulate.js';
import { warn } from './warn.js';
import { addWorkerOptions, type WorkerOptions, workersFromOptions } from './workers.js';

interface KernelOptions extends NetworkOptions, WorkerOptions, OutputOptions {
  x?: string;
  y?: string;
  inputs?: string;
  inputs2?: string;
  allLayers?: boolean;
  asymptotics?: boolean;
  quiet?: boolean;
  out?: string;
  shard?: string;
}

const PROVENANCE = {
  formulas: ['infinite-width/dual-phi', 'infinite-width/dual-dphi', 'infinite-width/zeta'],
  convention:
    'canonical (docs/conventions.md): Sigma^(1) = sigma_w^2 <x,y>/n_0 + sigma_b^2; NTK summed over parameters',
};

function zeroNote(spec: NetworkSpec, vectors: number[][]): string | undefined {
  if (!vectors.some((v) => vectorNorm(v) === 0)) return undefined;
  return spec.bias === 'present'
    ? 'note: a zero input vector enters only through the biases; its pre-activations are N(0, sigma_b^2) and its ' +
        'angle to other inputs is pi/2 at layer 1.'
    : 'note: a zero input vector has NNGP and NTK identically 0 without biases (the network maps it to 0); its ' +
        'angle is taken as pi/2.';
}

function diagonalCommand(spec: NetworkSpec, o: KernelOptions): void {
  const x = parseVector(o.x!, '--x');
  const layers = diagonalKernels(spec, x);
  const note = zeroNote(spec, [x]);
  const head = `${networkLine(spec)}; diagonal only`;
  const table = layerKernelTable(
    'kernel-diagonal',
    head,
    [
      ['nngp', 'Sigma(x,x)', '$\\Sigma^{(l)}(x,x)$'],
      ['sdot', 'Sdot(x,x)', '$\\dot\\Sigma^{(l)}(x,x)$'],
      ['ntk', 'Theta(x,x)', '$\\Theta^{(l)}(x,x)$'],
    ],
    layers.map((l) => [l.layer, l.nngp, l.sdot ?? '-', l.ntk]),
    note,
  );
  emit(o, {
    json: () => ({ version: VERSION, spec: specJson(spec), x, ...PROVENANCE, layers, ...(note ? { note } : {}) }),
    tables: () => [table],
    text: (view) => `${head}\n\n${view.layers(table)}\n${note ? `\n${note}\n` : ''}`,
  });
}

function networkLine(spec: NetworkSpec): string {
  return (
    `${describeActivation(spec.activation)}; depth ${spec.depth}, ${spec.parameterization} parameterization, ` +
    `biases ${spec.bias}`
  );
}

/**
 * One row per layer (columns: CSV key as in the JSON, name, LaTeX header): the layer and numbers (a string where a
 * quantity does not exist, e.g. Sdot at layer 1).
 */
function layerKernelTable(
  name: string,
  title: string,
  columns: readonly (readonly [key: string, name: string, latex: string])[],
  rows: readonly (readonly (number | string)[])[],
  note: string | undefined,
  digits?: number,
): Table {
  return {
    name,
    title,
    columns: [
      { key: 'layer', name: 'layer', latex: '$l$' },
      ...columns.map(([key, name, latex]) => ({ key, name, latex, digits })),
    ],
    rows: rows.map((cells) => ({ cells })),
    provenance: PROVENANCE,
    notes: note ? [note] : undefined,
    rowNoun: 'layers',
  };
}

function pairCommand(spec: NetworkSpec, o: KernelOptions): void {
  if (o.x === undefined)
    throw new InputError(
      'give --x (and --y for a pair; --x alone gives the diagonal), e.g. --x 1,0 --y 0.5,0.866, or --inputs FILE',
    );
  if (o.y === undefined) {
    if (o.asymptotics) throw new InputError('--asymptotics needs a pair: give --y too');
    diagonalCommand(spec, o);
    return;
  }
  const x = parseVector(o.x, '--x');
  const y = parseVector(o.y, '--y');
  const layers = pairKernels(spec, x, y);
  const asym = o.asymptotics ? pairAsymptotics(spec, layers, vectorNorm(x) * vectorNorm(y), x.length) : undefined;
  const note = zeroNote(spec, [x, y]);
  const json = () => ({
    version: VERSION,
    spec: specJson(spec),
    x,
    y,
    ...PROVENANCE,
    layers: layers.map((l, i) => ({
      layer: l.layer,
      nngp: l.nngp,
      sdot: l.sdot,
      ntk: l.ntk,
      cosine: l.cosine,
      cosine_distance: l.cosineDistance,
      ...(asym ? { asymptotics: asym[i] } : {}),
    })),
    ...(note ? { note } : {}),
  });
  const head = networkLine(spec);
  const table = layerKernelTable(
    'kernel-pair',
    head,
    [
      ['nngp_xx', 'Sigma(x,x)', '$\\Sigma^{(l)}(x,x)$'],
      ['nngp_xy', 'Sigma(x,y)', '$\\Sigma^{(l)}(x,y)$'],
      ['nngp_yy', 'Sigma(y,y)', '$\\Sigma^{(l)}(y,y)$'],
      ['sdot_xy', 'Sdot(x,y)', '$\\dot\\Sigma^{(l)}(x,y)$'],
      ['ntk_xx', 'Theta(x,x)', '$\\Theta^{(l)}(x,x)$'],
      ['ntk_xy', 'Theta(x,y)', '$\\Theta^{(l)}(x,y)$'],
      ['ntk_yy', 'Theta(y,y)', '$\\Theta^{(l)}(y,y)$'],
      ['cosine', 'cos(x,y)', '$\\cos(x,y)$'],
    ],
    layers.map((l) => [
      l.layer,
      l.nngp.xx,
      l.nngp.xy,
      l.nngp.yy,
      l.sdot === null ? '-' : l.sdot.xy,
      l.ntk.xx,
      l.ntk.xy,
      l.ntk.yy,
      l.cosine,
    ]),
    note,
  );
  const asymTitle =
    'Depth asymptotics (EOC; terjek/depth-asymptotic-distance, terjek/icd-approximation, an upper bound)';
  const asymTable =
    asym &&
    layerKernelTable(
      'kernel-asymptotics',
      asymTitle,
      [
        ['one_minus_cosine', '1-cos exact', '$1 - \\cos$'],
        ['one_minus_cosine_asymptotic', '9pi^2/(8 Delta^2 l^2)', '$9\\pi^2/(8\\Delta_\\phi^2 l^2)$'],
        ['ntk_icd_approximation', 'Theta(x,y) ICD approx', '$\\Theta^{(l)}(x,y)$ ICD'],
        ['ntk_xy', 'Theta(x,y) exact', '$\\Theta^{(l)}(x,y)$'],
      ],
      asym.map((a) => [
        a.layer,
        a.oneMinusCosine,
        a.oneMinusCosineAsymptotic,
        a.ntkIcdApproximation ?? '-',
        layers[a.layer - 1].ntk.xy,
      ]),
      undefined,
      8,
    );
  emit(o, {
    json,
    tables: () => (asymTable ? [table, asymTable] : [table]),
    text: (view) =>
      `${head}\n\n${view.layers(table)}\n` +
      (asymTable ? `\n${asymTitle}:\n${view.layers(asymTable)}\n` : '') +
      (note ? `\n${note}\n` : ''),
  });
}

function matrixJson(m: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(m.subarray(i * cols, (i + 1) * cols)));
}

/** The JSON is built as one string: about 32 characters per entry (indented), two kinds per layer written. */
function checkGramJson(rows: number, cols: number, layersWritten: number): void {
  checkJsonSize(
    `the --json output (${2 * layersWritten} matrices of ${rows} x ${cols})`,
    32 * 2 * layersWritten * rows * cols,
    'use fewer inputs, drop --all-layers, or split the dataset (--inputs2 FILE gives one block of rows x columns)',
  );
}

async function gramFileCommand(spec: NetworkSpec, o: KernelOptions, x: number[][], y?: number[][]): Promise<void> {
  const out = o.out!;
  if (!out.toLowerCase().endsWith('.npy'))
    throw new InputError(`--out ${out}: Gram matrices are written as NumPy .npy files; name it e.g. gram.npy`);
  const bar = progressBar('rows', o.quiet || outputFormat(o) !== 'text');
  let r: GramFileResult;
  try {
    r = await writeGramNpy(spec, x, y, out, {
      allLayers: o.allLayers,
      ...workersFromOptions(o),
      shard: o.shard === undefined ? undefined : parseShard(o.shard),
      onProgress: bar.update,
    });
  } finally {
    bar.stop();
  }
  const what = `${o.allLayers ? 'per layer ' : ''}[0] NNGP, [1] NTK`;
  if (outputFormat(o) === 'json') printJson({ version: VERSION, spec: specJson(spec), ...PROVENANCE, file: out, ...r });
  else
    process.stdout.write(
      `wrote ${out}: float64 array of shape (${r.shape.join(', ')}), ${what}; rows ${r.start + 1}..${r.end} of the ` +
        `Gram matrix (numpy.load("${out}"))\n`,
    );
}

async function gramCommand(spec: NetworkSpec, o: KernelOptions): Promise<void> {
  const x = readDataset(o.inputs!);
  const y = o.inputs2 ? readDataset(o.inputs2) : undefined;
  if (o.out !== undefined) return gramFileCommand(spec, o, x, y);
  if (o.shard !== undefined) throw new InputError('--shard needs --out FILE.npy (each shard writes its own rows)');
  if (outputFormat(o) === 'json') checkGramJson(x.length, (y ?? x).length, o.allLayers ? spec.depth + 1 : 1);
  const bar = progressBar('rows', o.quiet || outputFormat(o) !== 'text');
  let g: GramResult;
  try {
    g = await gramMatricesParallel(spec, x, y, {
      allLayers: o.allLayers,
      ...workersFromOptions(o),
      onProgress: bar.update,
    });
  } finally {
    bar.stop();
  }
  const note = zeroNote(spec, y ? [...x, ...y] : x);
  const json = () => {
    const perLayer = g.layers.map((layer, k) => ({
      layer,
      nngp: matrixJson(g.nngp[k], g.rows, g.cols),
      ntk: matrixJson(g.ntk[k], g.rows, g.cols),
    }));
    const last = perLayer.at(-1)!;
    return {
      version: VERSION,
      spec: specJson(spec),
      ...PROVENANCE,
      rows: g.rows,
      cols: g.cols,
      layer: last.layer,
      nngp: last.nngp,
      ntk: last.ntk,
      ...(o.allLayers ? { layers: perLayer } : {}),
      ...(note ? { note } : {}),
    };
  };
  const head = `${networkLine(spec)}; ${g.rows} x ${g.cols} Gram matrices`;
  const tables = () =>
    g.layers.flatMap((layer, k) =>
      (
        [
          ['NNGP Sigma', 'nngp', '\\Sigma', g.nngp[k]],
          ['NTK Theta', 'ntk', '\\Theta', g.ntk[k]],
        ] as const
      ).map(
        ([name, key, symbol, m]): Table => ({
          name: `${key}-${layer}`,
          title: `${name}^(${layer})`,
          latexTitle: `${name.split(' ')[0]} $${symbol}^{(${layer})}$ of ${head}`,
          columns: [
            { key: 'row', name: '' },
            ...Array.from({ length: g.cols }, (_, j) => ({ key: `c${j + 1}`, name: String(j + 1), digits: 10 })),
          ],
          rows: matrixJson(m, g.rows, g.cols).map((r, i) => ({ cells: [String(i + 1), ...r] })),
          provenance: PROVENANCE,
          notes: note ? [note] : undefined,
        }),
      ),
    );
  emit(o, {
    json,
    tables,
    text: (view) =>
      `${head}\n` +
      (g.cols > 12
        ? `(${g.cols} columns are too many to print; use --json for the matrices)\n`
        : tables()
            .map((t) => `\n${t.title}:\n${view.bare(t)}\n`)
            .join('')) +
      (note ? `\n${note}\n` : ''),
  });
}

export function register(program: Command): void {
  const cmd = program
    .command('kernel')
    .description(
      'infinite-width NNGP and NTK, per layer for a pair of inputs (--x, --y) or as Gram matrices (--inputs FILE)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc kernel --activation relu --depth 3 --x 1,0 --y 0.5,0.8660254037844386\n  ntkcalc ' +
        'kernel --activation abs --depth 100 --x 1,0 --y 0,1 --asymptotics\n  ntkcalc kernel --activation relu ' +
        '--depth 5 --sw2 2 --sb2 0.1 --inputs examples/inputs.json --json',
    );
  addNetworkOptions(cmd);
  addInputOptions(cmd, {
    x: 'first input, e.g. 1,0',
    y: 'second input, e.g. 0,1 (omit for the diagonal of --x only)',
    inputs: 'input vectors for Gram matrices: JSON array of vectors, .npy (N x dim) or .csv (a vector per line)',
  })
    .option('--inputs2 <file>', 'second dataset (rows of the Gram matrix come from --inputs, columns from here)')
    .option('--all-layers', 'Gram matrices of every layer, not only the last')
    .option('--asymptotics', 'also print the EOC depth asymptotics and the inverse-cosine-distance approximation');
  addWorkerOptions(cmd, 'for large Gram matrices; default: all cores when it pays');
  addOutputOptions(cmd, { quiet: true })
    .optionsGroup('Output:')
    .option('--out <file.npy>', 'write the Gram matrices to a NumPy .npy file in row blocks (large datasets)')
    .option('--shard <i/k>', 'with --out: only the i-th of k contiguous blocks of rows (cluster job arrays)')
    .optionsGroup('Options:')
    .action(async (o: KernelOptions) => {
      const spec = networkFromOptions(o);
      if (spec.parameterization === 'ntk' && (o.width !== undefined || o.widths !== undefined))
        warn('--width/--widths are ignored under --param ntk: the infinite-width NTK does not depend on the widths');
      if (o.inputs !== undefined) {
        if (o.asymptotics)
          throw new InputError('--asymptotics applies to a pair of inputs (--x, --y), not to --inputs');
        await gramCommand(spec, o);
      } else {
        if (o.inputs2 !== undefined) throw new InputError('--inputs2 needs --inputs');
        if (o.allLayers) warn('--all-layers is ignored without --inputs: the table of --x/--y shows every layer');
        pairCommand(spec, o);
      }
    });
}
