import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pairKernels } from '../../src/kernels/pair.js';
import { canonical } from '../helpers/specs.js';
import { D, type ReferenceNetwork, referenceKernel } from '../reference/decimalKernel.js';

/**
 * Float64 z-form recursion against a decimal.js evaluation of the textbook recursion
 * (test/reference/decimalKernel.ts). Depths to 10^5 come from a fixture the committed script
 * test/fixtures/generate-deep-ntk.ts wrote at 80 digits (about three minutes per case); depths to
 * 2000 are recomputed here at 40.
 * Issue 2's bar: relative error of the NTK <= 1e-11. Entries that are exactly 0 in theory
 * (ReLU antipodal at l = 2) are measured against the diagonal scale sqrt(Theta(x,x) Theta(y,y)).
 */
interface FixtureCase {
  name: string;
  network: ReferenceNetwork;
  x: number[];
  y: number[];
  layers: Record<string, { nngpXY: string; ntkXY: string; ntkXX: string }>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/deep-ntk.json', import.meta.url), 'utf8')) as {
  precision: number;
  cases: FixtureCase[];
};

function errors(c: FixtureCase, depth: number, ref: FixtureCase['layers']) {
  const got = pairKernels(canonical(c.network, depth), c.x, c.y);
  return Object.entries(ref)
    .filter(([l]) => Number(l) <= depth)
    .map(([l, r]) => {
      const k = got[Number(l) - 1];
      const want = Number(r.ntkXY);
      const scale = Math.max(Math.abs(want), 1e-3 * Math.sqrt(k.ntk.xx * k.ntk.yy));
      return {
        layer: Number(l),
        rel: Math.abs(k.ntk.xy - want) / scale,
        relDiag: Math.abs(k.ntk.xx - Number(r.ntkXX)) / Number(r.ntkXX),
      };
    });
}

describe('deep recursions keep their digits (fixture to depth 10^5)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      for (const e of errors(c, 100000, c.layers)) {
        expect(e.rel, `layer ${e.layer}`).toBeLessThanOrEqual(1e-11);
        expect(e.relDiag, `layer ${e.layer} diagonal`).toBeLessThanOrEqual(1e-11);
      }
    });
  }

  it('holds 80-digit values, which a live 40-digit run reproduces to 1e-30 (ReLU EOC, orthogonal, to l = 1000)', () => {
    expect(fixture.precision).toBe(80);
    const c = fixture.cases.find((k) => k.name === 'relu EOC/orthogonal') as FixtureCase;
    const live = referenceKernel({ ...c.network, depth: 1000 }, c.x, c.y, [2, 3, 10, 100, 1000]);
    for (const [l, r] of live) {
      const stored = new D(c.layers[l].ntkXY);
      expect(stored.minus(r.ntkXY).abs().div(stored).toNumber(), `layer ${l}`).toBeLessThan(1e-30);
    }
  });

  it('covers nearly parallel, orthogonal and antipodal pairs at depth 10^5', () => {
    const names = fixture.cases.filter((c) => c.layers['100000']).map((c) => c.name);
    for (const pair of ['angle 1e-6', 'orthogonal', 'antipodal'])
      expect(names.some((n) => n.endsWith(pair))).toBe(true);
  });
});

describe('live 40-digit reference at depth 2000', () => {
  const cases: [string, ReferenceNetwork, number[], number[]][] = [
    [
      'asymmetric (a, b) off the EOC with bias',
      { a: '-0.3', b: '0.9', sigmaW2: '1.1', sigmaB2: '0.05', depth: 2000 },
      [0.3, -1, 2],
      [1, 0.5, -0.25],
    ],
    [
      'abs, nearly antipodal',
      { a: '0', b: '1', sigmaW2: '1', sigmaB2: '0', depth: 2000 },
      [1, 0],
      [-Math.cos(1e-5), Math.sin(1e-5)],
    ],
  ];
  for (const [name, net, x, y] of cases) {
    it(name, () => {
      const ref = referenceKernel(net, x, y, [1, 2, 3, 10, 100, 1000, 2000]);
      const c: FixtureCase = { name, network: net, x, y, layers: Object.fromEntries(ref) };
      for (const e of errors(c, net.depth, c.layers)) expect(e.rel, `layer ${e.layer}`).toBeLessThanOrEqual(1e-11);
    });
  }
});
