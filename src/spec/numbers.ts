import { InputError } from '../errors.js';
import { isNumberText, parseRational, toNumber } from '../util/exact.js';

/**
 * The integer parsers and the depth limit that the CLI, spec files and the library share
 * (decimals and ratios: parseRational/parseFinite in util/exact.ts). No zod here: the kernels
 * check their depth through this module and must stay light to load.
 */

/**
 * An integer from its text in the number grammar of util/exact.ts ("3", "1e3"; not "2.5", "0x10"
 * or ""), at least `min`; values beyond 2^53 come back rounded, for the caller's own size limit.
 */
function parseIntegerAtLeast(text: string, what: string, min: number, expected: string): number {
  const s = String(text).trim();
  const refuse = () => new InputError(`${what} must be ${expected}, got "${s}"`);
  if (!isNumberText(s)) throw refuse();
  const f = parseRational(s, what);
  if (f.d !== 1n || f.compare(min) < 0) throw refuse();
  return toNumber(f);
}

/** A positive integer from its text: "3", "1e3"; "2.5", "0", "-1", "0x10" and "" are refused. */
export function parsePositiveInt(text: string, what: string): number {
  return parseIntegerAtLeast(text, what, 1, 'a positive integer');
}

export const MAX_SEED = 2 ** 32 - 1;

/** A seed from its text: an integer from 0 to 2^32 - 1. */
export function parseSeed(text: string, what = '--seed'): number {
  const v = parseIntegerAtLeast(text, what, 0, `an integer from 0 to ${MAX_SEED}`);
  if (v > MAX_SEED)
    throw new InputError(`${what} must be an integer from 0 to ${MAX_SEED}, got "${String(text).trim()}"`);
  return v;
}

/**
 * The recursions keep every layer (about 64 bytes per layer across the coefficient and sequence
 * arrays), so a depth beyond this would exhaust memory instead of failing with a message (and the
 * exact finite-width engine would run for hours). 10^6 is ten times the depth whose accuracy is
 * tested (docs/numerics.md).
 */
export const MAX_DEPTH = 1_000_000;

export function checkDepth(depth: number, what = 'depth'): void {
  if (depth > MAX_DEPTH)
    throw new InputError(
      `${what} ${depth} is beyond the supported ${MAX_DEPTH.toLocaleString('en-US')} layers ` +
        '(counting weight layers; the recursions keep every layer in memory)',
    );
}
