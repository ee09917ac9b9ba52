import { lazyWasmModule } from '../util/wasm.js';
import { cosineMaps, KERNEL_CONSTANTS } from './cosineMap.js';
import { GRAM_SIMD_WASM } from './gramSimdWasm.js';
import type { LayerCoefficients } from './layers.js';

/**
 * The Gram kernel's block recursion in WebAssembly SIMD (gramSimd.wat): two pairs per f64x2
 * vector, the operations of recurseBlock (gramCore.ts) in the same order in every lane, so the
 * entries are bit-identical to it. Written by hand because no library evaluates this recursion,
 * and because V8 does not vectorise JavaScript: two lanes per instruction and no bounds checks
 * roughly halve the time per entry-layer (docs/performance.md). recurseBlock stays the plain
 * reference path (test/kernels/gram-core.test.ts checks both against the pair recursion).
 */

/** Pairs per call: the state slots of gramSimd.wat. */
export const SIMD_PAIRS = 16;
/** Largest WebAssembly memory the kernel asks for (the roots of both datasets and 256 bytes per output layer). */
const MAX_BYTES = 2 ** 30;

const simdModule = lazyWasmModule(GRAM_SIMD_WASM);

/** Whether this JavaScript engine runs the SIMD kernel (WebAssembly SIMD, in Node since 16.4). */
export function simdAvailable(): boolean {
  return simdModule() !== null;
}

/** Pairs of one row handed to the kernel: columns and first-layer z0, y0 (unitDistances). */
export interface PairBlock {
  readonly col: Int32Array;
  readonly z0: Float64Array;
  readonly y0: Float64Array;
}

export interface SimdKernel {
  /**
   * Recurses the n pairs (row i, block.col) through every layer; afterwards nngp(k, p) and
   * ntk(k, p) give output layer k (the slot of gramCore) of pair p.
   */
  run(i: number, block: PairBlock, n: number): void;
  nngp(k: number, p: number): number;
  ntk(k: number, p: number): number;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * A kernel for one task: coefficients, the slots of the output layers and the roots
 * sqrt Sigma^(l)(x, x), l = 0..L, of the row and column inputs (input-major, L + 1 each) copied
 * into its memory once. Null when WebAssembly SIMD is missing or the task is too large for it.
 */
export function simdKernel(
  c: LayerCoefficients,
  slot: Int32Array,
  outputs: number,
  rootX: Float64Array,
  rootY: Float64Array,
): SimdKernel | null {
  const mod = simdModule();
  const L = c.depth;
  const at = { constants: 0, coef: 256, rootX: 0, rootY: 0, state: 0, res: 0, end: 0 };
  at.rootX = at.coef + align(36 * L);
  at.rootY = rootY === rootX ? at.rootX : at.rootX + align(8 * rootX.length);
  at.state = at.rootY + (rootY === rootX ? align(8 * rootX.length) : align(8 * rootY.length));
  at.res = at.state + 704;
  at.end = at.res + outputs * 32 * 8;
  if (!mod || at.end > MAX_BYTES) return null;
  let pending: PairBlock | undefined;
  const maps = new Float64Array(2);
  // Lanes off the series branch: cosineMaps, as recurseBlock does (imported by gramSimd.wat).
  const off = (p: number, l: number) => {
    const z = zS[p];
    const b = pending as PairBlock;
    cosineMaps(z, c.Delta, maps, l === 0 && z === b.z0[p] ? b.y0[p] : 1 - z);
    zC[p] = maps[0];
    slope[p] = maps[1];
  };
  const instance = new WebAssembly.Instance(mod, { gram: { off } });
  const memory = instance.exports.memory as WebAssembly.Memory;
  memory.grow(Math.ceil(at.end / 65536) - memory.buffer.byteLength / 65536);
  const run = instance.exports.run as (...args: number[]) => void;
  const { buffer } = memory;
  const f64 = (offset: number, length: number) => new Float64Array(buffer, offset, length);
  f64(at.constants, KERNEL_CONSTANTS.length).set(KERNEL_CONSTANTS);
  for (const [k, a] of [c.fwd, c.grad, c.v, c.m].entries()) f64(at.coef + 8 * k * L, L).set(a);
  new Int32Array(buffer, at.coef + 32 * L, L).set(slot);
  f64(at.rootX, rootX.length).set(rootX);
  if (rootY !== rootX) f64(at.rootY, rootY.length).set(rootY);
  const zC = f64(at.state, SIMD_PAIRS);
  const zS = f64(at.state + 128, SIMD_PAIRS);
  const slope = f64(at.state + 256, SIMD_PAIRS);
  const theta = f64(at.state + 384, SIMD_PAIRS);
  const col = new Int32Array(buffer, at.state + 512, SIMD_PAIRS);
  const res = f64(at.res, outputs * 32);
  const dpi = c.Delta / Math.PI;
  const slopeScale = (4 * c.Delta) / Math.PI;
  return {
    run(i, block, n) {
      pending = block;
      for (let p = 0; p < n; p++) {
        col[p] = 8 * (L + 1) * block.col[p];
        zC[p] = block.z0[p];
      }
      // An odd block repeats its last pair in the spare lane (the caller's arrays too, for `off`).
      const even = n + (n % 2);
      if (even > n) {
        col[n] = col[n - 1];
        zC[n] = zC[n - 1];
        block.z0[n] = block.z0[n - 1];
        block.y0[n] = block.y0[n - 1];
      }
      theta.fill(0, 0, even);
      slope.fill(0, 0, even);
      run(even, L, at.constants, at.coef, at.rootX + 8 * i * (L + 1), at.rootY, at.state, at.res, dpi, slopeScale);
    },
    nngp: (k, p) => res[32 * k + p],
    ntk: (k, p) => res[32 * k + 16 + p],
  };
}
