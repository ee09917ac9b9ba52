import { InputError } from '../errors.js';

/**
 * Size limits checked before any work starts (docs/reliability.md). Each refusal names the limit,
 * the estimate for the input at hand and what to do instead, so that no input ends in an
 * out-of-memory abort, an "Invalid array length" or a run that cannot finish.
 */

/**
 * Memory a command may plan for: 2 GiB. Node's default heap on a 24 GiB machine is about 4 GiB;
 * statistics and results live in it, and half is left for everything the estimates leave out.
 */
export const MEMORY_LIMIT = 2 * 2 ** 30;

/**
 * Characters of one JSON output: V8 strings hold at most 2^29 - 24 characters, and the whole
 * document is built as one string.
 */
export const JSON_TEXT_LIMIT = 2 ** 29 - 24;

/**
 * Points of a dense symmetric eigenvalue problem (ml-matrix, O(n^3)): 4096 points take about
 * 1.2e-8 n^3 s = 14 minutes (n = 1000 took 12 s on a shared core, measured 2026-12-01).
 */
export const MAX_EIGEN_POINTS = 4096;
const EIGEN_SECONDS_PER_CUBE = 1.2e-8;

export function bytesText(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === units.length - 1 && v >= 1024 ? `${bytes.toExponential(1)} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

export function durationText(seconds: number): string {
  const steps: [number, string][] = [
    [365.25 * 86400, 'years'],
    [86400, 'days'],
    [3600, 'hours'],
    [60, 'minutes'],
  ];
  for (const [s, name] of steps) if (seconds >= s) return `${(seconds / s).toPrecision(2)} ${name}`;
  return `${seconds.toPrecision(2)} seconds`;
}

/** Refuses `what` when its estimated memory is beyond MEMORY_LIMIT (NaN and Infinity too). */
export function checkMemory(what: string, bytes: number, instead: string): void {
  if (!(bytes <= MEMORY_LIMIT))
    throw new InputError(
      `${what} would need about ${bytesText(bytes)} of memory, beyond the limit of ${bytesText(MEMORY_LIMIT)}; ` +
        `${instead}`,
    );
}

/** Refuses a JSON output estimated at more characters than one string can hold. */
export function checkJsonSize(what: string, characters: number, instead: string): void {
  if (!(characters <= JSON_TEXT_LIMIT))
    throw new InputError(
      `${what} would be about ${bytesText(characters)} of JSON, beyond the ${bytesText(JSON_TEXT_LIMIT + 24)} ` +
        `one output can hold; ${instead}`,
    );
}

/** Refuses a dense eigenvalue problem of more than MAX_EIGEN_POINTS points. */
export function checkEigenSize(what: string, n: number, instead: string): void {
  if (!(n <= MAX_EIGEN_POINTS))
    throw new InputError(
      `${what} has ${n} points: its eigenvalues take O(n^3) work, about ` +
        `${durationText(EIGEN_SECONDS_PER_CUBE * n ** 3)} ` +
        `and ${bytesText(24 * n * n)}; the limit is ${MAX_EIGEN_POINTS} points (about ` +
        `${durationText(EIGEN_SECONDS_PER_CUBE * MAX_EIGEN_POINTS ** 3)}); ${instead}`,
    );
}

/** The largest entry of a list, without spreading it into arguments (which overflows the call stack). */
export function maxOf(values: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

/** The smallest entry of a list (see maxOf). */
export function minOf(values: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i] < m) m = values[i];
  return m;
}
