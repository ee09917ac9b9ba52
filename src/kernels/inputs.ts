import { InputError } from '../errors.js';
import { networkStream } from '../montecarlo/random.js';

/** Checks a dataset: non-empty, every vector finite and of one common, non-zero length. */
export function checkDataset(rows: readonly (readonly number[])[], what: string, dim?: number): number {
  if (!Array.isArray(rows) || rows.length === 0)
    throw new InputError(
      `${what}: no input vectors (expected a non-empty JSON array of equal-length number arrays, e.g. [[1,0],[0,1]])`,
    );
  const n0 = dim ?? rows[0]?.length;
  rows.forEach((r, i) => {
    if (!Array.isArray(r)) throw new InputError(`${what}: entry ${i} is not an array of numbers`);
    if (r.length === 0) throw new InputError(`${what}: vector ${i} is empty`);
    if (r.length !== n0)
      throw new InputError(
        `${what}: vector ${i} has length ${r.length} but the inputs have dimension ${n0}; all inputs must have the ` +
          `same length`,
      );
    r.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(`${what}: vector ${i}, coordinate ${j} is ${JSON.stringify(v)}, not a finite number`);
    });
  });
  return n0;
}

export const MAX_SPHERE_DIM = 65536;

/**
 * n points uniform on the unit sphere of R^dim: normalised Gaussian vectors from the sampler's
 * stream (seed, 2^53 - 1), an index no network of a run uses.
 */
export function spherePoints(n: number, dim: number, seed: number): number[][] {
  // Math.hypot takes the coordinates as arguments, which overflow the call stack beyond about 10^5.
  if (dim > MAX_SPHERE_DIM)
    throw new InputError(
      `points on the sphere of R^${dim}: the dimension is limited to ${MAX_SPHERE_DIM}, e.g. --dim 16`,
    );
  const g = new Float64Array(n * dim);
  networkStream(seed, 2 ** 53 - 1).fillNormal(g);
  return Array.from({ length: n }, (_, i) => {
    const v = Array.from(g.subarray(i * dim, (i + 1) * dim));
    const r = Math.hypot(...v);
    return v.map((x) => x / r);
  });
}
