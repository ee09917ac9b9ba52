import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat } from '../../scripts/build-wasm.js';
import { fromCoefficients } from '../../src/activation/family.js';
import { denseSampler, type Sampler } from '../../src/montecarlo/dense.js';
import { jsKernels, type KernelVector, type VectorKernels, withKernels } from '../../src/montecarlo/kernels.js';
import { mcNetwork } from '../../src/montecarlo/network.js';
import { networkStream } from '../../src/montecarlo/random.js';
import { type ReducedOptions, reducedSampler } from '../../src/montecarlo/reduced.js';
import type { NetworkSpec } from '../../src/spec/network.js';
import { spec } from '../helpers/specs.js';

// The WebAssembly SIMD kernels (vectorSimd.wat) against the JavaScript reference (linalg.ts): the
// same bits, kernel by kernel and for whole samplers.

const bits = (x: Float64Array) => Array.from(new BigUint64Array(Float64Array.from(x).buffer));

/** A WebAssembly kernel set with room for `doubles`, and the vectors it was asked for. */
function wasmWith(doubles: number[]): { k: VectorKernels; v: KernelVector[] } {
  let v: KernelVector[] = [];
  const k = withKernels('wasm', (kernels) => {
    v = doubles.map((n) => kernels.alloc(n));
    return kernels;
  });
  return { k, v };
}

/** Gaussian entries with the awkward values among them: +-0, tiny, huge, infinities, NaN. */
function data(n: number, index: number, special = true): Float64Array {
  const x = new Float64Array(n);
  networkStream(5, index).fillNormal(x);
  if (special) [0, -0, 5e-324, -1e300, Infinity, -Infinity, Number.NaN].forEach((s, i) => (x[(7 * i + 3) % n] = s));
  return x;
}

type Case = (k: VectorKernels, v: KernelVector[]) => void;

/** Runs `body` on the JavaScript and the WebAssembly kernels with the same inputs; returns the vectors afterwards. */
function both(inputs: Float64Array[], body: Case): [Float64Array[], Float64Array[]] {
  const js = inputs.map((x) => Float64Array.from(x) as KernelVector);
  body(jsKernels, js);
  const { k, v } = wasmWith(inputs.map((x) => x.length));
  inputs.forEach((x, i) => v[i].set(x));
  body(k, v);
  return [js, v];
}

const N = 41;
const OFFSETS = [0, 1, 3];
const LENGTHS = [0, 1, 2, 3, 4, 5, 31, 32, 33];

const CASES: [string, boolean, Case][] = [
  [
    'dot',
    false,
    (k, [x, y, out]) => {
      let t = 0;
      for (const n of LENGTHS) for (const o of OFFSETS) out[t++] = k.dot(x, o, y, 2 * o + 1, n);
    },
  ],
  ['axpy', true, (k, [x, y]) => OFFSETS.forEach((o, i) => k.axpy(0.3 - i, x, o, y, 2 + o, N - 5 - i))],
  ['scaleTo', true, (k, [x, y]) => OFFSETS.forEach((o, i) => k.scaleTo(-1.7 + i, x, o, y, 1 + o, N - 4 - i))],
  [
    'combine, 0 to 6 terms',
    true,
    (k, [x, y, out]) => {
      for (let count = 0; count <= 6; count++) {
        const coef = Float64Array.from({ length: count }, (_, t) => (t === 0 ? -0 : 0.25 * t - 0.6));
        const src = Array.from({ length: count }, (_, t) => (t % 2 ? y : x));
        const off = Int32Array.from({ length: count }, (_, t) => (t * 5) % 7);
        k.combine(out, count, N - 8 - (count % 2), count, coef, src, off);
      }
    },
  ],
  [
    'affine',
    true,
    (k, [z, bias]) => {
      k.affine(0.7, z, 0, -1.3, bias, 17);
      k.affine(-2, z, 17, 0.5, bias, 20);
    },
  ],
  ['activate', true, (k, [z, h]) => [0.3, -0.7, 1, 0].forEach((a, i) => k.activate(a, 0.5 - i, z, h, N - i))],
  [
    'backprop: sign 0 at +-0, infinities and NaN',
    true,
    (k, [z, back, d]) => {
      k.backprop(0.5, 0.5, z, 0, back, 0, d, 0, N);
      k.backprop(-0.2, 1.1, z, 3, back, 1, d, 2, N - 6);
    },
  ],
];

describe('the WebAssembly vector kernels: the bits of the JavaScript ones', () => {
  it.each(CASES)('%s', (_name, special, body) => {
    const inputs = [data(N, 1, special), data(N, 2, special), data(64, 3, false)];
    const [js, wasm] = both(inputs, body);
    expect(wasm.map(bits)).toEqual(js.map(bits));
  });

  it('the comparison has teeth: dot with its four partial sums added in another order differs', async () => {
    const wat = readFileSync(new URL('../../src/montecarlo/vectorSimd.wat', import.meta.url), 'utf8');
    const reordered = wat.replace(
      '(f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a)))\n      (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))',
      '(f64.add (local.get $s0) (f64x2.extract_lane 0 (local.get $b)))\n      (f64.add (f64x2.extract_lane 1 (local.get $a)) (f64x2.extract_lane 1 (local.get $b)))',
    );
    expect(reordered).not.toBe(wat);
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(Buffer.from(await assembleWat(reordered), 'base64')),
    );
    const memory = instance.exports.memory as WebAssembly.Memory;
    const dot = instance.exports.dot as (x: number, y: number, n: number) => number;
    const f64 = new Float64Array(memory.buffer);
    let differ = 0;
    for (let t = 0; t < 100; t++) {
      const x = data(64, 100 + t, false);
      const y = data(64, 200 + t, false);
      f64.set(x, 0);
      f64.set(y, 64);
      if (!Object.is(dot(0, 512, 64), jsKernels.dot(x as KernelVector, 0, y as KernelVector, 0, 64))) differ++;
    }
    expect(differ).toBeGreaterThan(10);
  });
});

/** The sample vectors of networks 0..S-1 (seed 3). */
function samples(sampler: Sampler, S: number): number[][] {
  return Array.from({ length: S }, (_, i) => {
    const v = new Float64Array(sampler.layout.size);
    sampler.sample(networkStream(3, i), v);
    return bits(v).map(Number);
  });
}

const X = [
  [1, 0.2, -0.4],
  [0.3, -1, 0.8],
  [0.5, 0.5, 0.5],
];
const NETWORKS: [string, NetworkSpec, number[][], number][] = [
  ['ReLU with biases, odd widths', spec('relu', 4, { sw2: '2', sb2: '0.2', widths: [7, 9, 5] }), X.slice(0, 2), 1],
  ['|s| without biases, N = 3', spec('abs', 3, { widths: [33, 33] }), X, 1],
  [
    '(a, b) = (0.3, -0.7), standard param., 2 outputs',
    {
      ...spec('relu', 3, { sw2: '1.5', sb2: '0.1', param: 'standard', widths: [6, 5] }),
      activation: fromCoefficients('0.3', '-0.7'),
    },
    X.slice(0, 2),
    2,
  ],
];

describe('samplers on the WebAssembly kernels: the sample vectors of the JavaScript kernels, bit for bit', () => {
  const reduced: [string, ReducedOptions][] = [
    ['reduced', {}],
    ['reduced, every layer', { alwaysReduce: true }],
    ['reduced, forward only', { forwardOnly: true }],
  ];
  for (const [name, s, inputs, outDim] of NETWORKS) {
    const net = mcNetwork(s, inputs, { outDim });
    it.each(reduced)(`${name}: %s`, (_kind, options) => {
      const want = samples(reducedSampler(net, { ...options, kernels: 'js' }), 6);
      expect(samples(reducedSampler(net, { ...options, kernels: 'wasm' }), 6)).toEqual(want);
    });
    it(`${name}: dense${outDim === 1 ? ', with the SGD update' : ''}`, () => {
      const options = { update: outDim === 1 };
      const want = samples(denseSampler(net, { ...options, kernels: 'js' }), 6);
      expect(samples(denseSampler(net, { ...options, kernels: 'wasm' }), 6)).toEqual(want);
    });
  }

  it('a sampler whose vectors pass 1 GiB is built on the JavaScript kernels (the first build only counts)', () => {
    let builds = 0;
    const big = withKernels(undefined, (kernels) => {
      builds++;
      if (builds === 1) kernels.alloc(2 ** 27 + 16);
      return kernels;
    });
    expect([big.kind, builds]).toEqual(['js', 2]);
    expect(withKernels(undefined, (kernels) => kernels.alloc(2 ** 20) && kernels).kind).toBe('wasm');
  });

  it('WebAssembly is the default, and the kernels differ from a broken sampler (the comparison can fail)', () => {
    const net = mcNetwork(NETWORKS[0][1], NETWORKS[0][2]);
    const want = samples(reducedSampler(net, { kernels: 'js' }), 4);
    expect(reducedSampler(net).kernels).toBe('wasm');
    expect(denseSampler(net).kernels).toBe('wasm');
    expect(samples(reducedSampler(net), 4)).toEqual(want);
    expect(samples(reducedSampler(net, { brokenForTests: 'skip-projection' }), 4)).not.toEqual(want);
  });
});
