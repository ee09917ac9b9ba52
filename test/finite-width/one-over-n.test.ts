import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formula } from '../../formulas/index.js';
import { fromCoefficients, preset } from '../../src/activation/family.js';
import { oneOverNCorrections, slopeKurtosis } from '../../src/finite-width/oneOverN.js';
import { Fraction } from '../../src/util/exact.js';
import { cli, cliJson } from '../helpers/cli.js';

/**
 * The PDLT recursions of finite-width.md, run exactly in rationals with K = 1, Theta_l = l:
 * V^(l+1) = V^(l) + (3r - 1), B^(l+1) = B^(l) + r l^2, D^(l+1) = D^(l) + V^(l+1) + (r - 1) l,
 * A^(l+1) = A^(l) + 2 D^(l) + V^(l) + r (3 + 2 l + l^2) - (1 + l)^2, all zero at l = 1;
 * n Var[Theta^(L)] / E[Theta^(L)]^2 = (A + 2B)/L^2. A different route to the sheet's closed form.
 */
function recursions(r: Fraction, L: number): { vertex: Fraction; variance: Fraction } {
  let V = new Fraction(0);
  let B = new Fraction(0);
  let D = new Fraction(0);
  let A = new Fraction(0);
  for (let l = 1; l < L; l++) {
    const t = new Fraction(l);
    const Vnext = V.add(r.mul(3).sub(1));
    const Anext = A.add(D.mul(2)).add(V).add(r.mul(t.mul(t).add(t.mul(2)).add(3))).sub(t.add(1).mul(t.add(1)));
    B = B.add(r.mul(t).mul(t));
    D = D.add(Vnext).add(r.sub(1).mul(t));
    A = Anext;
    V = Vnext;
  }
  return { vertex: V, variance: A.add(B.mul(2)).div(L * L) };
}

describe('1/n corrections at criticality (finite-width.md)', () => {
  it('the closed forms equal the PDLT recursions exactly, for any r in [1, 2] and L <= 40', () => {
    const rs = [new Fraction(1), new Fraction(2), slopeKurtosis(preset('leaky:0.1')), new Fraction(3, 2), new Fraction(17, 13)];
    for (const r of rs) {
      for (let L = 1; L <= 40; L++) {
        const want = recursions(r, L);
        const scope = { r, L: new Fraction(L) };
        const got = { vertex: new Fraction(formula('finite-width/vertex').exact!(scope).exact), variance: new Fraction(formula('finite-width/ntk-variance').exact!(scope).exact) };
        expect(got.vertex.equals(want.vertex), `vertex r=${r.toFraction()} L=${L}`).toBe(true);
        expect(got.variance.equals(want.variance), `variance r=${r.toFraction()} L=${L}: ${got.variance.toFraction()} vs ${want.variance.toFraction()}`).toBe(true);
      }
    }
  });

  it('3r - 1 = 2 + 12 Delta (1 - Delta) for every (a, b)', () => {
    const k = fc.integer({ min: -50, max: 50 }).map((v) => new Fraction(v, 10));
    fc.assert(fc.property(k, k, (a, b) => {
      fc.pre(!a.equals(0) || !b.equals(0));
      const act = fromCoefficients(a, b);
      const Delta = b.mul(b).div(a.mul(a).add(b.mul(b)));
      expect(slopeKurtosis(act).mul(3).sub(1).equals(Delta.mul(new Fraction(1).sub(Delta)).mul(12).add(2))).toBe(true);
    }), { seed: 20261123, numRuns: 100 });
  });

  it('gives the sheet\'s values: ReLU 3/n, 10/n, 24.5/n at L = 2, 4, 8; |s| 3.5/n at L = 4; vertex factor 5 for ReLU', () => {
    expect(oneOverNCorrections(preset('relu'), 2).ntkVarianceCoefficient.exact).toBe('3');
    expect(oneOverNCorrections(preset('relu'), 4).ntkVarianceCoefficient.value).toBe(10);
    expect(oneOverNCorrections(preset('relu'), 8).ntkVarianceCoefficient.exact).toBe('49/2');
    expect(oneOverNCorrections(preset('abs'), 4).ntkVarianceCoefficient.exact).toBe('7/2');
    expect(oneOverNCorrections(preset('relu'), 2).vertexCoefficient.exact).toBe('5');
    expect(oneOverNCorrections(preset('relu'), 6).meanCorrection.value).toBe(0);
  });
});

describe('ntkcalc finite-width', () => {
  it('prints the documented JSON keys', () => {
    const j = cliJson<Record<string, { exact: string; latex: string; value: number }> & { ntk_variance_over_mean2: number }>('finite-width', '--activation', 'relu', '--depth', '4', '--width', '100');
    expect(j.vertex_coefficient).toMatchObject({ exact: '15', value: 15 });
    expect(j.ntk_variance_coefficient).toMatchObject({ exact: '10', latex: '10', value: 10 });
    expect(j.ntk_variance_over_mean2).toBeCloseTo(0.1, 15);
  });

  it('refuses bad input with exit code 2', () => {
    expect(cli('finite-width', '--activation', 'relu').stderr).toMatch(/--depth is required/);
    const r = cli('finite-width', '--a', '0', '--b', '0', '--depth', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/zero function/);
    expect(cli('finite-width', '--depth', '3', '--width', '0').code).toBe(2);
  });
});
