import { describe, expect, it } from 'vitest';
import { preset } from '../../src/activation/family.js';
import {
  AUTHORS_GRID,
  biasesLimit,
  crossLimit,
  eocLimit,
  nearCriticalLimit,
  orderedLimit,
  skDispersion,
  skPhase,
  weightsLimit,
} from '../../src/finite-width/dispersion.js';
import { ntkMean2, ntkMoments } from '../../src/finite-width/exactMoments.js';
import { floatField as F, exactField as Q } from '../../src/finite-width/field.js';
import { fromNetworkSpec, haninNicaNet, seleznovaKutyniokNet } from '../../src/finite-width/network.js';
import type { NetworkSpec } from '../../src/spec/network.js';
import { Fraction } from '../../src/util/exact.js';

const fr = (s: string | number) => new Fraction(s);
const exact = (
  sw2: string,
  L: number,
  M: number,
  n0: number,
  include: 'both' | 'weights' | 'biases' = 'both',
  deadLayers: 'exact' | 'ignore' = 'exact',
) => {
  const r = skDispersion(Q, fr(sw2), L, M, n0, fr(1), include, { deadLayers });
  return [r.EK, r.EK2, r.D].map((f) => f.toFraction());
};

describe('docs/theory.md S6.1 exact rationals', () => {
  it('rows 1-3 (L = 1: the inactive-layer event changes nothing)', () => {
    expect(exact('2', 1, 10, 10)).toEqual(['4', '189/10', '189/160']);
    expect(exact('1', 1, 10, 10)).toEqual(['5/2', '279/40', '279/250']);
    expect(exact('2', 1, 10, 10, 'weights')).toEqual(['2', '26/5', '13/10']);
  });

  it('row 4: the sheet automaton (no inactive layers) gives the sheet value; the exact value differs', () => {
    expect(exact('2', 2, 4, 3, 'both', 'ignore')).toEqual(['20/3', '643/6', '1929/800']);
    expect(exact('2', 2, 4, 3)).toEqual(['317/48', '20525/192', '246300/100489']);
  });

  it('Sec. 3.3: L = 1 closed form Var K = (5/4)(N0+1)^2 s^2/M + (5M/4) s^2 N0^2/n0^2 + (1/2)(N0+1) s^2 N0/n0', () => {
    for (const [s, M, n0, N0] of [
      ['2', 10, 10, '1'],
      ['3/2', 7, 3, '5/2'],
      ['1', 1, 1, '1/3'],
    ] as [string, number, number, string][]) {
      const sw2 = fr(s);
      const q = fr(N0);
      const m = ntkMoments(Q, seleznovaKutyniokNet(Q, sw2, 1, M, n0, q));
      const c = sw2.div(2);
      const mean = c
        .mul(q)
        .mul(fr(1).add(fr(M).div(n0)))
        .add(1)
        .add(c);
      const s2 = sw2.mul(sw2);
      const varK = fr('5/4')
        .mul(q.add(1).pow(2))
        .mul(s2)
        .div(M)
        .add(
          fr(5 * M)
            .div(4)
            .mul(s2)
            .mul(q.pow(2))
            .div(n0 * n0),
        )
        .add(
          q
            .add(1)
            .mul(s2)
            .mul(q)
            .div(2 * n0),
        );
      expect(m.EK.toFraction()).toBe(mean.toFraction());
      expect(m.EK2.toFraction()).toBe(mean.pow(2).add(varK).toFraction());
    }
  });
});

describe('Sec. 3.2 exact mean, with the inactive-layer factors', () => {
  it('E[K] = |x|^2 c^L (1 + L M/n0) + 1 + sum_{l<=L} c^{L+1-l} (1 - 2^-M)^{l-1}', () => {
    for (const [s, L, M, n0] of [
      ['2', 2, 4, 3],
      ['3/2', 5, 2, 7],
      ['11/5', 4, 3, 1],
      ['1/2', 6, 1, 2],
    ] as [string, number, number, number][]) {
      const c = fr(s).div(2);
      const r = fr(1).sub(new Fraction(1n, 2n ** BigInt(M)));
      let bias = fr(1);
      for (let l = 1; l <= L; l++) bias = bias.add(c.pow(L + 1 - l).mul(r.pow(l - 1)));
      const want = c
        .pow(L)
        .mul(fr(1).add(fr(L * M).div(n0)))
        .add(bias);
      expect(skDispersion(Q, fr(s), L, M, n0, fr(1)).EK.toFraction()).toBe(want.toFraction());
    }
  });

  it('Float64 keeps 13 digits of the exact D on the authors grid (L = 49)', () => {
    for (const s of ['1.0', '2.0', '3.5']) {
      const e = skDispersion(Q, fr(s), 49, 100, 100, fr(1)).D;
      expect(Math.abs(skDispersion(F, Number(s), 49, 100, 100, 1).D / Q.toNumber(e) - 1)).toBeLessThan(1e-13);
    }
  });

  it('6.2 means on the authors grid', () => {
    const want: Record<number, number[]> = {
      1: [1.75, 2.5, 3.25, 3.7, 3.85, 4, 4.15, 4.3, 4.75, 5.5, 6.25],
      10: [1.333, 2.01, 4.451, 10.7, 15.21, 22, 32.12, 47.06, 145, 805.3, 3591],
      49: [1.333, 2, 4, 10.23, 22.51, 100, 755.4, 6500, 3.083e6, 2.253e10, 4.243e13],
    };
    for (const [L, row] of Object.entries(want)) {
      AUTHORS_GRID.sw2.forEach((s, i) =>
        expect(Number(skDispersion(F, Number(s), Number(L), 100, 100, 1).EK.toPrecision(4))).toBe(row[i]),
      );
    }
    expect(skDispersion(F, 2.2, 49, 100, 100, 1).EK).toBeCloseTo(6499.856, 3);
  });
});

describe('Sec. 3.4-3.5 structure and Monte Carlo table', () => {
  it('the weights-only dispersion does not depend on sigma_w (6.99830 at M = n0 = 100, L = 49)', () => {
    for (const s of [1, 2, 2.2, 3.5]) expect(skDispersion(F, s, 49, 100, 100, 1, 'weights').D).toBeCloseTo(6.9983, 4);
    expect(exact('1', 3, 3, 2, 'weights')[2]).toBe(exact('7/2', 3, 3, 2, 'weights')[2]);
  });

  it('reproduces the exact column of Sec. 3.5 (differences only from the 2^-M terms)', () => {
    const rows: [number, number, number, number, number, number][] = [
      [1.5, 6, 16, 6, 6.4917, 1.97089],
      [1.5, 12, 24, 12, 4.69688, 1.57244],
      [1.0, 5, 20, 20, 2.15625, 1.11242],
      [2.2, 5, 20, 20, 17.3787, 1.83228],
      [2.2, 10, 30, 30, 47.062, 2.5566],
      [2.5, 12, 24, 12, 432.56, 5.571],
    ];
    for (const [s, L, M, n0, EK, D] of rows) {
      const r = skDispersion(F, s, L, M, n0, 1);
      expect(Math.abs(r.EK / EK - 1)).toBeLessThan(5e-5);
      expect(Math.abs(r.D / D - 1)).toBeLessThan(5e-5);
    }
  });

  it("the SK and HN conventions meet: with sigma_w^2 = 2 the hidden bias gradients are exactly twice Hanin-Nica's", () => {
    // same hidden forward law (v_l = 2/n_{l-1}); the SK output layer has variance 2/M against HN's 1/M,
    // which doubles |delta^(l)|^2 on every hidden layer, while the output bias contributes 1 in both
    for (const [L, M, n0] of [
      [2, 4, 3],
      [4, 2, 5],
      [3, 7, 1],
    ]) {
      const hn = ntkMoments(Q, haninNicaNet(Q, [n0, ...Array.from({ length: L }, () => M), 1], fr(2)));
      const sk = ntkMoments(Q, seleznovaKutyniokNet(Q, fr(2), L, M, n0, fr(2)));
      expect(sk.EKb.sub(1).toFraction()).toBe(hn.EKb.sub(1).mul(2).toFraction());
    }
  });
});

describe('Sec. 3.6 limits', () => {
  it('6.3 joint-limit values', () => {
    const close = (a: number, b: number) => expect(Math.abs(a / b - 1)).toBeLessThan(2e-7);
    close(weightsLimit(0.5), 7.760316);
    close(biasesLimit(0.5), 2.778398);
    close(crossLimit(0.5), 3.236256);
    close(eocLimit(0.5, 1).D, 4.252806);
    close(eocLimit(0.5, 10).D, 6.971364);
    close(eocLimit(0.5, 1).exp5lambda, 12.182494);
    close(weightsLimit(1), 76.968597);
    close(biasesLimit(1), 11.393053);
    close(crossLimit(1), 16.830841);
    close(eocLimit(1, 1).D, 30.505833);
    close(eocLimit(1, 10).D, 66.486525);
  });

  it('series and closed forms agree at the switch lambda = 1, and the small-lambda slopes are 11/3, 5/3, 9/4', () => {
    for (const f of [weightsLimit, biasesLimit, crossLimit])
      expect(Math.abs(f(1) / f(1 + 1e-9) - 1)).toBeLessThan(1e-8);
    const h = 1e-5;
    expect((weightsLimit(h) - 1) / h).toBeCloseTo(11 / 3, 3);
    expect((biasesLimit(h) - 1) / h).toBeCloseTo(5 / 3, 3);
    expect((eocLimit(h, 1).D - 1) / h).toBeCloseTo(9 / 4, 3);
    expect(eocLimit(0.5, Infinity).D).toBe(weightsLimit(0.5));
    expect(eocLimit(0.5, 0).D).toBe(biasesLimit(0.5));
  });

  it('the exact DP approaches the EOC limits as O(1/M) (3.6 f table)', () => {
    const table: [number, number, 'weights' | 'both', number[]][] = [
      [0.5, 7.7603, 'weights', [7.3061, 7.6411, 7.7301]],
      [1.0, 76.969, 'weights', [68.4, 74.67, 76.38]],
      [0.5, 4.2528, 'both', [4.0679, 4.2045, 4.2406]],
    ];
    for (const [lambda, limit, inc, atM] of table) {
      const errs = [100, 400, 1600].map((M, i) => {
        const D = skDispersion(F, 2, lambda * M, M, M, 1, inc).D;
        expect(Math.abs(D / atM[i] - 1)).toBeLessThan(2e-4);
        return limit - D;
      });
      // O(1/M): quadrupling M divides the error by about 4
      expect(errs[0] / errs[1]).toBeGreaterThan(3.5);
      expect(errs[1] / errs[2]).toBeGreaterThan(3.5);
    }
  });

  it('6.4 ordered fixed-M limit: closed form, and the DP without inactive layers reaches it', () => {
    expect(orderedLimit(Q, fr(1), 100)!.toFraction()).toBe('60/59');
    expect(orderedLimit(Q, fr('3/2'), 100)!.valueOf()).toBeCloseTo(1.068702, 6);
    expect(orderedLimit(Q, fr('19/10'), 100)!.valueOf()).toBeCloseTo(1.861575, 6);
    expect(orderedLimit(Q, fr(1), 10)!.toFraction()).toBe('6/5');
    expect(orderedLimit(Q, fr('3/2'), 20)!.valueOf()).toBeCloseTo(1.473684, 6);
    expect(orderedLimit(F, 1.96, 100)).toBeNull();
    expect(skDispersion(F, 1, 80, 10, 10, 1, 'both', { deadLayers: 'ignore' }).D).toBeCloseTo(1.2, 7);
    expect(skDispersion(F, 1.5, 200, 20, 20, 1, 'both', { deadLayers: 'ignore' }).D).toBeCloseTo(1.4736842, 7);
    // with the inactive-layer event at M = 10 the exact D is visibly different at L = 80
    expect(skDispersion(F, 1, 80, 10, 10, 1).D).toBeCloseTo(1.21844, 4);
  });

  it('divergence above the finite-width threshold, slow convergence below (M = 100)', () => {
    const D = (s: number) =>
      [50, 100, 200, 400, 800].map((L) => Number(skDispersion(F, s, L, 100, 100, 1).D.toPrecision(3)));
    expect(D(1.96)).toEqual([3.09, 9.34, 59.7, 937, 8.56e4]);
    expect(D(1.94)).toEqual([2.64, 4.78, 6.4, 5.42, 4.92]);
  });

  it('near-critical double scaling (3.6 e) and Richardson consistency with D_EOC at a = 0', () => {
    expect(nearCriticalLimit(-2, 0.5, 1)).toBeCloseTo(3.233, 3);
    expect(nearCriticalLimit(3, 1, 1)).toBeCloseTo(57.6, 1);
    expect(nearCriticalLimit(10, 0.5, 1)).toBeCloseTo(6.996, 3);
    expect(Math.abs(nearCriticalLimit(0, 0.5, 1) / eocLimit(0.5, 1).D - 1)).toBeLessThan(5e-5);
  });

  it('phases: sigma_w^2 < 2 ordered, = 2 EOC, > 2 chaotic', () => {
    expect([fr('1.9'), fr(2), fr('2.1')].map(skPhase)).toEqual(['ordered', 'eoc', 'chaotic']);
  });
});

describe('convention maps onto the canonical network (docs/conventions.md)', () => {
  const relu = preset('relu');
  const layers = (gains: string[]) => gains.map((g) => ({ sigmaW2: fr(g), sigmaB2: fr(0) }));

  it('Hanin-Nica = canonical NTK parameterisation, gains 2 (hidden) and 1 (output), zero-init biases', () => {
    const spec: NetworkSpec = {
      activation: relu,
      depth: 3,
      parameterization: 'ntk',
      bias: 'zero-init',
      layers: layers(['2', '2', '1']),
      hiddenWidths: [4, 4],
    };
    const { net, include } = fromNetworkSpec(Q, spec, 2, fr(2));
    expect(include).toBe('both');
    expect(ntkMoments(Q, net).EK2.toFraction()).toBe('14875/256');
    expect(ntkMoments(Q, net).EK2.toFraction()).toBe(
      ntkMoments(Q, haninNicaNet(Q, [2, 4, 4, 1], fr(2))).EK2.toFraction(),
    );
  });

  it('Seleznova-Kutyniok = canonical standard parameterisation, one gain on every layer, depth L + 1', () => {
    const spec: NetworkSpec = {
      activation: relu,
      depth: 3,
      parameterization: 'standard',
      bias: 'zero-init',
      layers: layers(['11/5', '11/5', '11/5']),
      hiddenWidths: [5, 5],
    };
    const { net } = fromNetworkSpec(Q, spec, 3, fr(1));
    expect(ntkMoments(Q, net).EK2.toFraction()).toBe(skDispersion(Q, fr('11/5'), 2, 5, 3, fr(1)).EK2.toFraction());
  });

  it('biases absent: K is the weight part; other activations and sigma_b > 0 are refused with the reason', () => {
    const spec: NetworkSpec = {
      activation: relu,
      depth: 2,
      parameterization: 'standard',
      bias: 'absent',
      layers: layers(['2', '2']),
      hiddenWidths: [10],
    };
    const { net, include } = fromNetworkSpec(Q, spec, 10, fr(1));
    expect(include).toBe('weights');
    expect(ntkMean2(Q, net, include).EK2.toFraction()).toBe('26/5');
    expect(() => fromNetworkSpec(Q, { ...spec, activation: preset('abs') }, 10, fr(1))).toThrow(/need ReLU/);
    expect(() =>
      fromNetworkSpec(
        Q,
        {
          ...spec,
          bias: 'present',
          layers: [
            { sigmaW2: fr(2), sigmaB2: fr('1/10') },
            { sigmaW2: fr(2), sigmaB2: fr('1/10') },
          ],
        },
        10,
        fr(1),
      ),
    ).toThrow(/positive homogeneity/);
  });
});
