import { lazyWasmModule } from '../util/wasm.js';
import { NORMALS_SIMD_WASM } from './normalsSimdWasm.js';
import {
  checkIndex,
  checkSeed,
  type Generator,
  networkStream,
  type RandomStream,
  streamWords,
  type WeightLaw,
  ZR,
  ZX,
} from './random.js';

/**
 * The streams of several consecutive networks of a run at once (docs/theory.md M3), with the
 * numbers of networkStream: for the 'fast' generator and Gaussian weights, four streams are drawn
 * together in the i32x4 lanes of normalsSimd.wat, bit-identical to FastStream (the per-draw
 * integer work of xoshiro128** and the ziggurat's table lookups cost the JavaScript generator
 * about 11 ns per normal here; four lanes take about 5 ns: docs/performance.md).
 *
 * Networks run one after another, so each lane buffers the draws made for it while an earlier
 * lane's network consumes its own: up to one network's draws per lane. Past MAX_LANE_DRAWS a lane
 * that runs dry draws alone (fill1) from its own state, which gives the same numbers.
 */
export const LANES = 4;
/** Draws per lane per refill. */
const CHUNK = 4096;
/** Largest buffer of one lane, in draws (32 MiB). */
const MAX_LANE_DRAWS = 2 ** 22;
const PAGE = 65536;

// Memory layout (bytes; normalsSimd.wat's header): ZX, ZR, the lanes' state words and a scratch stream, then the
// lanes' buffers.
const AT_ZX = 0;
const AT_ZR = 1040;
const AT_STATE = 2064;
const AT_LANES = 2304;

interface NormalsExports {
  memory: WebAssembly.Memory;
  fill4(zx: number, zr: number, st: number, o0: number, o1: number, o2: number, o3: number, count: number): void;
  fill1(zx: number, zr: number, st: number, out: number, count: number): void;
}

/** The compiled module, or null where the engine lacks WebAssembly SIMD. */
export const normalsModule = lazyWasmModule(NORMALS_SIMD_WASM);

/**
 * Four lanes' buffers in one WebAssembly memory; each lane holds its unread draws in [head, tail).
 * Exported for tests, which give it a small maxLaneDraws to reach the lane-alone path.
 */
export class LaneGroup {
  private readonly e: NormalsExports;
  private f64: Float64Array;
  /** Draws each lane's buffer can hold. */
  private cap = 4 * CHUNK;
  private readonly head = new Int32Array(LANES);
  private readonly tail = new Int32Array(LANES);
  /** Bumped by every reset: streams of an earlier group of networks refuse to draw. */
  private generation = 0;

  constructor(
    module: WebAssembly.Module,
    private readonly maxLaneDraws = MAX_LANE_DRAWS,
  ) {
    const instance = new WebAssembly.Instance(module, { math: { log: Math.log, exp: Math.exp } });
    this.e = instance.exports as unknown as NormalsExports;
    this.f64 = this.resize(this.cap);
    this.f64.set(ZX, AT_ZX / 8);
    this.f64.set(ZR, AT_ZR / 8);
  }

  private base(lane: number): number {
    return AT_LANES / 8 + lane * this.cap;
  }

  private resize(cap: number): Float64Array {
    const memory = this.e.memory;
    const pages = Math.ceil((AT_LANES + LANES * 8 * cap) / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    return new Float64Array(memory.buffer);
  }

  /**
   * The streams of networks `indices` (at most LANES) of a run with `seed`, in the lanes; streams
   * from an earlier call stop working.
   */
  streams(seed: number, indices: readonly number[]): RandomStream[] {
    // Unused lanes repeat the last network; their draws are never read.
    this.reset(
      seed,
      Array.from({ length: LANES }, (_, j) => indices[Math.min(j, indices.length - 1)]),
    );
    const generation = this.generation;
    return indices.map((_, lane) => ({
      fillNormal: (out: Float64Array, from = 0, to = out.length) => {
        if (this.generation !== generation)
          throw new Error('internal: a lane stream used after its group moved on to other networks');
        this.take(lane, out, from, to);
      },
      fillWeights(law: WeightLaw, out: Float64Array, from = 0, to = out.length) {
        if (law !== 'gaussian') throw new Error('internal: lane streams draw Gaussian weights only');
        this.fillNormal(out, from, to);
      },
    }));
  }

  private reset(seed: number, indices: readonly number[]): void {
    this.generation++;
    const words = new Int32Array(this.e.memory.buffer, AT_STATE, 4 * LANES);
    indices.forEach((index, lane) => {
      streamWords(seed, index).forEach((w, k) => {
        words[k * LANES + lane] = w;
      });
    });
    this.head.fill(0);
    this.tail.fill(0);
  }

  /** Copies the next to - from draws of `lane` into out[from, to). */
  private take(lane: number, out: Float64Array, from: number, to: number): void {
    while (from < to) {
      if (this.head[lane] === this.tail[lane]) this.refill(lane);
      const n = Math.min(this.tail[lane] - this.head[lane], to - from);
      const at = this.base(lane) + this.head[lane];
      out.set(this.f64.subarray(at, at + n), from);
      this.head[lane] += n;
      from += n;
    }
  }

  /** `lane` has run dry: CHUNK more draws for every lane, or for this lane alone when the others are full. */
  private refill(lane: number): void {
    this.head[lane] = 0;
    this.tail[lane] = 0;
    const need = Math.max(...this.tail) + CHUNK;
    if (need > this.cap && need <= this.maxLaneDraws)
      this.grow(Math.min(this.maxLaneDraws, Math.max(need, 2 * this.cap)));
    const { e } = this;
    if (need <= this.cap) {
      const out = (j: number) => 8 * (this.base(j) + this.tail[j]);
      e.fill4(AT_ZX, AT_ZR, AT_STATE, out(0), out(1), out(2), out(3), CHUNK);
      for (let j = 0; j < LANES; j++) this.tail[j] += CHUNK;
    } else {
      e.fill1(AT_ZX, AT_ZR, AT_STATE + 4 * lane, 8 * this.base(lane), CHUNK);
      this.tail[lane] = CHUNK;
    }
  }

  /** Larger lane buffers: the memory grows and the lanes' unread draws move to their new places. */
  private grow(cap: number): void {
    const old = this.cap;
    this.f64 = this.resize(cap);
    this.cap = cap;
    for (let j = LANES - 1; j > 0; j--) {
      const from = AT_LANES / 8 + j * old;
      this.f64.copyWithin(this.base(j), from, from + this.tail[j]);
    }
  }
}

/** Bytes of a thread's lane buffers when its networks draw `draws` normals each (at most 128 MiB). */
export function laneBufferBytes(draws: number): number {
  return AT_LANES + LANES * 8 * Math.min(draws + CHUNK, MAX_LANE_DRAWS);
}

let group: LaneGroup | undefined;

/**
 * The streams of networks first, first + 1, ..., first + count - 1 (count <= LANES) of a run with
 * `seed`: the numbers of networkStream(seed, first + j, generator). Streams of one call are valid
 * until the next call in the same thread.
 */
export function networkStreams(
  seed: number,
  first: number,
  count: number,
  generator: Generator,
  law: WeightLaw,
): RandomStream[] {
  checkSeed(seed);
  const indices = Array.from({ length: count }, (_, j) => checkIndex(first + j));
  const module = generator === 'fast' && law === 'gaussian' && count > 1 ? normalsModule() : null;
  if (!module || count > LANES) return indices.map((i) => networkStream(seed, i, generator));
  group ??= new LaneGroup(module);
  return group.streams(seed, indices);
}
