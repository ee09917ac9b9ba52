import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { sinMinusTCos, zeta } from '../../src/kernels/cosineMap.js';

const D = Decimal.clone({ precision: 40 });

describe('S(t) = sin t - t cos t, the cancelling core of the cosine map', () => {
  it('agrees with 40-digit decimal.js to 2 ulp across the series/closed-form switch at t = 1', () => {
    for (const t of [1e-8, 1e-4, 0.01, 0.3, 0.7, 0.9999999, 1, 1.0000001, 1.3, Math.PI / 2]) {
      const dt = new D(t);
      const want = dt.sin().sub(dt.mul(dt.cos())).toNumber();
      expect(Math.abs(sinMinusTCos(t) - want) / want, `t = ${t}`).toBeLessThan(5e-16);
    }
  });

  it('zeta keeps relative accuracy for tiny cosine distances (the closed form would cancel)', () => {
    for (const z of [1e-20, 1e-12, 1e-6, 1e-3]) {
      const dz = new D(z);
      const t = dz.sqrt().asin().mul(2);
      const want = dz.sub(t.sin().sub(t.mul(t.cos())).div(D.acos(-1))).toNumber();
      expect(Math.abs(zeta(z, 1) - want) / want, `z = ${z}`).toBeLessThan(1e-15);
    }
  });
});
