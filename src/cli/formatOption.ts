import { Option } from 'commander';
import { InputError } from '../errors.js';
import { FORMATS, type Format } from '../report/model.js';
import { parsePositiveInt } from '../spec/numbers.js';

/** --format text|markdown|csv|json|latex, one formatter per format (src/report/format). */
export function formatOption(defaultFormat: Format = 'text'): Option {
  return new Option('--format <f>', 'output format').choices([...FORMATS]).default(defaultFormat);
}

export function digitsOption(): Option {
  return new Option('--digits <d>', 'significant digits of numbers (default: 6 in LaTeX, each column its own in text)');
}

/** --digits as a number of significant digits, 1 to 17. */
export function parseDigits(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const d = parsePositiveInt(text, '--digits');
  if (d > 17) throw new InputError(`--digits must be from 1 to 17 (Float64 has 17 significant digits), got ${d}`);
  return d;
}
