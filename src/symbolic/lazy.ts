import { createRequire } from 'node:module';

type MathJs = typeof import('mathjs');
type Nerdamer = typeof import('nerdamer');

const require = createRequire(import.meta.url);
let math: MathJs | undefined;
let nerd: Nerdamer | undefined;

/**
 * mathjs and nerdamer, loaded on first use (their CommonJS builds, which load synchronously).
 * Importing mathjs takes about 1 s and nerdamer 0.15 s; as static imports every command paid that
 * at start-up, also the many (kernel, simulate, hanin-nica, dispersion) that never use them.
 */
export function loadMathjs(): MathJs {
  math ??= require('mathjs') as MathJs;
  return math;
}

export function loadNerdamer(): Nerdamer {
  nerd ??= require('nerdamer') as Nerdamer;
  return nerd;
}
