import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

/**
 * Reproducible random streams for the Monte Carlo verifier (docs/theory.md M3).
 *
 * Network i of a run with seed s draws only from stream(s, i), so a run's numbers do not depend on
 * how networks are shared out across threads, processes or machines.
 *
 * Two generators give N(0,1) variates:
 * - 'stdlib': @stdlib/random-base-improved-ziggurat over MT19937 seeded with [s, i_lo, i_hi]. The
 *   reference implementation; about 10 M draws/s here.
 * - 'fast' (default): the same improved ziggurat (Doornik 2005, 128 blocks, R = 3.442619855899)
 *   written over xoshiro128** with a bulk fill into Float64Array. Why it exists: with the library
 *   generator the reduced sampler spends about 70% of its time drawing (262,144 to 321,537 draws
 *   per network at width 1024, depth 64, N = 2) and runs at half the speed, because the library's
 *   per-call closure over MT19937 draws 2.4-3.3x slower than this fill (bench/montecarlo.ts
 *   measures both; docs/performance.md has the numbers). Its law is checked against the library's
 *   by two-sample tests in test/montecarlo/random.test.ts.
 *
 * Weights may instead be uniform on [-sqrt 3, sqrt 3] (variance 1, mu_4 = 9/5), the non-Gaussian
 * law docs/theory.md H1 uses to expose mu_4.
 */
export type Generator = 'fast' | 'stdlib';
export type WeightLaw = 'gaussian' | 'uniform';

export interface RandomStream {
  /** Fills out[from, to) with iid N(0,1) variates. */
  fillNormal(out: Float64Array, from?: number, to?: number): void;
  /** Fills out[from, to) with iid unit-variance weights of the given law. */
  fillWeights(law: WeightLaw, out: Float64Array, from?: number, to?: number): void;
}

const MAX_INDEX = 2 ** 53;

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new InputError(`seed must be an integer in [0, 2^32 - 1], got ${seed}`);
  return seed;
}

// ---- ziggurat tables (Marsaglia-Tsang 2000 with Doornik's 2005 improvement; same constants as stdlib)

const BLOCKS = 128;
const R_TAIL = 3.442619855899;
/** Area of each block: R f(R) + P(X >= R) times sqrt(2 pi), for f(x) = exp(-x^2/2). */
const V = 9.91256303526217e-3;
/** The ziggurat's block edges x_0 .. x_128 and ratios x_{i+1} / x_i (also used by normalsSimd.wat). */
export const ZX = new Float64Array(BLOCKS + 1);
export const ZR = new Float64Array(BLOCKS);
{
  let f = Math.exp(-0.5 * R_TAIL * R_TAIL);
  ZX[0] = V / f;
  ZX[1] = R_TAIL;
  for (let i = 2; i < BLOCKS; i++) {
    ZX[i] = Math.sqrt(-2 * Math.log(V / ZX[i - 1] + f));
    f = Math.exp(-0.5 * ZX[i] * ZX[i]);
  }
  ZX[BLOCKS] = 0;
  for (let i = 0; i < BLOCKS; i++) ZR[i] = ZX[i + 1] / ZX[i];
}

const TWO_M31 = 2 ** -31;
const TWO_M32 = 2 ** -32;
const TWO_M25 = 2 ** -25;
const SQRT3 = Math.sqrt(3);

/** SplitMix64 step (Steele, Lea, Flood 2014): turns (seed, index) into well-mixed state words. */
function splitmix64(state: bigint): [bigint, bigint] {
  const next = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return [next, z ^ (z >> 31n)];
}

/**
 * The four xoshiro128** state words of stream (seed, index), as signed int32. Seed and index pass
 * through SplitMix64 one after the other, so nearby (seed, i) pairs get unrelated states.
 */
export function streamWords(seed: number, index: number): [number, number, number, number] {
  const [, mixedSeed] = splitmix64(BigInt(seed));
  const [st, a] = splitmix64(mixedSeed ^ BigInt(index));
  const [, b] = splitmix64(st);
  const words: [number, number, number, number] = [
    Number(a & 0xffffffffn) | 0,
    Number(a >> 32n) | 0,
    Number(b & 0xffffffffn) | 0,
    Number(b >> 32n) | 0,
  ];
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

/**
 * xoshiro128** (Blackman and Vigna 2018), period 2^128 - 1, with the improved ziggurat on top.
 * The main path uses two 32-bit words per variate: one gives the signed uniform's top 32 bits,
 * the other its next 25 bits and (independently) the block index, which avoids the correlation
 * between index and value of Marsaglia and Tsang's single-word version (Doornik 2005).
 */
class FastStream implements RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, index: number) {
    [this.s0, this.s1, this.s2, this.s3] = streamWords(seed, index);
  }

  /** One 32-bit output as a signed int32. */
  private next(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform on the open interval (0, 1), for the tail and wedge tests. */
  private uniformOpen(): number {
    return ((this.next() >>> 0) + 0.5) * TWO_M32;
  }

  /** The rare ziggurat paths (about 1.2% of draws): base strip tail and wedges. */
  private slow(i: number, u: number): number {
    for (;;) {
      if (i === 0) {
        let x: number;
        let y: number;
        do {
          x = Math.log(this.uniformOpen()) / R_TAIL;
          y = Math.log(this.uniformOpen());
        } while (-2 * y < x * x);
        return u < 0 ? x - R_TAIL : R_TAIL - x;
      }
      const x = u * ZX[i];
      const x2 = x * x;
      const f0 = Math.exp(-0.5 * (ZX[i] * ZX[i] - x2));
      const f1 = Math.exp(-0.5 * (ZX[i + 1] * ZX[i + 1] - x2));
      if (f1 + this.uniformOpen() * (f0 - f1) < 1) return x;
      const a = this.next();
      const b = this.next();
      i = b & 127;
      u = (a + ((b >>> 7) + 0.5) * TWO_M25) * TWO_M31;
      if (Math.abs(u) < ZR[i]) return u * ZX[i];
    }
  }

  fillNormal(out: Float64Array, from = 0, to = out.length): void {
    // The state lives in locals in the hot loop; V8 keeps them in registers.
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let k = from; k < to; k++) {
      let t = s1 << 9;
      const a = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      t = s1 << 9;
      const b = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const i = b & 127;
      const u = (a + ((b >>> 7) + 0.5) * TWO_M25) * TWO_M31;
      if (Math.abs(u) < ZR[i]) {
        out[k] = u * ZX[i];
      } else {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[k] = this.slow(i, u);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  fillWeights(law: WeightLaw, out: Float64Array, from = 0, to = out.length): void {
    if (law === 'gaussian') {
      this.fillNormal(out, from, to);
      return;
    }
    for (let k = from; k < to; k++) out[k] = (this.next() + 0.5) * TWO_M31 * SQRT3;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let ziggurat: typeof import('@stdlib/random-base-improved-ziggurat') | undefined;

/** Loaded on first use: its ~200 modules add 0.2 s to every start of the CLI and of each worker. */
function stdlibZiggurat(): typeof import('@stdlib/random-base-improved-ziggurat') {
  ziggurat ??= createRequire(import.meta.url)(
    '@stdlib/random-base-improved-ziggurat',
  ) as typeof import('@stdlib/random-base-improved-ziggurat');
  return ziggurat;
}

/** The library generator: stdlib's improved ziggurat over MT19937 seeded with (seed, index). */
class StdlibStream implements RandomStream {
  private readonly randn: () => number;

  constructor(seed: number, index: number) {
    const seedWords = new Uint32Array([seed >>> 0, index % 2 ** 32, Math.floor(index / 2 ** 32)]);
    this.randn = stdlibZiggurat().factory({ seed: seedWords });
  }

  fillNormal(out: Float64Array, from = 0, to = out.length): void {
    for (let k = from; k < to; k++) out[k] = this.randn();
  }

  fillWeights(law: WeightLaw, out: Float64Array, from = 0, to = out.length): void {
    if (law === 'uniform') throw new InputError("uniform weights need the 'fast' generator");
    this.fillNormal(out, from, to);
  }
}

export function checkIndex(index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_INDEX)
    throw new InputError(`network index must be an integer in [0, 2^53), got ${index}`);
  return index;
}

/** The stream of network `index` in a run with `seed` (docs/theory.md M3). */
export function networkStream(seed: number, index: number, generator: Generator = 'fast'): RandomStream {
  checkSeed(seed);
  checkIndex(index);
  return generator === 'fast' ? new FastStream(seed, index) : new StdlibStream(seed, index);
}
