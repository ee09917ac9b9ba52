import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { terjekNtk } from '../../src/kernels/eoc.js';
import { gramMatrices } from '../../src/kernels/gram.js';
import { diagonalKernels, pairKernels } from '../../src/kernels/pair.js';
import { relErr, spec } from '../helpers/specs.js';

/**
 * docs/theory.md T6 test vectors. The sheet is in the Terjek convention (unit inputs, no 1/n_0,
 * sigma^2 = 1/A_2); the canonical NTK-param. network at the EOC gives Theta = sigma^2 K_T |x||y| / n_0
 * (docs/conventions.md map), which is how the canonical values are compared here.
 */
const TABLE_6_3: [string, number, [number, number, number]][] = [
  ['relu', 0, [0, 0.318309886184, 0.685708636283]],
  ['relu', 0.5, [0.5, 0.942331114378, 1.35147956112]],
  ['relu', -0.5, [-0.5, -0.0576688856, 0.343862246]],
  ['relu', -1, [-1, 0, 0.318309886]],
  ['abs', 0, [0, 0.636619772368, 1.05032680153]],
  ['abs', 0.5, [0.5, 0.884662228755, 1.26028153482]],
  ['abs', -0.5, [-0.5, 0.884662229, 1.260281535]],
  ['abs', -1, [-1, 2, 3]],
  ['leaky:0.1', 0, [0, 0.255278225553, 0.586292435729]],
  ['leaky:0.1', 0.5, [0.5, 0.953750695689, 1.37678242671]],
  ['leaky:0.1', -0.5, [-0.5, -0.244269106, 0.102752846]],
  ['leaky:0.1', -1, [-1, -0.396039604, -0.0753946665]],
  ['linear', 0, [0, 0, 0]],
  ['linear', 0.5, [0.5, 1, 1.5]],
];

function unitPair(rho: number): [number[], number[]] {
  return [
    [1, 0],
    [rho, Math.sqrt(1 - rho * rho)],
  ];
}

/**
 * The sheet rounds to the digits it prints: accept half a unit in the last printed digit (plus
 * 1e-13 of the diagonal scale l for entries printed as exact zeros).
 */
function close(got: number, want: number, scale: number): void {
  const text = String(want);
  const digits = text.replace(/^-?[0.]*/, '').replace('.', '').length;
  const exponent = want === 0 ? 0 : Math.floor(Math.log10(Math.abs(want)));
  const halfUlp = want === 0 || digits >= 12 ? 0 : 0.5 * 10 ** (exponent - digits + 1);
  expect(Math.abs(got - want)).toBeLessThanOrEqual(halfUlp + 1e-11 * Math.max(scale, Math.abs(want)));
}

describe('docs/theory.md T6.3: K_inf/(|x1||x2|) for l = 1, 2, 3', () => {
  for (const [act, rho, values] of TABLE_6_3) {
    it(`${act}, rho = ${rho}`, () => {
      const s = spec(act, 3);
      const sigma2 = s.layers[0].sigmaW2.valueOf();
      const [x, y] = unitPair(rho);
      const layers = pairKernels(s, x, y);
      values.forEach((want, l) => {
        close(
          terjekNtk(
            rho,
            s.activation.b
              .mul(s.activation.b)
              .div(s.activation.a.mul(s.activation.a).add(s.activation.b.mul(s.activation.b)))
              .valueOf(),
            l + 1,
          ),
          want,
          l + 1,
        );
        close((layers[l].ntk.xy * 2) / sigma2, want, l + 1);
        expect((layers[l].ntk.xx * 2) / sigma2).toBeCloseTo(l + 1, 13);
      });
    });
  }

  it("derivative kernels Sdot = varrho'(rho_{l-1}) of the sheet (docs/theory.md T6.2)", () => {
    const relu = pairKernels(spec('relu', 3), [1, 0], [0, 1]);
    expect(relu[0].sdot).toBeNull();
    expect(relu[1].sdot!.xy).toBeCloseTo(0.5, 15);
    expect(relErr(relu[2].sdot!.xy, 0.603115248427)).toBeLessThan(1e-11);
    expect(relu[2].sdot!.xx).toBe(1);
    const abs = pairKernels(spec('abs', 3), [1, 0], [0, 1]);
    expect(relErr(abs[2].sdot!.xy, 0.43933581942)).toBeLessThan(1e-10);
  });

  it('cosines rho_l of the sheet', () => {
    const [x, y] = unitPair(0.5);
    const cos = pairKernels(spec('relu', 3), x, y).map((l) => l.cosine);
    expect(relErr(cos[1], 0.608997781044)).toBeLessThan(1e-11);
    expect(relErr(cos[2], 0.683905650899)).toBeLessThan(1e-11);
  });

  it('homogeneity: x1 = (3,0), x2 = (1, sqrt 3) gives 6 u_l; ReLU l = 3 is 8.10887736672', () => {
    const s = spec('relu', 3);
    const layers = pairKernels(s, [3, 0], [1, Math.sqrt(3)]);
    expect(relErr((layers[2].ntk.xy * 2) / 2, 8.10887736672)).toBeLessThan(1e-11);
  });
});

describe('closed-form special cases', () => {
  it('linear: Theta^(l) = l sigma_w^2 <x,y>/n_0 at every depth', () => {
    const s = spec('linear', 12);
    const x = [0.3, -1.2, 2];
    const y = [1.5, 0.25, -0.75];
    const dot = x.reduce((acc, xi, i) => acc + xi * y[i], 0);
    pairKernels(s, x, y).forEach((l) => expect(relErr(l.ntk.xy, (l.layer * dot) / 3)).toBeLessThan(1e-14));
  });

  it('abs antipodal: K = l exactly (x and -x have the same activations)', () => {
    pairKernels(spec('abs', 50), [1, 0], [-1, 0]).forEach((l, i) => {
      if (i > 0) expect(relErr(l.ntk.xy * 2, l.layer)).toBeLessThan(1e-14);
    });
  });

  it('ReLU antipodal at l = 2 is 0', () => {
    expect(Math.abs(pairKernels(spec('relu', 2), [1, 0], [-1, 0])[1].ntk.xy)).toBeLessThan(1e-15);
  });

  it('diagonal: Theta(x,x) = l |x|^2 sigma_w^2/n_0 at the EOC and matches the pair diagonal', () => {
    const s = spec('leaky:0.1', 7);
    const x = [1, 2, -2];
    const d = diagonalKernels(s, x);
    const p = pairKernels(s, x, [0, 1, 0]);
    d.forEach((l, i) => {
      expect(relErr(l.ntk, ((i + 1) * 9 * (200 / 101)) / 3)).toBeLessThan(1e-14);
      expect(l.ntk).toBe(p[i].ntk.xx);
      expect(l.nngp).toBe(p[i].nngp.xx);
    });
  });
});

describe('docs/theory.md T6.5: small NTK matrices (with the 1/n factor)', () => {
  function conditionNumber(act: string, depth: number, pts: number[][]): { eig: number[]; kappa: number } {
    const g = gramMatrices(spec(act, depth), pts);
    const n = pts.length;
    const sigma2 = spec(act, depth).layers[0].sigmaW2.valueOf();
    // Terjek's NTK matrix: (1/n) K_T, with K_T = Theta n_0 / sigma^2 for unit inputs.
    const m = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (g.ntk[0][i * n + j] * 2) / sigma2 / n),
    );
    const eig = (eigs(m).values as number[]).slice().sort((a, b) => a - b);
    return { eig, kappa: eig[n - 1] / eig[0] };
  }
  const three = [
    [1, 0],
    [0, 1],
    [0.5, Math.sqrt(3) / 2],
  ];

  it('n = 2, {e1, e2}: eigenvalues (l +- u)/2 and condition numbers', () => {
    const relu2 = conditionNumber('relu', 2, [
      [1, 0],
      [0, 1],
    ]);
    expect(relErr(relu2.eig[0], 0.8408450569)).toBeLessThan(1e-9);
    expect(relErr(relu2.eig[1], 1.159154943)).toBeLessThan(1e-9);
    expect(relErr(relu2.kappa, 1.378559502)).toBeLessThan(1e-9);
    expect(
      relErr(
        conditionNumber('relu', 10, [
          [1, 0],
          [0, 1],
        ]).kappa,
        1.922245242,
      ),
    ).toBeLessThan(1e-9);
    expect(
      relErr(
        conditionNumber('abs', 3, [
          [1, 0],
          [0, 1],
        ]).kappa,
        2.077438827,
      ),
    ).toBeLessThan(1e-9);
    expect(
      relErr(
        conditionNumber('leaky:0.1', 10, [
          [1, 0],
          [0, 1],
        ]).kappa,
        1.882535477,
      ),
    ).toBeLessThan(1e-9);
    expect(
      conditionNumber('linear', 6, [
        [1, 0],
        [0, 1],
      ]).kappa,
    ).toBeCloseTo(1, 14);
  });

  it('n = 3: ReLU l = 2 eigenvalues and condition numbers at l = 3, 10', () => {
    const r2 = conditionNumber('relu', 2, three);
    [0.08906548655, 0.5746118735, 1.33632264].forEach((want, i) => expect(relErr(r2.eig[i], want)).toBeLessThan(1e-8));
    expect(relErr(conditionNumber('relu', 3, three).kappa, 9.31106606)).toBeLessThan(1e-8);
    expect(relErr(conditionNumber('relu', 10, three).kappa, 4.066266422)).toBeLessThan(1e-8);
    expect(relErr(conditionNumber('abs', 2, three).kappa, 8.095293987)).toBeLessThan(1e-8);
    expect(relErr(conditionNumber('leaky:0.1', 3, three).kappa, 11.07292941)).toBeLessThan(1e-8);
  });

  it('n = 3: off-diagonals of ReLU at l = 3', () => {
    const g = gramMatrices(spec('relu', 3), three);
    const k = (i: number, j: number) => g.ntk[0][i * 3 + j];
    expect(relErr(k(0, 1), 0.6857086363)).toBeLessThan(1e-9);
    expect(relErr(k(0, 2), 1.351479561)).toBeLessThan(1e-9);
    expect(relErr(k(1, 2), 2.244232387)).toBeLessThan(1e-9);
  });

  it('n = 3 linear: singular (3 points in R^2)', () => {
    expect(conditionNumber('linear', 3, three).eig[0]).toBeLessThan(1e-14);
  });
});
