import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { render } from '../report/format/index.js';
import type { Format, Table } from '../report/model.js';
import { VERSION } from '../version.js';
import { digitsOption, formatOption, parseDigits } from './formatOption.js';
import { PRESETS } from './presets.js';
import { withSources } from './provenance.js';
import { readTableSpec, tableFromSpec } from './tableSpec.js';
import { writeOut } from './writeOut.js';

interface Options {
  list?: boolean;
  preset?: string;
  file?: string;
  format: Format;
  digits?: string;
  standalone?: boolean;
  out?: string;
}

async function buildTable(o: Options): Promise<Table> {
  if (o.preset !== undefined) {
    const p = PRESETS.find((q) => q.name === o.preset);
    if (!p)
      throw new InputError(
        `unknown preset "${o.preset}"; the presets are ${PRESETS.map((q) => q.name).join(', ')} (ntkcalc table --list)`,
      );
    return p.build();
  }
  return tableFromSpec(readTableSpec(o.file!));
}

export function register(program: Command): void {
  program
    .command('table')
    .description(
      'publication tables: a preset (--preset NAME, --list) or your own (--file SPEC.yaml|json) in any format',
    )
    .option('--list', 'list the presets, one a line, name first')
    .option('--preset <name>', 'a preset table (see --list)')
    .option('--file <spec>', 'a table spec file (YAML or JSON): rows are parameter settings, columns formulas')
    .addOption(formatOption())
    .addOption(digitsOption())
    .option('--standalone', 'with --format latex: a complete document (article, booktabs, amsmath)')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc table --list\n  ntkcalc table --preset constants --format latex\n  ntkcalc table ' +
        '--preset hanin-nica --format latex --digits 4 --standalone --out hn.tex\n  ntkcalc table --file ' +
        'examples/table.yaml --format markdown\n\nCite keys are those of `ntkcalc bib`. Spec file format: ' +
        'docs/publication.md.',
    )
    .action(async (o: Options) => {
      if (o.list) {
        if (o.preset !== undefined || o.file !== undefined) throw new InputError('--list takes no --preset or --file');
        const width = Math.max(...PRESETS.map((p) => p.name.length));
        writeOut(`${PRESETS.map((p) => `${p.name.padEnd(width)}  ${p.description}`).join('\n')}\n`, o.out);
        return;
      }
      if ((o.preset === undefined) === (o.file === undefined))
        throw new InputError(
          'give one of --preset NAME or --file SPEC (e.g. ntkcalc table --preset constants; --list shows the presets)',
        );
      if (o.standalone && o.format !== 'latex') throw new InputError('--standalone goes with --format latex');
      const digits = parseDigits(o.digits);
      const table = withSources(await buildTable(o));
      writeOut(render(table, o.format, { digits, standalone: o.standalone, jsonExtra: { version: VERSION } }), o.out);
    });
}
