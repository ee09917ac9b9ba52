import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromCoefficients, preset } from '../../src/activation/family.js';
import { asinBelowHalf } from '../../src/kernels/cosineMap.js';
import { gramMatrices } from '../../src/kernels/gram.js';
import { simdAvailable } from '../../src/kernels/gramSimd.js';
import { pairKernels } from '../../src/kernels/pair.js';
import type { NetworkSpec } from '../../src/spec/network.js';
import { Fraction } from '../../src/util/exact.js';
import { canonical, spec } from '../helpers/specs.js';
import type { ReferenceNetwork } from '../reference/decimalKernel.js';

/**
 * The Gram kernel (src/kernels/gramCore.ts) recurses blocks of pairs side by side with an inlined
 * arcsine; its plain reference is the pair recursion (crossSequence via pairKernels), which
 * deep-accuracy.test.ts checks against the stored 80-digit references. Both must agree bit for bit.
 */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('asinBelowHalf, the inlined arcsine of the Gram kernel', () => {
  it('is bit-identical to Math.asin on [0, 1/2)', () => {
    const next = lcg(7);
    const xs = [0, 5e-324, 2 ** -27, 2 ** -27 * (1 - 2 ** -53), 0.479, 0.49999999999999994];
    for (let i = 0; i < 20000; i++) xs.push(next() / 2, Math.exp(-40 * next()) / 2);
    for (const x of xs) expect(asinBelowHalf(x), `x = ${x}`).toBe(Math.asin(x));
  });
});

function network(act: string, depth: number, opts: Partial<NetworkSpec> & { sw2?: Fraction; sb2?: Fraction }) {
  const base = spec(act, depth);
  const sw2 = opts.sw2 ?? base.layers[0].sigmaW2;
  const sb2 = opts.sb2 ?? new Fraction(0);
  return { ...base, ...opts, layers: Array.from({ length: depth }, () => ({ sigmaW2: sw2, sigmaB2: sb2 })) };
}

const depth = 80;
const networks: [string, NetworkSpec][] = [
  ['ReLU EOC, no bias', network('relu', depth, {})],
  ['ReLU EOC, sigma_b^2 = 0.01', network('relu', depth, { bias: 'present', sb2: new Fraction(1, 100) })],
  ['abs, sigma_b^2 = 0.3', network('abs', depth, { bias: 'present', sb2: new Fraction(3, 10) })],
  [
    'leaky 0.1 off the EOC, zero-init biases',
    network('leaky:0.1', depth, { sw2: new Fraction(11, 5), bias: 'zero-init' }),
  ],
  [
    'asymmetric (a, b), standard parameterization',
    {
      ...network('relu', depth, { bias: 'present', sb2: new Fraction(1, 20), sw2: new Fraction(11, 10) }),
      activation: fromCoefficients('-0.3', '0.9'),
      parameterization: 'standard',
      hiddenWidths: Array.from({ length: depth - 1 }, () => 64),
    },
  ],
  ['linear', network('linear', depth, {})],
];

/** Pairs of every kind: random, nearly parallel, antipodal, orthogonal, zero, tiny and huge norms. */
function inputs(dim: number): number[][] {
  const next = lcg(3);
  const random = Array.from({ length: 14 }, () => Array.from({ length: dim }, () => next() - 0.5));
  const e1 = [1, ...Array(dim - 1).fill(0)];
  const nearly = [Math.cos(1e-6), Math.sin(1e-6), ...Array(dim - 2).fill(0)];
  return [
    ...random,
    e1,
    nearly,
    e1.map((v) => -v),
    [0, 1, ...Array(dim - 2).fill(0)],
    Array(dim).fill(0),
    random[0].map((v) => v * 1e-150),
    random[1].map((v) => v * 1e150),
    random[2].map((v) => -3 * v),
  ];
}

it('the WebAssembly SIMD kernel runs here (else the tests below would check the JavaScript path twice)', () => {
  expect(simdAvailable()).toBe(true);
});

const kernels = ['simd', 'js'] as const;

describe('Gram matrices are bit-identical to the pair recursion, on the SIMD kernel and the plain JavaScript one', () => {
  for (const [name, s] of networks) {
    it(name, () => {
      const x = inputs(5);
      const y = x.slice(3, 12).map((v) => v.map((c, k) => c + (k === 0 ? 0.25 : 0)));
      for (const second of [undefined, y]) {
        const cols = second ?? x;
        // The symmetric Gram matrix takes its diagonal from the diagonal recursion (non-zero inputs).
        const want = x.map((xi, i) =>
          cols.map((yj, j) => {
            const which = !second && i === j && xi.some((c) => c !== 0) ? 'xx' : 'xy';
            return pairKernels(s, xi, yj).map((p) => ({ ntk: p.ntk[which], nngp: p.nngp[which] }));
          }),
        );
        for (const kernel of kernels) {
          const g = gramMatrices(s, x, second, { allLayers: true, kernel });
          // One expect per matrix (Object.is, as toBe), listing the first entries that differ.
          const wrong: string[] = [];
          for (let i = 0; i < x.length; i++) {
            for (let j = 0; j < cols.length; j++) {
              for (let l = 0; l < depth; l++) {
                const at = i * g.cols + j;
                for (const k of ['ntk', 'nngp'] as const) {
                  if (!Object.is(g[k][l][at], want[i][j][l][k]))
                    wrong.push(`${kernel} ${k} (${i}, ${j}) layer ${l + 1}: ${g[k][l][at]} != ${want[i][j][l][k]}`);
                }
              }
            }
          }
          expect(wrong.slice(0, 5)).toEqual([]);
        }
      }
    });
  }
});

interface FixtureCase {
  name: string;
  network: ReferenceNetwork;
  x: number[];
  y: number[];
  layers: Record<string, { ntkXY: string }>;
}

describe('Gram matrices keep the digits of the 80-digit references to depth 10^5', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/deep-ntk.json', import.meta.url), 'utf8')) as {
    cases: FixtureCase[];
  };
  it.each(fixture.cases.flatMap((c) => kernels.map((k) => [c.name, k, c] as const)))('%s (%s)', (_, kernel, c) => {
    const s = canonical(c.network, 100000);
    const g = gramMatrices(s, [c.x, c.y], undefined, { allLayers: true, kernel });
    const p = pairKernels(s, c.x, c.y);
    for (const [layer, ref] of Object.entries(c.layers)) {
      const l = Number(layer) - 1;
      const got = g.ntk[l][1];
      expect(got, `layer ${layer}`).toBe(p[l].ntk.xy);
      const want = Number(ref.ntkXY);
      const scale = Math.max(Math.abs(want), 1e-3 * Math.sqrt(g.ntk[l][0] * g.ntk[l][3]));
      expect(Math.abs(got - want) / scale, `layer ${layer}`).toBeLessThanOrEqual(1e-11);
    }
  });
});

it('uses the preset activations it names', () => {
  expect(networks[0][1].activation).toEqual(preset('relu'));
});
