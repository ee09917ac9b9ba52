import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { networkStream } from '../../src/montecarlo/random.js';
import { symmetricEigenvalues } from '../../src/util/symmetricEigenvalues.js';

/** A symmetric n x n matrix with N(0,1) entries (indefinite), from a fixed stream. */
function randomSymmetric(n: number, seed: number): number[][] {
  const g = new Float64Array(n * n);
  networkStream(seed, 0).fillNormal(g);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (g[i * n + j] + g[j * n + i]) / 2));
}

describe('symmetricEigenvalues (ml-matrix) against mathjs eigs', () => {
  it.each([1, 2, 5, 32, 64])('n = %i: the same eigenvalues to 1e-12 relative, in ascending order', (n) => {
    const a = randomSymmetric(n, n);
    const ours = symmetricEigenvalues(a);
    const reference = (eigs(a, { eigenvectors: false }).values as number[]).slice().sort((x, y) => x - y);
    const scale = Math.max(...reference.map(Math.abs));
    ours.forEach((v, i) => expect(Math.abs(v - reference[i])).toBeLessThan(1e-12 * scale));
    expect(ours).toEqual([...ours].sort((x, y) => x - y));
  });

  it('a known spectrum: diag(3, -1) rotated by 30 degrees', () => {
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const a = [
      [3 * c * c - s * s, 4 * c * s],
      [4 * c * s, 3 * s * s - c * c],
    ];
    const [lo, hi] = symmetricEigenvalues(a);
    expect(lo).toBeCloseTo(-1, 14);
    expect(hi).toBeCloseTo(3, 14);
  });
});
