import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { theorem1Bracket, theorem2Bracket } from '../../src/finite-width/brackets.js';
import { ntkMoments, updateMoments } from '../../src/finite-width/exactMoments.js';
import { floatField as F, exactField as Q } from '../../src/finite-width/field.js';
import { haninNicaReport } from '../../src/finite-width/haninNica.js';
import { lemma7Moments } from '../../src/finite-width/lemma7.js';
import { haninNicaNet } from '../../src/finite-width/network.js';
import { Fraction } from '../../src/util/exact.js';

const fr = (s: string) => new Fraction(s);
const str = (f: Fraction) => f.toFraction();

/** docs/theory.md H6: widths, x, then E[K_w], E[K_b], E[K], E[K^2], E[dK]/lambda, E[Delta_ww], E[Delta_wb], E[K_w^2] Gauss, E[K_w^2] uniform. */
const TV: [string, number[], string[], string[]][] = [
  ['TV1', [2, 1], ['1', '1'], ['1', '1', '2', '4', '0', '0', '0', '1', '1']],
  ['TV2', [2, 3, 1], ['1', '1'], ['2', '3/2', '7/2', '56/3', '-4', '4/3', '1/3', '8', '34/5']],
  [
    'TV3',
    [3, 2, 2, 1],
    ['1', '1/2', '-1'],
    ['9/4', '15/8', '33/8', '4651/64', '-75/2', '99/8', '51/16', '2385/64', '38137/1600'],
  ],
  [
    'TV4',
    [2, 4, 4, 1],
    ['1', '1'],
    ['3', '63/32', '159/32', '14875/256', '-85/4', '15/2', '25/16', '489/16', '9033/400'],
  ],
];

const norms = (x: Fraction[]) => ({
  q: x.reduce((a, v) => a.add(v.mul(v)), fr('0')),
  q4: x.reduce((a, v) => a.add(v.pow(4)), fr('0')),
});

describe('Hanin & Nica test vectors TV1-TV4 (exact rationals)', () => {
  for (const [id, widths, xs, want] of TV) {
    it(id, () => {
      const x = xs.map(fr);
      const { q, q4 } = norms(x);
      const net = haninNicaNet(Q, widths, q);
      const m = ntkMoments(Q, net);
      const u = updateMoments(Q, net);
      const gauss = lemma7Moments(Q, widths, q, q4, fr('3'));
      const unif = lemma7Moments(Q, widths, q, q4, fr('9/5'));
      expect([m.EKw, m.EKb, m.EK, m.EK2, u.EdK, u.EDww, u.EDwb, m.EKw2, unif.EKw2].map(str)).toEqual(want);
      expect(str(gauss.EKw2)).toBe(str(m.EKw2));
      expect(str(gauss.EDww)).toBe(str(u.EDww));
    });
  }
});

/** Deterministic pseudo-random widths/inputs for the property checks. */
function* configs(count: number) {
  let s = 12345;
  const next = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  for (let c = 0; c < count; c++) {
    const d = 1 + next(5);
    const widths = [1 + next(3), ...Array.from({ length: d - 1 }, () => 1 + next(4)), 1];
    const x = Array.from({ length: widths[0] }, () => new Fraction(next(7) - 3 || 1, 1 + next(3)));
    yield { widths, x };
  }
}

describe('the two exact routes agree: Lemma 7 transfer matrix (E5) at mu_4 = 3 = Gaussian representation (E7)', () => {
  it('on 40 random nets with widths 1..4 (inactive layers frequent)', () => {
    for (const { widths, x } of configs(40)) {
      const { q, q4 } = norms(x);
      const net = haninNicaNet(Q, widths, q);
      const l7 = lemma7Moments(Q, widths, q, q4, fr('3'));
      expect(str(l7.EKw2), `E[K_w^2] ${widths}`).toBe(str(ntkMoments(Q, net).EKw2));
      expect(str(l7.EDww), `E[Delta_ww] ${widths}`).toBe(str(updateMoments(Q, net).EDww));
    }
  });

  it('E5 depends on |x|_4 only through (mu_4 - 3)', () => {
    const w = [3, 2, 3, 1];
    const a = lemma7Moments(Q, w, fr('3'), fr('3'), fr('3'));
    const b = lemma7Moments(Q, w, fr('3'), fr('1'), fr('3'));
    expect(str(a.EKw2)).toBe(str(b.EKw2));
    expect(str(lemma7Moments(Q, w, fr('3'), fr('3'), fr('9/5')).EKw2)).not.toBe(
      str(lemma7Moments(Q, w, fr('3'), fr('1'), fr('9/5')).EKw2),
    );
  });
});

describe('exact identities of docs/theory.md H3.2', () => {
  it('E1 and the corrected E2: E[K_w] = d|x|^2/n_0, E[K_b] = 1 + (1/2) sum_l prod_{i<l}(1 - 2^-n_i)', () => {
    for (const { widths, x } of configs(30)) {
      const { q } = norms(x);
      const m = ntkMoments(Q, haninNicaNet(Q, widths, q));
      const d = widths.length - 1;
      expect(str(m.EKw)).toBe(str(q.mul(d).div(widths[0])));
      let Kb = fr('1');
      let alive = fr('1');
      for (let l = 1; l < d; l++) {
        Kb = Kb.add(alive.div(2));
        alive = alive.mul(fr('1').sub(new Fraction(1n, 2n ** BigInt(widths[l]))));
      }
      expect(str(m.EKb)).toBe(str(Kb));
    }
  });

  it('E8 (d = 2, Gaussian): E[K^2] = (2s + 3/2)^2 + Var(T)/n_1 and E[dK]/lambda = -4s(2s+1)/n_1', () => {
    for (const [n0, n1, xs] of [
      [2, 3, ['1', '1']],
      [1, 1, ['2']],
      [3, 5, ['1/2', '-1', '3']],
      [2, 2, ['1', '0']],
    ] as [number, number, string[]][]) {
      const x = xs.map(fr);
      const { q } = norms(x);
      const s = q.div(n0);
      const twoS1 = s.mul(2).add(1);
      const varT = twoS1
        .mul(twoS1)
        .mul(fr('5/4'))
        .add(
          q
            .mul(q)
            .mul(6)
            .div(n0 * n0)
            .sub(s.mul(s)),
        )
        .add(s.mul(twoS1));
      const net = haninNicaNet(Q, [n0, n1, 1], q);
      expect(str(ntkMoments(Q, net).EK2)).toBe(str(s.mul(2).add(fr('3/2')).pow(2).add(varT.div(n1))));
      expect(str(updateMoments(Q, net).EdK)).toBe(str(s.mul(-4).mul(twoS1).div(n1)));
    }
  });

  it("phi'(0) = 1/2 on an inactive layer (deadLayers 'canonical'), by hand at widths [3, 2, n2, 1]", () => {
    // layer 1 inactive (probability 1/4): K = 1 + X, X = chi^2_{n2}/(4 n2) (the output weights at
    // slope 1/2), so E[K] gains 1/4 and E[K^2] gains 2 E[X] + E[X^2] = 1/2 + (n2 + 2)/(16 n2) over
    // ReLU'(0) = 0; layer 2 inactive leaves only the output bias either way; K_w and dK unchanged
    for (const n2 of [1, 2, 5]) {
      const net = haninNicaNet(Q, [3, 2, n2, 1], fr('9/4'));
      const half = ntkMoments(Q, net, { deadLayers: 'canonical' });
      const zero = ntkMoments(Q, net, { deadLayers: 'exact' });
      expect(str(half.EK.sub(zero.EK))).toBe('1/16');
      expect(half.EK2.sub(zero.EK2).equals(fr('1/4').mul(fr('1/2').add(new Fraction(n2 + 2, 16 * n2))))).toBe(true);
      expect(half.EKw.equals(zero.EKw) && half.EKw2.equals(zero.EKw2) && half.EKwKb.equals(zero.EKwKb)).toBe(true);
      expect(half.pDead.equals(zero.pDead)).toBe(true);
    }
  });

  it('E[dK] < 0 whenever d >= 2 (docs/theory.md H3.1 item 3)', () => {
    for (const { widths, x } of configs(30)) {
      if (widths.length < 3) continue;
      expect(updateMoments(Q, haninNicaNet(Q, widths, norms(x).q)).EdK.compare(0)).toBeLessThan(0);
    }
  });

  it('Float64 engine = exact engine, including a deep net', () => {
    for (const widths of [
      [3, 2, 2, 1],
      [5, 7, 3, 9, 1],
      [4, ...Array.from({ length: 12 }, () => 10), 1],
    ]) {
      const q = fr('7/3');
      const e = ntkMoments(Q, haninNicaNet(Q, widths, q));
      const f = ntkMoments(F, haninNicaNet(F, widths, 7 / 3));
      const eu = updateMoments(Q, haninNicaNet(Q, widths, q));
      const fu = updateMoments(F, haninNicaNet(F, widths, 7 / 3));
      for (const [a, b] of [
        [e.EK2, f.EK2],
        [e.EKb2, f.EKb2],
        [eu.EdK, fu.EdK],
      ] as [Fraction, number][])
        expect(Math.abs(b / Q.toNumber(a) - 1)).toBeLessThan(1e-13);
    }
  });

  it('small beta: -E[dK]/lambda = (2/3)(2s^2 + s) d(d^2 - 1)/n to first order (docs/theory.md H3.1 item 4)', () => {
    for (const s of [1, 0.01]) {
      for (const d of [3, 5, 10]) {
        const n = 1e5;
        const u = updateMoments(F, haninNicaNet(F, [10, ...Array.from({ length: d - 1 }, () => n), 1], 10 * s));
        expect(-u.EdK / (((2 / 3) * (2 * s * s + s) * d * (d * d - 1)) / n)).toBeCloseTo(1, 3);
      }
    }
    // the sheet's example: n = n_0 = 64, d = 16, |x|^2 = n_0: |E[dK]|/E[K] = 10.40, not (d beta/n_0) e^{5 beta} = 0.189
    const net = haninNicaNet(F, [64, ...Array.from({ length: 15 }, () => 64), 1], 64);
    expect(-updateMoments(F, net).EdK / ntkMoments(F, net).EK).toBeCloseTo(10.4026, 4);
  });

  it('E[K^2]/E[K]^2 tracks prod(1 + 5/n_i) at small beta (docs/theory.md H3.3)', () => {
    const widths = [100, ...Array.from({ length: 5 }, () => 200), 1];
    const m = ntkMoments(F, haninNicaNet(F, widths, 100));
    const ratio = m.EK2 / m.EK ** 2 / (1 + 5 / 200) ** 5;
    expect(ratio).toBeLessThan(1);
    expect(ratio).toBeGreaterThan(0.9);
  });
});

describe('Theorem 1 and 2 brackets as printed (docs/theory.md H6, TV4)', () => {
  it('match the sheet arithmetic', () => {
    const t1 = theorem1Bracket([2, 4, 4, 1], 2);
    expect(t1.bracket).toBeCloseTo(10.559763, 5);
    expect(t1.betaPrinted).toBe(1.5);
    expect(t1.betaHidden).toBe(0.5);
    expect(t1.withBetaPrinted / 19092.5).toBeCloseTo(1, 4);
    expect(t1.withBetaHidden / 128.644).toBeCloseTo(1, 5);
    const t2 = theorem2Bracket([2, 4, 4, 1], 2);
    expect(t2.bracket).toBeCloseTo(0.286912, 5);
    expect(t2.withBetaHidden).toBeCloseTo(3.4953, 4);
    expect(t2.withBetaPrinted / 518.75).toBeCloseTo(1, 4);
  });

  it('report the ratio exact/bracket (0.45 and 6.08 at TV4)', () => {
    const rep = haninNicaReport(Q, [2, 4, 4, 1], [fr('1'), fr('1')], fr('3'));
    expect(rep.brackets.thm1.ratioToHidden).toBeCloseTo(0.4517, 4);
    expect('ratioToHidden' in rep.brackets.thm2 && rep.brackets.thm2.ratioToHidden).toBeCloseTo(6.0796, 4);
    expect(rep.printed.EK.exact).toBe('9/2');
    expect(rep.moments.EK.exact).toBe('159/32');
  });

  it('Theorem 2 refuses d = 1 and says why', () => {
    expect(() => theorem2Bracket([2, 1], 2)).toThrow(/needs d >= 2/);
    const rep = haninNicaReport(F, [2, 1], [1, 1], 3);
    expect(rep.brackets.thm2).toMatchObject({ applicable: false });
  });
});

describe('input checks', () => {
  it('rejects widths not ending in 1, zero widths, wrong-length or zero x, mu_4 < 1', () => {
    expect(() => haninNicaNet(F, [2, 3, 2], 1)).toThrow(InputError);
    expect(() => haninNicaNet(F, [2, 0, 1], 1)).toThrow(/positive integer/);
    expect(() => haninNicaNet(F, [2, 3, 1], 0)).toThrow(/x != 0/);
    expect(() => haninNicaReport(F, [2, 3, 1], [1, 1, 1], 3)).toThrow(/n_0 = 2/);
    expect(() => haninNicaReport(F, [2, 3, 1], [1, 1], 0.5)).toThrow(/>= 1/);
  });
});
