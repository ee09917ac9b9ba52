import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { npyRows, parseNpy } from '../util/npy.js';
import { readInputsFile } from './options.js';

function bytesOf(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(
      `cannot read inputs file "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** A CSV file of numbers, one input vector per line, no header. */
function readCsv(path: string): number[][] {
  let rows: string[][];
  try {
    rows = parse(bytesOf(path), { skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new InputError(`inputs file "${path}" is not valid CSV: ${(e as Error).message}`);
  }
  if (rows.length === 0)
    throw new InputError(`inputs file "${path}" is empty (expected one vector per line, e.g. 1,0)`);
  return rows.map((r, i) =>
    r.map((cell, j) => {
      const v = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(v))
        throw new InputError(
          `inputs file "${path}", line ${i + 1}, column ${j + 1}: "${cell}" is not a finite number (CSV inputs: ` +
            `numbers only, one vector per line, no header)`,
        );
      return v;
    }),
  );
}

/** Input vectors from a .npy (2-D, N x dim), .csv (one vector per line) or JSON file (an array of vectors). */
export function readDataset(path: string): number[][] {
  const lower = path.toLowerCase();
  if (lower.endsWith('.npy')) return npyRows(parseNpy(bytesOf(path), `inputs file "${path}"`), `inputs file "${path}"`);
  if (lower.endsWith('.csv')) return readCsv(path);
  return readInputsFile(path);
}
