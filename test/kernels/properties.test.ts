import fc from 'fast-check';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { fromCoefficients } from '../../src/activation/family.js';
import { dualKernels, varrho, varrhoPrime } from '../../src/kernels/cosineMap.js';
import { gramMatrices } from '../../src/kernels/gram.js';
import { pairKernels } from '../../src/kernels/pair.js';
import type { BiasMode, NetworkSpec, Parameterization } from '../../src/spec/network.js';
import { Fraction } from '../../src/util/exact.js';
import { relErr } from '../helpers/specs.js';

const SEED = 20261123;

/** Textbook recursion in the cosine form (docs/conventions.md), for comparison with the z-form. */
function textbook(s: NetworkSpec, x: number[], y: number[]): { ntk: number; nngp: number }[] {
  const a = s.activation.a.valueOf();
  const b = s.activation.b.valueOf();
  const A2 = a * a + b * b;
  const n0 = x.length;
  const dot = (u: number[], v: number[]) => u.reduce((acc, ui, i) => acc + ui * v[i], 0);
  const out: { ntk: number; nngp: number }[] = [];
  let [pxx, pxy, pyy] = [dot(x, x) / n0, dot(x, y) / n0, dot(y, y) / n0];
  let theta = 0;
  let prev: [number, number, number] | null = null;
  for (let l = 0; l < s.depth; l++) {
    const w = s.layers[l].sigmaW2.valueOf();
    const v = s.bias === 'present' ? s.layers[l].sigmaB2.valueOf() : 0;
    const m = s.bias === 'absent' ? 0 : s.bias === 'zero-init' ? 1 : s.parameterization === 'ntk' ? v : 1;
    const g = s.parameterization === 'ntk' ? w : l === 0 ? n0 : s.hiddenWidths![l - 1];
    const sdot = prev ? w * dualKernels(a, b, prev[0], prev[2], prev[1]).dphiDphi : 0;
    theta = g * pxy + m + sdot * theta;
    const q: [number, number, number] = [w * pxx + v, w * pxy + v, w * pyy + v];
    out.push({ ntk: theta, nngp: q[1] });
    pxx = A2 * q[0];
    pyy = A2 * q[2];
    pxy = dualKernels(a, b, q[0], q[2], q[1]).phiPhi;
    prev = q;
  }
  return out;
}

const coefficient = fc.integer({ min: -40, max: 40 }).map((k) => k / 20);
const activation = fc
  .tuple(coefficient, coefficient)
  .filter(([a, b]) => a !== 0 || b !== 0)
  .map(([a, b]) => fromCoefficients(String(a), String(b)));
const vector = (n: number) =>
  fc
    .array(
      fc.integer({ min: -30, max: 30 }).map((k) => k / 10),
      { minLength: n, maxLength: n },
    )
    .filter((v) => v.some((c) => c !== 0));
const network = fc
  .record({
    act: activation,
    depth: fc.integer({ min: 1, max: 12 }),
    sw2: fc.integer({ min: 1, max: 60 }).map((k) => new Fraction(k, 20)),
    sb2: fc.integer({ min: 0, max: 10 }).map((k) => new Fraction(k, 20)),
    bias: fc.constantFrom<BiasMode>('absent', 'present', 'zero-init'),
    param: fc.constantFrom<Parameterization>('ntk', 'standard'),
    width: fc.integer({ min: 1, max: 500 }),
  })
  .map(
    ({ act, depth, sw2, sb2, bias, param, width }): NetworkSpec => ({
      activation: act,
      depth,
      parameterization: param,
      bias,
      layers: Array.from({ length: depth }, () => ({
        sigmaW2: sw2,
        sigmaB2: bias === 'present' ? sb2 : new Fraction(0),
      })),
      hiddenWidths: Array.from({ length: depth - 1 }, () => width),
    }),
  );

describe('properties of the infinite-width kernels (fast-check, fixed seed)', () => {
  it('the z-form recursion equals the textbook cosine recursion at moderate depth', () => {
    fc.assert(
      fc.property(network, vector(3), vector(3), (s, x, y) => {
        const got = pairKernels(s, x, y);
        const want = textbook(s, x, y);
        const scale = (l: number) => Math.sqrt(got[l].ntk.xx * got[l].ntk.yy) + 1e-300;
        got.forEach((l, i) => {
          expect(Math.abs(l.ntk.xy - want[i].ntk) / scale(i)).toBeLessThan(1e-12);
          expect(Math.abs(l.nngp.xy - want[i].nngp) / (Math.sqrt(l.nngp.xx * l.nngp.yy) + 1e-300)).toBeLessThan(1e-12);
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('symmetry, Cauchy-Schwarz, and degree-1 homogeneity without biases', () => {
    fc.assert(
      fc.property(
        network,
        vector(4),
        vector(4),
        fc.integer({ min: 1, max: 50 }).map((k) => k / 7),
        (s, x, y, c) => {
          const xy = pairKernels(s, x, y);
          const yx = pairKernels(s, y, x);
          xy.forEach((l, i) => {
            expect(l.ntk.xy).toBe(yx[i].ntk.xy);
            expect(Math.abs(l.ntk.xy)).toBeLessThanOrEqual(Math.sqrt(l.ntk.xx * l.ntk.yy) * (1 + 1e-12));
            expect(Math.abs(l.nngp.xy)).toBeLessThanOrEqual(Math.sqrt(l.nngp.xx * l.nngp.yy) * (1 + 1e-12));
          });
          if (s.bias === 'absent') {
            const scaled = pairKernels(
              s,
              x.map((v) => v * c),
              y,
            );
            scaled.forEach((l, i) =>
              expect(Math.abs(l.ntk.xy - c * xy[i].ntk.xy)).toBeLessThanOrEqual(
                1e-12 * c * Math.sqrt(xy[i].ntk.xx * xy[i].ntk.yy),
              ),
            );
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('Gram matrices are symmetric and positive semi-definite up to rounding', () => {
    fc.assert(
      fc.property(network, fc.array(vector(3), { minLength: 2, maxLength: 7 }), (s, pts) => {
        const g = gramMatrices(s, pts, undefined, { allLayers: true });
        const n = pts.length;
        for (const m of [...g.ntk, ...g.nngp]) {
          const rows = Array.from({ length: n }, (_, i) => Array.from(m.subarray(i * n, (i + 1) * n)));
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(rows[i][j]).toBe(rows[j][i]);
          const ev = eigs(rows).values as number[];
          const top = Math.max(...ev.map(Math.abs));
          expect(Math.min(...ev)).toBeGreaterThanOrEqual(-1e-10 * top);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("varrho(1) = varrho'(1) = 1 and varrho maps [-1, 1] into [-1, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
        fc.integer({ min: -1000, max: 1000 }).map((k) => k / 1000),
        (Delta, rho) => {
          expect(varrho(1, Delta)).toBe(1);
          expect(varrhoPrime(1, Delta)).toBe(1);
          const r = varrho(rho, Delta);
          expect(r).toBeGreaterThanOrEqual(-1);
          expect(r).toBeLessThanOrEqual(1);
          expect(varrhoPrime(rho, Delta)).toBeGreaterThanOrEqual(-1);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('the z-form of varrho matches the closed form of docs/theory.md T2.2 away from rho = 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
        fc.integer({ min: -999, max: 900 }).map((k) => k / 1000),
        (Delta, rho) => {
          const closed = rho + Delta * (2 / Math.PI) * (Math.sqrt(1 - rho * rho) - rho * Math.acos(rho));
          expect(Math.abs(varrho(rho, Delta) - closed)).toBeLessThan(4e-15);
          expect(Math.abs(varrhoPrime(rho, Delta) - (1 - Delta * (2 / Math.PI) * Math.acos(rho)))).toBeLessThan(4e-15);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('standard parameterization (neural-tangents "standard")', () => {
  it("Theta^(1) = <x,y> (+1 with biases) and Theta^(2) = n_1 E[phi phi] + sigma_w^2 E[phi'phi'] Theta^(1)", () => {
    const act = fromCoefficients('1/2', '1/2');
    const s: NetworkSpec = {
      activation: act,
      depth: 2,
      parameterization: 'standard',
      bias: 'present',
      layers: [
        { sigmaW2: new Fraction(2), sigmaB2: new Fraction(1, 10) },
        { sigmaW2: new Fraction(3, 2), sigmaB2: new Fraction(1, 5) },
      ],
      hiddenWidths: [64],
    };
    const x = [1, 2];
    const y = [-0.5, 1];
    const [l1, l2] = pairKernels(s, x, y);
    expect(l1.ntk.xy).toBeCloseTo(1.5 + 1, 14);
    const q1 = (2 * 5) / 2 + 0.1;
    const q2 = (2 * 1.25) / 2 + 0.1;
    const c = (2 * 1.5) / 2 + 0.1;
    const d = dualKernels(0.5, 0.5, q1, q2, c);
    expect(relErr(l2.ntk.xy, 64 * d.phiPhi + 1 + 1.5 * d.dphiDphi * 2.5)).toBeLessThan(1e-14);
    expect(relErr(l2.nngp.xy, 1.5 * d.phiPhi + 0.2)).toBeLessThan(1e-14);
  });

  it('refuses to guess the widths it depends on', () => {
    const act = fromCoefficients('1/2', '1/2');
    const s: NetworkSpec = {
      activation: act,
      depth: 3,
      parameterization: 'standard',
      bias: 'absent',
      layers: Array.from({ length: 3 }, () => ({ sigmaW2: new Fraction(2), sigmaB2: new Fraction(0) })),
    };
    expect(() => pairKernels(s, [1, 0], [0, 1])).toThrow(/needs the 2 hidden widths/);
  });
});

describe('zero inputs and range', () => {
  it('a zero input without bias has kernel 0; with bias it enters through sigma_b', () => {
    const act = fromCoefficients('1/2', '1/2');
    const base = { activation: act, depth: 3, parameterization: 'ntk' as const, hiddenWidths: undefined };
    const noBias: NetworkSpec = {
      ...base,
      bias: 'absent',
      layers: Array.from({ length: 3 }, () => ({ sigmaW2: new Fraction(2), sigmaB2: new Fraction(0) })),
    };
    pairKernels(noBias, [0, 0], [1, 0]).forEach((l) => {
      expect(l.ntk.xx).toBe(0);
      expect(l.ntk.xy).toBe(0);
      expect(l.nngp.xy).toBe(0);
    });
    const bias: NetworkSpec = {
      ...base,
      bias: 'present',
      layers: Array.from({ length: 3 }, () => ({ sigmaW2: new Fraction(2), sigmaB2: new Fraction(1, 4) })),
    };
    const [l1, l2] = pairKernels(bias, [0, 0], [0, 0]);
    expect(l1.nngp.xx).toBe(0.25);
    expect(l1.nngp.xy).toBe(0.25);
    expect(l2.nngp.xx).toBeCloseTo(2 * 0.5 * 0.25 + 0.25, 15);
  });

  it('says so instead of returning Infinity when the variance overflows', () => {
    const act = fromCoefficients('1/2', '1/2');
    const s: NetworkSpec = {
      activation: act,
      depth: 3000,
      parameterization: 'ntk',
      bias: 'absent',
      layers: Array.from({ length: 3000 }, () => ({ sigmaW2: new Fraction(4), sigmaB2: new Fraction(0) })),
    };
    expect(() => pairKernels(s, [1, 0], [0, 1])).toThrow(/overflows in Float64 at layer \d+/);
    const small: NetworkSpec = {
      ...s,
      layers: s.layers.map(() => ({ sigmaW2: new Fraction(1), sigmaB2: new Fraction(0) })),
    };
    expect(() => pairKernels(small, [1, 0], [0, 1])).toThrow(/underflows to 0 in Float64/);
  });
});
