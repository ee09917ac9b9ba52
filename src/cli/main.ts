#!/usr/bin/env node
import { type Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import * as bib from './bib.js';
import { NtkCommand } from './command.js';
import * as concentration from './concentration.js';
import * as constants from './constants.js';
import * as dispersion from './dispersion.js';
import * as finiteWidth from './finiteWidth.js';
import * as formulas from './formulas.js';
import * as haninNica from './haninNica.js';
import * as kernel from './kernel.js';
import * as merge from './merge.js';
import * as phase from './phase.js';
import * as plot from './plot.js';
import * as report from './report.js';
import * as simulate from './simulate.js';
import * as spectrum from './spectrum.js';
import * as table from './table.js';
import * as validate from './validate.js';
import * as verify from './verify.js';

/**
 * ntkcalc command line. Exit codes (README.md): 0 success, 1 a verification failed, 2 bad input
 * (one line on stderr, no stack unless --debug), 3 an internal error.
 */
export function buildProgram(): Command {
  const program = new NtkCommand('ntkcalc')
    .description('Exact constants, infinite-width NNGP/NTK and finite-width theory of MLPs with phi(s) = a s + b|s|')
    .version(VERSION)
    .option('--debug', 'show stack traces of errors')
    .exitOverride();
  for (const command of [
    report,
    constants,
    phase,
    kernel,
    formulas,
    haninNica,
    dispersion,
    finiteWidth,
    concentration,
    spectrum,
    simulate,
    merge,
    validate,
    verify,
    table,
    plot,
    bib,
  ])
    command.register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; help shown for a missing command is bad input.
      // commander's own errors (unknown option, ...) are InputErrors (NtkCommand).
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`ntkcalc: error: ${e.message}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    process.stderr.write(
      `ntkcalc: internal error: ` +
        `${(e as Error).message ?? String(e)}${
          debug ? `\n${(e as Error).stack}` : ' (run with --debug for the stack; please report it)'
        }\n`,
    );
    return 3;
  }
}

// A reader that stops early (ntkcalc ... | head) closes the pipe; that is not an error. Any other
// failure to write the output (ENOSPC: a full disk) ends with one line and exit code 2.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(
    `ntkcalc: error: cannot write the output: ` +
      `${e.code ?? e.message}${e.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`,
  );
  process.exit(2);
});
process.exitCode = await main(process.argv);
