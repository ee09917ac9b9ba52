import { lazyWasmModule } from '../util/wasm.js';
import { activate, affine, backprop, jsVectorOps, type VectorOps } from './linalg.js';
import { VECTOR_SIMD_WASM } from './vectorSimdWasm.js';

/**
 * The samplers' O(n) loops (dense.ts, reduced.ts, householderQr) on one of two kernel sets with
 * the same bits: plain JavaScript (linalg.ts, the reference) or WebAssembly SIMD (vectorSimd.wat),
 * which follows the JavaScript element by element and in the same order. Written by hand because
 * V8 does not vectorise JavaScript and its typed-array loops here ran at about 2 ns per element
 * (dot, axpy), against 0.35-0.45 ns in the WebAssembly kernels (docs/performance.md).
 * WebAssembly can only reach its own memory, so a sampler's vectors are allocated from the
 * kernel set (`alloc`).
 */
export interface VectorKernels extends VectorOps<KernelVector> {
  readonly kind: KernelKind;
  /** A zeroed vector the kernels can work on. */
  alloc(length: number): KernelVector;
  affine(s: number, z: KernelVector, zo: number, c: number, bias: KernelVector, n: number): void;
  activate(a: number, b: number, z: KernelVector, h: KernelVector, n: number): void;
  backprop(
    as: number,
    bs: number,
    z: KernelVector,
    zo: number,
    back: KernelVector,
    bo: number,
    d: KernelVector,
    dOff: number,
    n: number,
  ): void;
}

/**
 * A vector from a kernel set's alloc(). The brand makes the compiler refuse any other vector in a
 * kernel call: the WebAssembly kernels would read a foreign array at its byte offset in their own
 * memory, silently wrong, and checking the buffer on every call cost 5-10% of the sampler's time.
 */
export type KernelVector = Float64Array & { readonly __kernelVector: unique symbol };

export type KernelKind = 'js' | 'wasm';

export const jsKernels: VectorKernels = {
  ...jsVectorOps,
  kind: 'js',
  alloc: (length) => new Float64Array(length) as KernelVector,
  affine,
  activate,
  backprop,
};

/**
 * Largest WebAssembly memory a sampler asks for; larger samplers (the dense one at large widths)
 * run on the JavaScript kernels, with the same numbers.
 */
export const MAX_KERNEL_BYTES = 2 ** 30;

const PAGE = 65536;
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

const vectorModule = lazyWasmModule(VECTOR_SIMD_WASM);

interface VectorExports {
  dot(x: number, y: number, n: number): number;
  axpy(alpha: number, x: number, y: number, n: number): void;
  scaleTo(s: number, x: number, y: number, n: number): void;
  combine(...args: number[]): void;
  affine(s: number, z: number, c: number, bias: number, n: number): void;
  activate(a: number, b: number, z: number, h: number, n: number): void;
  backprop(as: number, bs: number, z: number, back: number, d: number, n: number): void;
}

/** A kernel set over its own memory of `bytes`, handed out by alloc() in 16-byte-aligned pieces. */
function wasmKernels(module: WebAssembly.Module, bytes: number): VectorKernels {
  const instance = new WebAssembly.Instance(module, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  memory.grow(Math.max(0, Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE));
  const { buffer } = memory;
  const e = instance.exports as unknown as VectorExports;
  let next = 0;
  const at = (x: KernelVector, xo: number) => x.byteOffset + 8 * xo;
  const kernels: VectorKernels = {
    kind: 'wasm',
    alloc(length) {
      if (next + 8 * length > buffer.byteLength) throw new Error('internal: kernel memory exhausted');
      const v = new Float64Array(buffer, next, length) as KernelVector;
      next += align(8 * length);
      return v;
    },
    dot: (x, xo, y, yo, n) => e.dot(at(x, xo), at(y, yo), n),
    axpy: (alpha, x, xo, y, yo, n) => e.axpy(alpha, at(x, xo), at(y, yo), n),
    scaleTo: (s, x, xo, y, yo, n) => e.scaleTo(s, at(x, xo), at(y, yo), n),
    combine(y, yo, n, count, coef, src, off) {
      if (count < 1 || count > 4) {
        // As linalg.ts combine: fill with 0, then one axpy per term.
        y.fill(0, yo, yo + n);
        for (let t = 0; t < count; t++) kernels.axpy(coef[t], src[t], off[t], y, yo, n);
        return;
      }
      e.combine(
        at(y, yo),
        n,
        count,
        coef[0],
        at(src[0], off[0]),
        count > 1 ? coef[1] : 0,
        count > 1 ? at(src[1], off[1]) : 0,
        count > 2 ? coef[2] : 0,
        count > 2 ? at(src[2], off[2]) : 0,
        count > 3 ? coef[3] : 0,
        count > 3 ? at(src[3], off[3]) : 0,
      );
    },
    affine: (s, z, zo, c, bias, n) => e.affine(s, at(z, zo), c, at(bias, 0), n),
    activate: (a, b, z, h, n) => e.activate(a, b, at(z, 0), at(h, 0), n),
    backprop: (as, bs, z, zo, back, bo, d, dOff, n) => e.backprop(as, bs, at(z, zo), at(back, bo), at(d, dOff), n),
  };
  return kernels;
}

/**
 * Builds a sampler on the chosen kernel set (default: WebAssembly where the engine has SIMD and
 * the sampler's vectors fit MAX_KERNEL_BYTES, else JavaScript). WebAssembly memory cannot grow
 * under existing views, so `build` runs twice: once to count what it allocates, once for real;
 * it must do nothing but allocate and set up (no sampling).
 */
export function withKernels<T>(kind: KernelKind | undefined, build: (kernels: VectorKernels) => T): T {
  const module = kind === 'js' ? null : vectorModule();
  if (!module) {
    if (kind === 'wasm') throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
    return build(jsKernels);
  }
  let bytes = 0;
  build({
    ...jsKernels,
    alloc(length) {
      bytes += align(8 * length);
      return new Float64Array(0) as KernelVector;
    },
  });
  if (bytes > MAX_KERNEL_BYTES) return build(jsKernels);
  return build(wasmKernels(module, bytes));
}
