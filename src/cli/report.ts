import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { render } from '../report/format/index.js';
import { renderText } from '../report/format/text.js';
import type { Table } from '../report/model.js';
import { PLOTS, renderSvg } from '../report/plot/index.js';
import { constantsTable } from '../report/presets/constants.js';
import { haninNicaTable } from '../report/presets/haninNica.js';
import { ntkDepthTable } from '../report/presets/ntkDepth.js';
import { simulatedTable, simulateNtkMoments } from '../report/presets/simulated.js';
import { TERJEK_WIDTHS, terjekTable } from '../report/presets/terjek.js';
import { VERSION } from '../version.js';
import { registryBibtex } from './bib.js';
import { activationRows } from './presets.js';
import { withSources } from './provenance.js';

/**
 * The default report (`npm start`): what ntkcalc computes before the user gives it anything, as a folder a
 * paper can draw on (LaTeX tables, BibTeX, JSON, a Markdown index) and a summary on the terminal.
 */
export const DEFAULT_REPORT_DIR = 'report';

/** One part of the report: a heading, its table, its plot (an `ntkcalc plot` name), and lines under the table. */
export interface Section {
  readonly heading: string;
  readonly table: Table;
  readonly plot: string;
  readonly remarks: readonly string[];
}

/** The report's sections; the tables are the `ntkcalc table` presets (the Terjek one at two depths, to stay short). */
export async function reportSections(): Promise<Section[]> {
  const sections: Section[] = [
    {
      heading: 'Activation constants and edge-of-chaos points',
      table: constantsTable(activationRows()),
      plot: 'phase',
      remarks: [],
    },
    {
      heading: 'Infinite-width NTK across depth (canonical convention)',
      table: ntkDepthTable(),
      plot: 'correlation',
      remarks: [
        'Canonical NTK Theta^(L) as `ntkcalc kernel` prints it (e.g. ntkcalc kernel --activation relu --depth 10 ' +
          '--x 1,0 --y 0,1).',
      ],
    },
    {
      heading: "Hanin-Nica exact moments against the paper's scaling",
      table: haninNicaTable(),
      plot: 'hanin-nica',
      remarks: [],
    },
    {
      heading: 'The 1/n NTK variance against simulation',
      table: simulatedTable(await simulateNtkMoments()),
      plot: 'dispersion',
      remarks: [],
    },
    {
      heading: 'The Terjek-Gonzalez-Sanchez concentration bound',
      table: terjekTable(TERJEK_WIDTHS, [2, 10]),
      plot: 'spectrum-figure1',
      remarks: [
        "The plot is the same paper's Fig. 1 (the EOC NTK's condition number against depth); the bound has none.",
      ],
    },
  ];
  return sections.map((s) => ({ ...s, table: withSources(s.table) }));
}

/** What the report wrote, relative to its folder. */
export interface ReportFiles {
  readonly dir: string;
  readonly tables: string[];
  readonly plots: string[];
  readonly files: string[];
}

function write(dir: string, file: string, text: string): void {
  try {
    writeFileSync(join(dir, file), text);
  } catch (e) {
    throw new InputError(
      `cannot write the report file "${join(dir, file)}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

function markdownIndex(sections: readonly Section[]): string {
  const out = [
    `# ntkcalc ${VERSION}: default report`,
    '',
    'Every table is also in `tables/` as LaTeX (booktabs; cite keys from `references.bib`) and in `results.json`;',
    'the plots are in `plots/` (`ntkcalc plot NAME` draws them as PNG or a Vega-Lite spec too).',
    '',
  ];
  sections.forEach((s, i) => {
    out.push(`## ${i + 1}. ${s.heading}`, '', render(s.table, 'markdown'), ...s.remarks, '');
    out.push(`![${s.plot}](plots/${s.plot}.svg)`, '');
    out.push(`LaTeX: [tables/${s.table.name}.tex](tables/${s.table.name}.tex)`, '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}

/** Creates the report folder, its tables/ and plots/ (before the work, so a bad --out fails at once). */
export function makeReportFolder(dir: string): void {
  try {
    for (const sub of ['tables', 'plots']) mkdirSync(join(dir, sub), { recursive: true });
  } catch (e) {
    throw new InputError(
      `cannot create the report folder "${dir}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/**
 * Writes the report folder (made by makeReportFolder): index.md, tables/NAME.tex, plots/NAME.svg,
 * references.bib, results.json.
 */
export async function writeReport(dir: string, sections: readonly Section[]): Promise<ReportFiles> {
  const tables = sections.map((s) => {
    const file = `tables/${s.table.name}.tex`;
    write(dir, file, render(s.table, 'latex'));
    return file;
  });
  const plots: string[] = [];
  for (const s of sections) {
    const entry = PLOTS.find((p) => p.name === s.plot)!;
    const file = `plots/${s.plot}.svg`;
    write(dir, file, `${await renderSvg((await entry.build({})).spec)}\n`);
    plots.push(file);
  }
  write(dir, 'references.bib', registryBibtex());
  const results = {
    version: VERSION,
    tables: sections.map((s) => JSON.parse(render(s.table, 'json'))),
  };
  write(dir, 'results.json', `${JSON.stringify(results, null, 2)}\n`);
  write(dir, 'index.md', markdownIndex(sections));
  return { dir, tables, plots, files: ['index.md', ...tables, ...plots, 'references.bib', 'results.json'] };
}

/** The terminal summary: each section's table and where the folder is. */
export function summary(sections: readonly Section[], files: ReportFiles): string {
  const out = [`ntkcalc ${VERSION}: default report`, ''];
  sections.forEach((s, i) => {
    out.push(`${i + 1}. ${s.heading}`, `   ${s.table.title}`, '');
    out.push(renderText(s.table, { bare: true }), ...s.remarks, `Plot: ${files.dir}/plots/${s.plot}.svg`, '');
  });
  out.push(
    `Written to ${files.dir}/: index.md (all of the above with sources and plots), ${files.tables.length} LaTeX ` +
      `tables in tables/, ${files.plots.length} SVG plots in plots/, references.bib, results.json.`,
    'More: ntkcalc --help, ntkcalc table --list, docs/.',
  );
  return `${out.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('report')
    .description(
      'the default report (npm start): constants, the NTK across depth, Hanin-Nica, 1/n against simulation, ' +
        'the concentration bound; written as a folder of LaTeX tables, SVG plots, BibTeX, JSON and Markdown',
    )
    .option('--out <dir>', 'the report folder', DEFAULT_REPORT_DIR)
    .addHelpText('after', '\nExamples:\n  ntkcalc report\n  ntkcalc report --out paper/ntk-report')
    .action(async (o: { out: string }) => {
      makeReportFolder(o.out);
      const sections = await reportSections();
      process.stdout.write(summary(sections, await writeReport(o.out, sections)));
    });
}
