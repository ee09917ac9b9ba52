import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { PLOTS, type Plot, renderSvg, svgToPng, toVega } from '../report/plot/index.js';
import { type ActivationOptions, activationFromOptions, addActivationOptions, csv } from './options.js';
import { writeOut } from './writeOut.js';

const PLOT_FORMATS = ['svg', 'png', 'vega-lite', 'vega'] as const;
type PlotFormat = (typeof PLOT_FORMATS)[number];

interface Options extends ActivationOptions {
  list?: boolean;
  out?: string;
  format?: PlotFormat;
  data?: string;
}

/** --format, else the --out file's extension, else SVG. */
function formatOf(o: Options): PlotFormat {
  const ext = o.out === undefined ? undefined : extname(o.out).slice(1).toLowerCase();
  const implied = ext === 'svg' || ext === 'png' ? ext : undefined;
  if (o.format !== undefined) {
    if (implied !== undefined && implied !== o.format)
      throw new InputError(`--out ${o.out} is a .${implied} file but --format is ${o.format}; give one that agrees`);
    return o.format;
  }
  if (o.out !== undefined && implied === undefined)
    throw new InputError(
      `--out ${o.out}: name a .svg or .png file, or give --format ${PLOT_FORMATS.join('|')} (e.g. --out ` +
        `dispersion.svg)`,
    );
  return implied ?? 'svg';
}

async function output(plot: Plot, format: PlotFormat): Promise<string | Uint8Array> {
  if (format === 'vega-lite') return `${JSON.stringify(plot.spec, null, 2)}\n`;
  if (format === 'vega') return `${JSON.stringify(await toVega(plot.spec), null, 2)}\n`;
  const svg = await renderSvg(plot.spec);
  return format === 'svg' ? `${svg}\n` : svgToPng(svg);
}

export function register(program: Command): void {
  const cmd = program
    .command('plot')
    .description('publication plots (one column wide): SVG, PNG, or the Vega-Lite/Vega spec for restyling')
    .argument('[name]', 'the plot (see --list)')
    .option('--list', 'list the plots, one a line, name first')
    .option('--out <file>', 'write to FILE.svg or FILE.png (the extension picks the format) instead of stdout')
    .addOption(new Option('--format <f>', 'output format (default: from --out, else svg)').choices([...PLOT_FORMATS]))
    .option('--data <file>', 'also write the plotted numbers as CSV to this file');
  addActivationOptions(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc plot --list\n  ntkcalc plot dispersion --out dispersion.svg --data dispersion.csv\n  ' +
        'ntkcalc plot phase --activation leaky:0.1 --out phase.png\n  ntkcalc plot correlation --format vega-lite ' +
        '> correlation.vl.json',
    )
    .action(async (name: string | undefined, o: Options) => {
      if (o.list) {
        if (name !== undefined) throw new InputError('--list takes no plot name');
        const width = Math.max(...PLOTS.map((p) => p.name.length));
        writeOut(`${PLOTS.map((p) => `${p.name.padEnd(width)}  ${p.description}`).join('\n')}\n`, o.out);
        return;
      }
      if (name === undefined)
        throw new InputError('name a plot (e.g. ntkcalc plot dispersion --out d.svg; --list shows the plots)');
      const entry = PLOTS.find((p) => p.name === name);
      if (!entry)
        throw new InputError(
          `unknown plot "${name}"; the plots are ${PLOTS.map((p) => p.name).join(', ')} (ntkcalc plot --list)`,
        );
      const givesActivation = o.activation !== undefined || o.a !== undefined || o.b !== undefined;
      if (givesActivation && !entry.perActivation)
        throw new InputError(
          `--activation/--a/--b apply only to ${PLOTS.filter((p) => p.perActivation)
            .map((p) => p.name)
            .join(', ')}`,
        );
      const format = formatOf(o);
      if (format === 'png' && o.out === undefined && process.stdout.isTTY)
        throw new InputError('PNG is binary: give --out FILE.png (or pipe the output)');
      const plot = await entry.build({ activation: givesActivation ? activationFromOptions(o) : undefined });
      const result = await output(plot, format);
      if (o.data !== undefined) writeOut(csv(plot.data), o.data);
      writeOut(result, o.out);
    });
}
