import { describe, expect, it } from 'vitest';
import { LANES, LaneGroup, laneBufferBytes, networkStreams, normalsModule } from '../../src/montecarlo/laneStreams.js';
import { networkStream, type RandomStream } from '../../src/montecarlo/random.js';

// Four streams drawn together in SIMD lanes (normalsSimd.wat): the numbers of networkStream, draw
// for draw, whatever the order in which the lanes are read.

const bits = (x: Float64Array) => Array.from(new BigUint64Array(Float64Array.from(x).buffer));

/** Reads `sizes` draws in turn from a stream, into one array. */
function read(stream: RandomStream, sizes: number[]): Float64Array {
  const out = new Float64Array(sizes.reduce((s, n) => s + n, 0) + 3);
  let at = 3;
  for (const n of sizes) {
    stream.fillNormal(out, at, at + n);
    at += n;
  }
  return out.subarray(3);
}

const reference = (seed: number, index: number, sizes: number[]) => read(networkStream(seed, index), sizes);

// Requests of the samplers' kind (a layer's G1, a bias, G2), crossing the lanes' 4096-draw chunks.
const SIZES = [2048, 5, 2048, 7000, 1, 0, 30000, 2048];

describe('networkStreams: the streams of networkStream, drawn four at a time', () => {
  it('lanes read one after another, as runBlock reads them (the lanes buffer and grow)', () => {
    const streams = networkStreams(11, 40, LANES, 'fast', 'gaussian');
    const got = streams.map((s) => bits(read(s, SIZES)));
    for (let j = 0; j < LANES; j++) expect(got[j]).toEqual(bits(reference(11, 40 + j, SIZES)));
    // About 1.2% of the draws take the ziggurat's slow paths, which run in each lane on its own state.
    expect(new Set(got.map((g) => g[0])).size).toBe(LANES);
  });

  it('lanes read in turns, and fewer networks than lanes', () => {
    const streams = networkStreams(12, 2 ** 40, 3, 'fast', 'gaussian');
    const out = streams.map(() => [] as bigint[]);
    for (const n of SIZES)
      for (const [j, s] of streams.entries()) {
        const x = new Float64Array(n);
        s.fillNormal(x);
        out[j].push(...bits(x));
      }
    for (let j = 0; j < 3; j++) expect(out[j]).toEqual(bits(reference(12, 2 ** 40 + j, SIZES)));
  });

  it('a lane whose buffer reached its limit draws alone, with the same numbers', () => {
    const module = normalsModule();
    if (!module) throw new Error('WebAssembly SIMD missing');
    const group = new LaneGroup(module, 3 * 4096);
    const sizes = [50000, 3, 20000];
    const streams = group.streams(13, [7, 8, 9, 10]);
    const got = streams.map((s) => bits(read(s, sizes)));
    for (let j = 0; j < LANES; j++) expect(got[j]).toEqual(bits(reference(13, 7 + j, sizes)));
  });

  it('the memory estimate of the lane buffers: the draws of one network and a chunk per lane, at most 128 MiB', () => {
    expect(laneBufferBytes(10)).toBe(2304 + LANES * 8 * (10 + 4096));
    expect(laneBufferBytes(1e12)).toBe(2304 + LANES * 8 * 2 ** 22);
    expect(laneBufferBytes(1e12)).toBeLessThan(129 * 2 ** 20);
  });

  it('streams of an earlier group refuse to draw', () => {
    const [old] = networkStreams(1, 0, 2, 'fast', 'gaussian');
    networkStreams(1, 2, 2, 'fast', 'gaussian');
    expect(() => old.fillNormal(new Float64Array(4))).toThrow(/moved on/);
  });

  it('one network, uniform weights or the stdlib generator: the plain streams', () => {
    for (const [count, generator, law] of [
      [1, 'fast', 'gaussian'],
      [2, 'fast', 'uniform'],
      [2, 'stdlib', 'gaussian'],
    ] as const) {
      const streams = networkStreams(4, 9, count, generator, law);
      streams.forEach((s, j) => {
        const x = new Float64Array(100);
        const y = new Float64Array(100);
        s.fillWeights(law, x);
        networkStream(4, 9 + j, generator).fillWeights(law, y);
        expect(bits(x)).toEqual(bits(y));
      });
    }
  });

  it('refuses indices past 2^53 and bad seeds', () => {
    expect(() => networkStreams(1, 2 ** 53 - 2, 4, 'fast', 'gaussian')).toThrow(/network index/);
    expect(() => networkStreams(-1, 0, 4, 'fast', 'gaussian')).toThrow(/seed/);
  });
});
