import type { LayerCoefficients } from './layers.js';
import { crossSequence, type DiagonalSequence, diagonalSequence, normSquared, unitDistances } from './recursion.js';

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
}

export interface GramOutputs {
  readonly nngp: Float64Array;
  readonly ntk: Float64Array;
}

export const ROW_BLOCK = 16;

/** Diagonal sequences and norms of one dataset. */
function sequences(
  c: LayerCoefficients,
  data: Float64Array,
  count: number,
  dim: number,
): { diag: DiagonalSequence[]; norms: Float64Array } {
  const diag: DiagonalSequence[] = [];
  const norms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = normSquared(data.subarray(i * dim, (i + 1) * dim));
    norms[i] = Math.sqrt(s);
    diag.push(diagonalSequence(c, s));
  }
  return { diag, norms };
}

/** Fills the rows [start, end) of every requested layer's NNGP and NTK matrices. */
export function fillRows(task: GramTask, out: GramOutputs, start: number, end: number): void {
  const { coefficients: c, rows, cols, dim, symmetric, layers } = task;
  const xs = sequences(c, task.x, rows, dim);
  const ys = symmetric ? xs : sequences(c, task.y, cols, dim);
  const buf = {
    nngp: new Float64Array(c.depth),
    ntk: new Float64Array(c.depth),
    sdot: new Float64Array(c.depth),
    z: new Float64Array(c.depth),
  };
  const size = rows * cols;
  for (let i = start; i < end; i++) {
    for (let j = symmetric ? i : 0; j < cols; j++) {
      const onDiagonal = symmetric && i === j && xs.norms[i] > 0;
      const d = onDiagonal
        ? null
        : unitDistances(task.x, xs.norms[i], i, symmetric ? task.x : task.y, ys.norms[j], j, dim);
      const seq = d ? crossSequence(c, xs.diag[i], ys.diag[j], d.z0, buf, d.y0) : null;
      for (let k = 0; k < layers.length; k++) {
        const l = layers[k];
        const nngp = seq ? seq.nngp[l] : xs.diag[i].nngp[l];
        const ntk = seq ? seq.ntk[l] : xs.diag[i].ntk[l];
        out.nngp[k * size + i * cols + j] = nngp;
        out.ntk[k * size + i * cols + j] = ntk;
        if (symmetric) {
          out.nngp[k * size + j * cols + i] = nngp;
          out.ntk[k * size + j * cols + i] = ntk;
        }
      }
    }
  }
}
