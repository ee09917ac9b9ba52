import { describe, expect, it } from 'vitest';
import { axpy, combine, dot, householderQr } from '../../src/montecarlo/linalg.js';
import { networkStream } from '../../src/montecarlo/random.js';

// The samplers' hand-fused kernels against the plain loops they replace: the same bits, element by element.

const bits = (x: Float64Array) => Array.from(new BigUint64Array(x.buffer.slice(0)));

function gaussian(n: number, index: number): Float64Array {
  const x = new Float64Array(n);
  networkStream(9, index).fillNormal(x);
  return x;
}

/** The plain path: fill with 0, one axpy per term. */
function plainCombine(
  y: Float64Array,
  yo: number,
  n: number,
  coef: Float64Array,
  src: Float64Array[],
  off: Int32Array,
) {
  y.fill(0, yo, yo + n);
  for (let t = 0; t < coef.length; t++) axpy(coef[t], src[t], off[t], y, yo, n);
}

describe('combine: one pass over y, the bits of fill and one axpy per term', () => {
  const n = 37;
  const a = gaussian(3 * n, 1);
  const b = gaussian(3 * n, 2);
  // Zero and negative-zero products too: 0 + (-0) is +0, which a kernel that skipped the leading 0 would get wrong.
  a[5] = -0;
  b[7] = 0;
  it.each([0, 1, 2, 3, 4, 5, 6])('%i terms', (count) => {
    const coef = gaussian(count, 3 + count);
    if (count > 0) coef[0] = -0;
    const src = Array.from({ length: count }, (_, t) => (t % 2 ? b : a));
    const off = Int32Array.from({ length: count }, (_, t) => (t * 17) % (2 * n));
    const want = new Float64Array(n + 4).fill(7);
    const got = new Float64Array(n + 4).fill(7);
    plainCombine(want, 2, n, coef, src, off);
    combine(got, 2, n, count, coef, src, off);
    expect(bits(got)).toEqual(bits(want));
  });

  it('the comparison has teeth: the same terms added in another order differ in some bits', () => {
    const coef = gaussian(4, 20);
    const src = [a, b, a, b];
    const off = Int32Array.of(0, 1, 2, 3);
    const want = new Float64Array(n);
    plainCombine(want, 0, n, coef, src, off);
    const reversed = new Float64Array(n);
    combine(reversed, 0, n, 4, coef.slice().reverse(), src.slice().reverse(), off.slice().reverse());
    expect(bits(reversed)).not.toEqual(bits(want));
  });
});

/** Q from the reflectors as before the one-pass first reflector: start at e_c, apply H_c, ..., H_0 with dot and axpy. */
function plainQ(v: Float64Array, n: number, k: number): Float64Array {
  const q = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const qc = c * n;
    q[qc + c] = 1;
    for (let j = c; j >= 0; j--) {
      const s = dot(v, j * n + j, q, qc + j, n - j);
      if (s !== 0) axpy(-2 * s, v, j * n + j, q, qc + j, n - j);
    }
  }
  return q;
}

describe('householderQr: Q with the first reflector in one pass, the bits of the plain reflector loop', () => {
  it.each([
    [1024, 2, 'full rank'],
    [9, 4, 'full rank'],
    [6, 6, 'square'],
    [5, 3, 'rank-deficient: two equal columns'],
    [4, 2, 'a zero column'],
  ])('%i x %i, %s', (n, m, kind) => {
    const a = gaussian(n * m, n + m);
    if (kind.startsWith('rank')) a.copyWithin(2 * n, n, 2 * n);
    if (kind === 'a zero column') a.fill(0, 0, n);
    const k = Math.min(n, m);
    const v = new Float64Array(n * k);
    const q = new Float64Array(n * k);
    householderQr(a.slice(), n, m, new Float64Array(k * m), v, q);
    expect(bits(q)).toEqual(bits(plainQ(v, n, k)));
  });
});
