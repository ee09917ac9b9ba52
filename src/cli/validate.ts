import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../verify/report.js';
import { MAX_ERRORS, MalformedFile, type Row, readResultsFile } from '../verify/resultsFile.js';
import { DEFAULT_REFERENCE_SEED, REFERENCE_MODES, type ReferenceMode, validateRows } from '../verify/validate.js';
import { parsePositiveInt, parseSeed } from './options.js';

interface ValidateCliOptions {
  alpha: string;
  format: ReportFormat;
  out?: string;
  reference: ReferenceMode;
  maxSeconds: string;
  strict?: boolean;
  referenceSeed: string;
  workers?: string;
}

function parseAlpha(text: string): number {
  const v = Number(text);
  if (!(v > 0 && v < 1)) throw new InputError(`--alpha must be a number in (0, 1), e.g. --alpha 0.01; got "${text}"`);
  return v;
}

function parseSeconds(text: string): number {
  const v = Number(text);
  if (!(v > 0 && Number.isFinite(v)))
    throw new InputError(`--max-seconds must be a positive number of seconds, e.g. --max-seconds 300; got "${text}"`);
  return v;
}

/** Every file's rows, or all their problems at once (up to MAX_ERRORS). */
function readAll(files: readonly string[]): Row[] {
  const rows: Row[] = [];
  const errors: string[] = [];
  for (const f of files) {
    try {
      rows.push(...readResultsFile(f));
    } catch (e) {
      if (e instanceof MalformedFile) errors.push(...e.errors);
      else throw e;
    }
  }
  if (errors.length > 0) throw new MalformedFile(errors.slice(0, MAX_ERRORS));
  return rows;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      "Check a simulation's results (NTK/NNGP means, second moments, variances, output moments, the SGD update) " +
        'against theory; exit 1 when a row disagrees',
    )
    .argument('<files...>', 'results files: JSON or YAML {"results": [...]}, CSV, or the JSON of ntkcalc simulate')
    .option('--alpha <a>', 'family-wise significance level (Holm over the rows)', '0.01')
    .addOption(new Option('--format <f>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option(
        '--reference <r>',
        'auto: exact finite-width values, else a reference simulation; or only exact, only simulation, or ' +
          'infinite-width (with the neglected O(depth/width) as tolerance)',
      )
        .choices([...REFERENCE_MODES])
        .default('auto'),
    )
    .option('--max-seconds <s>', 'time budget of all reference simulations; rows beyond it are not checkable', '600')
    .option('--strict', 'rows that are not checkable count as failures')
    .option('--reference-seed <s>', 'seed of the reference simulations', String(DEFAULT_REFERENCE_SEED))
    .option('--workers <n>', 'worker threads of the reference simulations (default: all cores)')
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc validate examples/validate/results.json\n  ntkcalc validate results.json --format ' +
        'junit --out report.xml\n  ntkcalc simulate --activation relu --sw2 2 --width 64 --depth 3 --x 1,0 --y 0,1 ' +
        '--samples 2000 --json --out r.json && ntkcalc validate r.json\n\nExit codes: 0 every tested row passes, 1 ' +
        'a row fails (or, with --strict, is not checkable), 2 a malformed file.',
    )
    .action(async (files: string[], o: ValidateCliOptions) => {
      const options = {
        alpha: parseAlpha(o.alpha),
        reference: o.reference,
        maxSeconds: parseSeconds(o.maxSeconds),
        strict: o.strict ?? false,
        referenceSeed: parseSeed(o.referenceSeed),
        workers: o.workers === undefined ? undefined : parsePositiveInt(o.workers, '--workers'),
      };
      const report = await validateRows(readAll(files), options);
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
