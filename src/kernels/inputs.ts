import { InputError } from '../errors.js';

/** Checks a dataset: non-empty, every vector finite and of one common, non-zero length. */
export function checkDataset(rows: readonly (readonly number[])[], what: string, dim?: number): number {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError(`${what}: no input vectors (expected a non-empty JSON array of equal-length number arrays, e.g. [[1,0],[0,1]])`);
  const n0 = dim ?? rows[0]?.length;
  rows.forEach((r, i) => {
    if (!Array.isArray(r)) throw new InputError(`${what}: entry ${i} is not an array of numbers`);
    if (r.length === 0) throw new InputError(`${what}: vector ${i} is empty`);
    if (r.length !== n0) throw new InputError(`${what}: vector ${i} has length ${r.length} but the inputs have dimension ${n0}; all inputs must have the same length`);
    r.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${what}: vector ${i}, coordinate ${j} is ${JSON.stringify(v)}, not a finite number`);
    });
  });
  return n0;
}
