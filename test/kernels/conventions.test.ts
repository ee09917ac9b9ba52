import { describe, expect, it } from 'vitest';
import { preset } from '../../src/activation/family.js';
import { diagonalKernels, pairKernels } from '../../src/kernels/pair.js';
import {
  fromHaninNica,
  fromNeuralTangents,
  fromPdlt,
  fromSeleznovaKutyniok,
  fromTerjek,
} from '../../src/spec/conventions.js';
import { Fraction } from '../../src/util/exact.js';
import { relErr } from '../helpers/specs.js';

/** Each converter against a value stated in the paper's own convention (docs/conventions.md). */
describe('convention converters', () => {
  it('Terjek: K_T of docs/theory.md T6.3 from the canonical network (inputs scaled by sqrt(n_0), divided by sigma^2)', () => {
    const c = fromTerjek(preset('leaky:0.1'), 3, 2);
    const s = c.inputScale;
    const k = pairKernels(c.spec, [s, 0], [0.5 * s, (Math.sqrt(3) / 2) * s])[2].ntk.xy * c.ntkFactor;
    expect(relErr(k, 1.37678242671)).toBeLessThan(1e-11);
  });

  it('Hanin-Nica: the canonical diagonal equals d|x|^2/n_0 + E[K_b] with E[K_b] = 1 + (d-1)/2 at infinite width (docs/theory.md H3.1, E1-E2)', () => {
    for (const widths of [
      [3, 1000, 1000, 1],
      [2, 50, 1],
      [5, 10, 10, 10, 10, 1],
    ]) {
      const d = widths.length - 1;
      const x = [1, 0.5, -1, 2, 0.25].slice(0, widths[0]);
      const norm2 = x.reduce((s, v) => s + v * v, 0);
      const c = fromHaninNica(widths);
      const theta = diagonalKernels(c.spec, x)[d - 1].ntk;
      expect(relErr(theta, (d * norm2) / widths[0] + 1 + (d - 1) / 2)).toBeLessThan(1e-14);
    }
  });

  it('Seleznova-Kutyniok: E[K] = |x|^2 c^L (1 + L M/n_0) + sum_k c^k with c = sigma_w^2/2 (docs/theory.md S3.2)', () => {
    for (const [sw2, L, M, n0] of [
      [2, 3, 100, 100],
      [1.5, 5, 40, 10],
      [2.5, 2, 7, 3],
    ] as const) {
      const c = fromSeleznovaKutyniok(new Fraction(sw2), L, M);
      const x = Array.from({ length: n0 }, (_, i) => (i % 3) - 1 + 0.5);
      const norm2 = x.reduce((s, v) => s + v * v, 0);
      const cc = sw2 / 2;
      let geometric = 0;
      for (let k = 0; k <= L; k++) geometric += cc ** k;
      const want = norm2 * cc ** L * (1 + (L * M) / n0) + geometric;
      expect(relErr(diagonalKernels(c.spec, x)[L].ntk, want)).toBeLessThan(1e-13);
    }
  });

  it('neural-tangents ABRelu(-1, 1) is |s|, and PDLT slopes (1, 0) are ReLU', () => {
    const nt = fromNeuralTangents(new Fraction(-1), new Fraction(1), new Fraction(1), new Fraction(0), 3, 'ntk');
    expect(relErr(pairKernels(nt.spec, [1, 0], [0, 1])[2].ntk.xy * 2, 1.05032680153)).toBeLessThan(1e-11);
    const pdlt = fromPdlt(new Fraction(1), new Fraction(0), new Fraction(2), new Fraction(0), 3);
    expect([pdlt.spec.activation.a.toFraction(), pdlt.spec.activation.b.toFraction()]).toEqual(['1/2', '1/2']);
    expect(relErr((pairKernels(pdlt.spec, [1, 0], [0, 1])[2].ntk.xy * 2) / 2, 0.685708636283)).toBeLessThan(1e-11);
  });
});
