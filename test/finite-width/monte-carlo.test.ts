import { describe, expect, it } from 'vitest';
import { ntkMoments, updateMoments } from '../../src/finite-width/exactMoments.js';
import { floatField as F } from '../../src/finite-width/field.js';
import { lemma7Moments } from '../../src/finite-width/lemma7.js';
import { haninNicaNet, seleznovaKutyniokNet, type ZeroBiasReluNet } from '../../src/finite-width/network.js';
import { haninNicaSetup, type Law, sample, sampler, type Setup, skSetup, Stat } from './directNet.js';

/**
 * The exact-moment engine against brute-force Monte Carlo of full networks (directNet.ts shares no
 * code with the engine), in both conventions, including configurations where whole hidden layers
 * are often inactive. Fixed seeds; |z| < 4.5 on every statistic.
 */

const Z = 4.5;

function simulate(setup: Setup, x: number[], n: number, seed: number, law: Law = 'gauss') {
  const draw = sampler(seed, law);
  const s = { K: new Stat(), K2: new Stat(), Kw: new Stat(), Kb: new Stat(), Kw2: new Stat(), dK: new Stat(), Dww: new Stat(), Dwb: new Stat() };
  for (let i = 0; i < n; i++) {
    const r = sample(setup, x, draw);
    s.K.push(r.K);
    s.K2.push(r.K * r.K);
    s.Kw.push(r.Kw);
    s.Kb.push(r.Kb);
    s.Kw2.push(r.Kw * r.Kw);
    s.dK.push(-2 * r.N * r.N2);
    s.Dww.push(r.N * r.N2ww);
    s.Dwb.push((r.N * (r.N2 - r.N2ww)) / 2);
  }
  return s;
}

function expectAll(stats: ReturnType<typeof simulate>, net: ZeroBiasReluNet<number>) {
  const m = ntkMoments(F, net);
  const u = updateMoments(F, net);
  const pairs: [Stat, number, string][] = [
    [stats.K, m.EK, 'E[K]'],
    [stats.K2, m.EK2, 'E[K^2]'],
    [stats.Kw, m.EKw, 'E[K_w]'],
    [stats.Kb, m.EKb, 'E[K_b]'],
    [stats.Kw2, m.EKw2, 'E[K_w^2]'],
    [stats.dK, u.EdK, 'E[dK]/lambda'],
    [stats.Dww, u.EDww, 'E[Delta_ww]'],
    [stats.Dwb, u.EDwb, 'E[Delta_wb]'],
  ];
  for (const [s, want, name] of pairs) expect(Math.abs(s.z(want)), `${name}: MC ${s.value} +- ${s.se}, exact ${want}`).toBeLessThan(Z);
}

const sq = (x: number[]) => x.reduce((a, v) => a + v * v, 0);

describe('exact moments vs Monte Carlo of full networks (Gaussian weights)', () => {
  const hn: [number[], number[]][] = [
    [[2, 3, 1], [1, 1]],
    [[3, 2, 2, 1], [1, 0.5, -1]],
    [[2, 4, 4, 1], [1, 1]],
    [[3, 1, 2, 1], [0.3, -2, 1]],
  ];
  for (const [widths, x] of hn) {
    it(`Hanin-Nica convention, widths ${widths.join(',')}`, () => {
      expectAll(simulate(haninNicaSetup(widths), x, 200_000, widths.length * 7 + 1), haninNicaNet(F, widths, sq(x)));
    });
  }

  const sk: [number, number, number, number][] = [
    [2, 2, 4, 3],
    [1, 2, 8, 4],
    [2.2, 3, 3, 2],
  ];
  for (const [sw2, L, M, n0] of sk) {
    it(`Seleznova-Kutyniok convention, sigma_w^2 = ${sw2}, L = ${L}, M = ${M}, n0 = ${n0}`, () => {
      const x = Array.from({ length: n0 }, (_, i) => (i % 2 === 0 ? 1 : -0.5) / Math.sqrt(n0));
      expectAll(simulate(skSetup(sw2, L, M, n0), x, 120_000, 1000 + L * 10 + M), seleznovaKutyniokNet(F, sw2, L, M, n0, sq(x)));
    });
  }

  it('separates the exact mean from the sheet automaton that ignores inactive layers (M = 4)', () => {
    // seleznova-kutyniok.md 6.1 row 4: the sheet gives E[K] = 20/3, the exact value is 317/48 (0.0625 lower)
    const x = [1, 0, 0];
    const s = simulate(skSetup(2, 2, 4, 3), x, 400_000, 99);
    expect(Math.abs(s.K.z(317 / 48))).toBeLessThan(Z);
    expect(Math.abs(s.K.z(20 / 3))).toBeGreaterThan(3);
  });
});

describe('Lemma 7 sums vs Monte Carlo with uniform weights (mu_4 = 9/5)', () => {
  for (const [widths, x] of [
    [[3, 2, 2, 1], [1, 0.5, -1]],
    [[2, 4, 4, 1], [1, 1]],
  ] as [number[], number[]][]) {
    it(`widths ${widths.join(',')}`, () => {
      const s = simulate(haninNicaSetup(widths), x, 200_000, 4242 + widths[1], 'uniform');
      const l7 = lemma7Moments(F, widths, sq(x), x.reduce((a, v) => a + v ** 4, 0), 9 / 5);
      expect(Math.abs(s.Kw2.z(l7.EKw2)), `E[K_w^2] MC ${s.Kw2.value} +- ${s.Kw2.se} vs ${l7.EKw2}`).toBeLessThan(Z);
      expect(Math.abs(s.Dww.z(l7.EDww)), `E[Delta_ww] MC ${s.Dww.value} +- ${s.Dww.se} vs ${l7.EDww}`).toBeLessThan(Z);
      // first moments need only the variance: the same for every law
      const m = ntkMoments(F, haninNicaNet(F, widths, sq(x)));
      expect(Math.abs(s.Kw.z(m.EKw))).toBeLessThan(Z);
      expect(Math.abs(s.Kb.z(m.EKb))).toBeLessThan(Z);
    });
  }
});
