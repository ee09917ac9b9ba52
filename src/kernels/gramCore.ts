import { asinBelowHalf, cosineMaps, SERIES_ROOT, seriesS } from './cosineMap.js';
import { SIMD_PAIRS, type SimdKernel, simdKernel } from './gramSimd.js';
import type { LayerCoefficients } from './layers.js';
import {
  crossSequence,
  type DiagonalSequence,
  diagonalSequence,
  unitRowDistances,
  unitRows,
  vectorNorm,
} from './recursion.js';

/**
 * The work of a Gram matrix, shared by the serial path and the worker threads so that both give
 * bit-identical entries. Inputs are flattened row-major (rows x dim).
 */
export interface GramTask {
  readonly coefficients: LayerCoefficients;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly dim: number;
  readonly symmetric: boolean;
  /** Layers (0-based) whose matrices are written; outputs are laid out layer-major. */
  readonly layers: readonly number[];
  /** 'js' runs the plain block recursion even where the WebAssembly SIMD kernel is available. */
  readonly kernel?: 'simd' | 'js';
}

export interface GramOutputs {
  readonly nngp: Float64Array;
  readonly ntk: Float64Array;
}

export const ROW_BLOCK = 16;

/**
 * Pairs recursed together by the block kernel. One pair's layers form a chain of dependent
 * square roots, divisions and an arcsine, so a single chain leaves the core waiting on latency;
 * several independent chains side by side keep it busy. The SIMD kernel's 16 (8 per lane pair).
 */
const PAIR_BLOCK = SIMD_PAIRS;

/** Diagonal sequences, norms and the square roots of every layer's input variance, of one dataset. */
interface Dataset {
  readonly diag: DiagonalSequence[];
  readonly norms: Float64Array;
  /** root[i (L + 1) + l] = sqrt(Sigma^(l)(x_i, x_i)), with Sigma^(0)(x_i, x_i) = |x_i|^2 (input-major). */
  readonly root: Float64Array;
  /** The inputs divided by their norms (unitRows). */
  readonly unit: Float64Array;
}

function dataset(c: LayerCoefficients, data: Float64Array, count: number, dim: number): Dataset {
  const L = c.depth;
  const diag: DiagonalSequence[] = [];
  const norms = new Float64Array(count);
  const root = new Float64Array(count * (L + 1));
  for (let i = 0; i < count; i++) {
    const norm = vectorNorm(data.subarray(i * dim, (i + 1) * dim));
    const d = diagonalSequence(c, norm * norm, norm === 0);
    norms[i] = norm;
    diag.push(d);
    root[i * (L + 1)] = norm;
    for (let l = 0; l < L; l++) root[i * (L + 1) + l + 1] = Math.sqrt(d.nngp[l]);
  }
  return { diag, norms, root, unit: unitRows(data, norms, dim) };
}

interface Prepared {
  readonly xs: Dataset;
  readonly ys: Dataset;
  /** Output index of each layer (-1: not written). */
  readonly slot: Int32Array;
  readonly simd: SimdKernel | null;
}

const prepared = new WeakMap<GramTask, Prepared>();

/** The task's datasets and kernel, made once per task however many row blocks a thread fills. */
function prepare(task: GramTask): Prepared {
  let d = prepared.get(task);
  if (!d) {
    const c = task.coefficients;
    const xs = dataset(c, task.x, task.rows, task.dim);
    const ys = task.symmetric ? xs : dataset(c, task.y, task.cols, task.dim);
    const slot = new Int32Array(c.depth).fill(-1);
    task.layers.forEach((l, k) => {
      slot[l] = k;
    });
    const simd = task.kernel === 'js' ? null : simdKernel(c, slot, task.layers.length, xs.root, ys.root);
    d = { xs, ys, slot, simd };
    prepared.set(task, d);
  }
  return d;
}

/** State of the pairs in one block, one slot per pair (structure of arrays). */
interface Block {
  readonly col: Int32Array;
  readonly z0: Float64Array;
  readonly y0: Float64Array;
  /** z of C^(l-1), the pair's covariance before the affine step. */
  readonly zC: Float64Array;
  /** z of Sigma^(l), after it. */
  readonly zS: Float64Array;
  /** asin(sqrt zS) on the series branch of the cosine map, -1 off it. */
  readonly half: Float64Array;
  /** varrho' at the previous layer's z. */
  readonly slope: Float64Array;
  readonly theta: Float64Array;
}

function newBlock(): Block {
  const f = () => new Float64Array(PAIR_BLOCK);
  return {
    col: new Int32Array(PAIR_BLOCK),
    z0: f(),
    y0: f(),
    zC: f(),
    zS: f(),
    half: f(),
    slope: f(),
    theta: f(),
  };
}

/**
 * crossSequence (recursion.ts) for `n` pairs (row i, columns b.col) at once, layer by layer and
 * step by step (affine step of all pairs, then their cosine maps), so that the processor overlaps
 * the pairs' independent chains. The same operations in the same order as crossSequence, so the
 * entries are bit-identical to it (test/kernels/gram-core.test.ts); the square roots of the
 * diagonal variances come precomputed, and the series branch of cosineMaps is inlined with an
 * arcsine that equals Math.asin there. Only pairs of non-zero inputs come here. Writes the layers
 * with slot[l] >= 0 to out at offset k size + row + j.
 */
function recurseBlock(
  c: LayerCoefficients,
  xs: Dataset,
  i: number,
  ys: Dataset,
  b: Block,
  n: number,
  slot: Int32Array,
  out: GramOutputs,
  size: number,
  row: number,
): void {
  const L = c.depth;
  const { fwd, grad, v: bias, m, Delta } = c;
  const dpi = Delta / Math.PI;
  const slopeScale = (4 * Delta) / Math.PI;
  const { zC, zS, half, slope, theta, col } = b;
  const maps = new Float64Array(2);
  for (let p = 0; p < n; p++) {
    zC[p] = b.z0[p];
    theta[p] = 0;
    slope[p] = 0;
  }
  for (let l = 0; l < L; l++) {
    const f = fwd[l];
    const v = bias[l];
    const fv = f * v;
    const twoF = 2 * f;
    const g = grad[l];
    const ml = m[l];
    const rx = xs.root[i * (L + 1) + l];
    const rxNext = xs.root[i * (L + 1) + l + 1];
    const k = slot[l];
    for (let p = 0; p < n; p++) {
      const j = col[p];
      const z = zC[p];
      const ry = ys.root[j * (L + 1) + l];
      const cxy = rx * ry * (1 - 2 * z);
      if (v === 0) zS[p] = z;
      else {
        const s = rx * ry;
        const sq = rxNext * ys.root[j * (L + 1) + l + 1];
        const dr = rx - ry;
        const gap = (fv * dr * dr) / (sq + f * s + v) + twoF * s * z;
        zS[p] = Math.min(1, Math.max(0, gap / (2 * sq)));
      }
      const sdot = l === 0 ? 0 : f * slope[p];
      theta[p] = g * cxy + ml + sdot * theta[p];
      if (k >= 0) {
        out.nngp[k * size + row + j] = f * cxy + v;
        out.ntk[k * size + row + j] = theta[p];
      }
    }
    for (let p = 0; p < n; p++) {
      const root = Math.sqrt(zS[p]);
      half[p] = root < SERIES_ROOT ? asinBelowHalf(root) : -1;
    }
    for (let p = 0; p < n; p++) {
      const z = zS[p];
      const h = half[p];
      if (h >= 0) {
        zC[p] = Math.max(0, z - dpi * seriesS(2 * h));
        slope[p] = 1 - slopeScale * h;
      } else {
        cosineMaps(z, Delta, maps, l === 0 && z === b.z0[p] ? b.y0[p] : 1 - z);
        zC[p] = maps[0];
        slope[p] = maps[1];
      }
    }
  }
}

/**
 * Fills the rows [start, end) of every requested layer's NNGP and NTK matrices. By default `out`
 * holds the whole matrices and a symmetric task computes the upper triangle and mirrors it; with
 * `fullRows`, `out` holds only these rows (layer-major, (end - start) x cols per layer) and every
 * column is computed (the pair recursion is symmetric in its two inputs bit for bit).
 */
export function fillRows(task: GramTask, out: GramOutputs, start: number, end: number, fullRows = false): void {
  const { coefficients: c, rows, cols, dim, symmetric, layers } = task;
  const { xs, ys, slot, simd } = prepare(task);
  const size = (fullRows ? end - start : rows) * cols;
  const mirror = symmetric && !fullRows;
  const buf = {
    nngp: new Float64Array(c.depth),
    ntk: new Float64Array(c.depth),
    sdot: new Float64Array(c.depth),
    z: new Float64Array(c.depth),
  };
  const block = newBlock();
  for (let i = start; i < end; i++) {
    const row = (fullRows ? i - start : i) * cols;
    const put = (k: number, j: number, nngp: number, ntk: number) => {
      out.nngp[k * size + row + j] = nngp;
      out.ntk[k * size + row + j] = ntk;
    };
    let n = 0;
    const flush = () => {
      if (simd) {
        simd.run(i, block, n);
        for (let k = 0; k < layers.length; k++) {
          for (let p = 0; p < n; p++) {
            out.nngp[k * size + row + block.col[p]] = simd.nngp(k, p);
            out.ntk[k * size + row + block.col[p]] = simd.ntk(k, p);
          }
        }
      } else recurseBlock(c, xs, i, ys, block, n, slot, out, size, row);
      n = 0;
    };
    for (let j = mirror ? i : 0; j < cols; j++) {
      if (symmetric && i === j && xs.norms[i] > 0) {
        layers.forEach((l, k) => put(k, j, xs.diag[i].nngp[l], xs.diag[i].ntk[l]));
        continue;
      }
      if (xs.norms[i] === 0 || ys.norms[j] === 0) {
        // A zero vector's angle to any input is pi/2 by convention (z0 = y0 = 1/2, unitDistances).
        const seq = crossSequence(c, xs.diag[i], ys.diag[j], 0.5, buf, 0.5);
        layers.forEach((l, k) => put(k, j, seq.nngp[l], seq.ntk[l]));
        continue;
      }
      const d = unitRowDistances(xs.unit, i, ys.unit, j, dim);
      block.col[n] = j;
      block.z0[n] = d.z0;
      block.y0[n] = d.y0;
      if (++n === PAIR_BLOCK) flush();
    }
    if (n > 0) flush();
    if (mirror) {
      for (let k = 0; k < layers.length; k++) {
        for (let j = i + 1; j < cols; j++) {
          out.nngp[k * size + j * cols + i] = out.nngp[k * size + i * cols + j];
          out.ntk[k * size + j * cols + i] = out.ntk[k * size + i * cols + j];
        }
      }
    }
  }
}
