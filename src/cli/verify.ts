import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { formula } from '../../formulas/index.js';
import { InputError } from '../errors.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../verify/report.js';
import { checksOf, DEFAULT_VERIFY_SEED, judgeChecks, SUITES, type Suite, simulateChecks } from '../verify/verify.js';
import { parseSeed } from './options.js';
import { addWorkerOptions, type WorkerOptions, workersFromOptions } from './workers.js';

interface VerifyCliOptions extends WorkerOptions {
  suite: Suite;
  format: ReportFormat;
  out?: string;
  alpha: string;
  seed: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('verify')
    .description(
      "Check the registry's exact and derived formulas against ntkcalc's own sampler (up-to-constants ones as " +
        'reported ratios); exit 1 when one disagrees',
    )
    .addOption(
      new Option('--suite <s>', 'quick (a few formulas, under a minute) or full').choices([...SUITES]).default('quick'),
    )
    .addOption(new Option('--format <f>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option('--alpha <a>', 'family-wise significance level (Holm over the tested formulas)', '0.01')
    .option('--seed <s>', 'seed of the simulations (check k uses seed + k)', String(DEFAULT_VERIFY_SEED));
  addWorkerOptions(cmd, 'default: all cores')
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc verify\n  ntkcalc verify --suite full --format junit --out verify.xml\n\nExit codes: ' +
        '0 every tested formula agrees, 1 some formula disagrees, 2 bad input.',
    )
    .action(async (o: VerifyCliOptions) => {
      const alpha = Number(o.alpha);
      if (!(alpha > 0 && alpha < 1))
        throw new InputError(`--alpha must be a number in (0, 1), e.g. --alpha 0.01; got "${o.alpha}"`);
      const { workers } = workersFromOptions(o);
      const simulated = await simulateChecks(checksOf(o.suite), { suite: o.suite, seed: parseSeed(o.seed), workers });
      const report = judgeChecks(simulated, (id, values) => formula(id).evaluate(values), { suite: o.suite, alpha });
      const text = formatReport(report, o.format);
      if (o.out === undefined) process.stdout.write(text);
      else
        try {
          writeFileSync(o.out, text);
        } catch (e) {
          throw new InputError(`cannot write "${o.out}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
      process.exitCode = report.exitCode;
    });
}
