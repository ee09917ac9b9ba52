import type { Command } from 'commander';
import { allFormulas } from '../../formulas/index.js';
import { bibtex, referencesOf } from '../report/bibliography.js';
import { writeOut } from './writeOut.js';

/** BibTeX of every source the registry cites; the keys are the \cite keys of LaTeX tables. */
export function registryBibtex(): string {
  return bibtex(referencesOf(allFormulas().map((f) => f.source)));
}

export function register(program: Command): void {
  program
    .command('bib')
    .description('BibTeX for every source the formula registry cites (keys = the \\cite keys of ntkcalc tables)')
    .option('--out <file>', 'write to this file instead of stdout (e.g. references.bib)')
    .addHelpText('after', '\nExamples:\n  ntkcalc bib --out references.bib')
    .action((o: { out?: string }) => writeOut(registryBibtex(), o.out));
}
