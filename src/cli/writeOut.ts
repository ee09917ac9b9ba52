import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Text to a file, or to stdout when no file is named; an unwritable path is bad input. */
export function writeOut(text: string | Uint8Array, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new InputError(`cannot write "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
