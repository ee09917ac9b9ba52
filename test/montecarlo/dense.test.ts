import { describe, expect, it } from 'vitest';
import { fromCoefficients } from '../../src/activation/family.js';
import { pairKernels } from '../../src/kernels/pair.js';
import { denseSampler } from '../../src/montecarlo/dense.js';
import { mcNetwork } from '../../src/montecarlo/network.js';
import { networkStream, type WeightLaw } from '../../src/montecarlo/random.js';
import { BlockAccumulator, summarize, Totals } from '../../src/montecarlo/statistics.js';
import type { NetworkSpec } from '../../src/spec/network.js';
import { Fraction } from '../../src/util/exact.js';
import { spec } from '../helpers/specs.js';
import { ReplayStream } from './helpers.js';

const X = [
  [0.8, -0.3, 1.1],
  [-0.5, 0.9, 0.4],
];

/**
 * Finite differences of every output with respect to every drawn number u, turned into
 * derivatives with respect to the trainable parameters (docs/conventions.md): in the NTK
 * parameterization the parameters are the unit-variance draws themselves (W, beta); in the
 * standard one they are W = s u and b = sigma_b u, so d/dparam = (1/s) d/du, (1/sigma_b) d/du.
 */
function fdCheck(s: NetworkSpec, outDim: number) {
  const net = mcNetwork(s, X, { outDim });
  const sampler = denseSampler(net, { update: outDim === 1 });
  const lay = sampler.layout;
  const rec = new ReplayStream(networkStream(7, 3));
  const base = new Float64Array(lay.size);
  sampler.sample(rec, base);
  const M = lay.columns;
  // Which layer, and which chain-rule factor d(draw)/d(parameter), each draw belongs to.
  const owner: { layer: number; factor: number }[] = [];
  for (let l = 0; l < net.depth; l++) {
    const nIn = net.widths[l];
    const nOut = net.widths[l + 1];
    const standard = s.parameterization === 'standard';
    for (let i = 0; i < nIn * nOut; i++) owner.push({ layer: l, factor: standard ? 1 / net.scale[l] : 1 });
    if (net.biasStd[l] > 0)
      for (let i = 0; i < nOut; i++) owner.push({ layer: l, factor: standard ? 1 / net.biasStd[l] : 1 });
  }
  expect(owner.length).toBe(rec.draws.length);
  const eps = 1e-6;
  const out = (edits: Map<number, number>) => {
    const v = new Float64Array(lay.size);
    sampler.sample(ReplayStream.replay(rec.draws, edits), v);
    return v.subarray(lay.output, lay.output + M).slice();
  };
  const grads = owner.map((_, p) => {
    const up = out(new Map([[p, eps]]));
    const dn = out(new Map([[p, -eps]]));
    return Array.from(up, (u, c) => ((u - dn[c]) / (2 * eps)) * owner[p].factor);
  });
  const ntk = new Float64Array(M * M);
  const layers = new Float64Array(net.depth * M * M);
  grads.forEach((g, p) => {
    for (let c = 0; c < M; c++) {
      for (let e = 0; e < M; e++) {
        ntk[c * M + e] += g[c] * g[e];
        layers[owner[p].layer * M * M + c * M + e] += g[c] * g[e];
      }
    }
  });
  const scaleOf = Math.max(...ntk.map(Math.abs));
  for (let i = 0; i < M * M; i++) expect(Math.abs(base[lay.ntk + i] - ntk[i])).toBeLessThan(1e-6 * scaleOf);
  for (let i = 0; i < net.depth * M * M; i++)
    expect(Math.abs(base[lay.layers + i] - layers[i])).toBeLessThan(1e-6 * scaleOf);
  if (outDim === 1) {
    // g^T (Hess f) g: second difference of f along the parameter-space gradient (draw u_p moves by
    // t g_p factor_p), checking the forward-mode update dK = -2 f g^T H g.
    for (let a = 0; a < X.length; a++) {
      const t = 1e-4;
      const along = (sign: number) => new Map(grads.map((g, p) => [p, sign * t * g[a] * owner[p].factor]));
      const f0 = base[lay.output + a];
      const fpp = (out(along(1))[a] - 2 * f0 + out(along(-1))[a]) / (t * t);
      expect(Math.abs(base[lay.update + a] - -2 * f0 * fpp)).toBeLessThan(
        1e-4 * Math.max(1, Math.abs(base[lay.update + a])),
      );
    }
  }
}

describe('dense sampler: gradients against finite differences', () => {
  it('ReLU, NTK parameterization, biases present', () =>
    fdCheck(spec('relu', 3, { sw2: '2', sb2: '0.3', widths: [4, 5] }), 1));
  it('asymmetric (a, b), standard parameterization, biases present, two outputs', () => {
    const s: NetworkSpec = {
      ...spec('relu', 3, { sw2: '1.5', sb2: '0.2', param: 'standard', widths: [4, 3] }),
      activation: fromCoefficients('0.3', '-0.7'),
    };
    fdCheck(s, 2);
  });
  it('|s| without biases, per-layer gains', () => {
    const s = spec('abs', 4, { widths: [3, 4, 2] });
    fdCheck({ ...s, layers: s.layers.map((l, i) => ({ ...l, sigmaW2: new Fraction(i + 1, 2) })) }, 1);
  });
});

function meanOf(net: ReturnType<typeof mcNetwork>, samples: number, seed: number, update = false) {
  const sampler = denseSampler(net, { update });
  const v = new Float64Array(sampler.layout.size);
  const acc = new BlockAccumulator(0, v.length);
  for (let i = 0; i < samples; i++) {
    sampler.sample(networkStream(seed, i), v);
    acc.add(v);
  }
  const t = new Totals(v.length);
  t.addBlock(acc.result());
  return { s: summarize(t), lay: sampler.layout };
}

describe('dense sampler: exact finite-width moments (docs/theory.md H3.2)', () => {
  // Hanin-Nica network: ReLU, gain 2 on hidden layers and 1 at the output, biases zero-initialised.
  const hn = (widths: number[], _n0: number): NetworkSpec => ({
    ...spec('relu', widths.length + 1, { widths, bias: 'zero-init' }),
    layers: Array.from({ length: widths.length + 1 }, (_, l) => ({
      sigmaW2: new Fraction(l < widths.length ? 2 : 1),
      sigmaB2: new Fraction(0),
    })),
  });

  it.each<[WeightLaw, number]>([
    ['gaussian', 3],
    ['uniform', 9 / 5],
  ])('E8 (d = 2): E[K], E[K^2] and E[dK]/lambda, %s weights', (law, mu4) => {
    const x = [[1, 1]];
    const n1 = 4;
    const s = 1; // ||x||^2 / n_0
    const { s: st, lay } = meanOf(mcNetwork(hn([n1], 2), x, { law }), 40000, 11, true);
    const EK = 2 * s + 1.5;
    const varT = (2 * s + 1) ** 2 * (mu4 / 2 - 1 / 4) + ((2 / 4) * (3 * 4 + (mu4 - 3) * 2) - s * s) + s * (2 * s + 1);
    const EK2 = EK * EK + varT / n1;
    const EdK = (-4 * s * (2 * s + 1)) / n1;
    const zK = (st.mean[lay.ntk] - EK) / st.se[lay.ntk];
    const ratio = st.ratio[lay.ntk];
    const zK2 = (ratio - EK2 / (EK * EK)) / st.ratioSe[lay.ntk];
    const zdK = (st.mean[lay.update] - EdK) / st.se[lay.update];
    expect(Math.abs(zK)).toBeLessThan(4);
    expect(Math.abs(zK2)).toBeLessThan(4);
    expect(Math.abs(zdK)).toBeLessThan(4);
    // Power: the other weight law's E[K^2], and a dK off by 25%, lie far outside the error bars.
    const otherMu4 = law === 'gaussian' ? 9 / 5 : 3;
    const otherVarT =
      (2 * s + 1) ** 2 * (otherMu4 / 2 - 1 / 4) + ((2 / 4) * (3 * 4 + (otherMu4 - 3) * 2) - s * s) + s * (2 * s + 1);
    expect(Math.abs(ratio - (EK * EK + otherVarT / n1) / (EK * EK)) / st.ratioSe[lay.ntk]).toBeGreaterThan(8);
    expect(Math.abs(st.mean[lay.update] - 1.25 * EdK) / st.se[lay.update]).toBeGreaterThan(4);
  });

  it('E1 + E2: E[K] = d ||x||^2/n_0 + 1 + (1/2) sum_l prod_{i<l} (1 - 2^-n_i), zero-initialised biases', () => {
    const widths = [3, 2, 3];
    const x = [[0.5, -1.2, 0.7]];
    const { s: st, lay } = meanOf(mcNetwork(hn(widths, 3), x), 20000, 5);
    const d = widths.length + 1;
    let Kb = 1;
    let prod = 1;
    for (const n of widths) {
      Kb += prod / 2;
      prod *= 1 - 2 ** -n;
    }
    const sx = (0.25 + 1.44 + 0.49) / 3;
    const want = d * sx + Kb;
    expect(Math.abs(st.mean[lay.ntk] - want) / st.se[lay.ntk]).toBeLessThan(4);
    // Without the bias terms (m_l = 0) the mean is off by E[K_b] ~ 2, which the test sees.
    expect(Math.abs(st.mean[lay.ntk] - d * sx) / st.se[lay.ntk]).toBeGreaterThan(20);
  });
});

describe('dense sampler: mean NNGP and NTK against infinite width', () => {
  it.each<[string, NetworkSpec]>([
    ['ReLU with biases, NTK param.', spec('relu', 3, { sw2: '2', sb2: '0.1', widths: [256, 256] })],
    [
      '(a, b) = (0.2, 0.6), standard param.',
      {
        ...spec('relu', 3, { sw2: '1.2', sb2: '0.05', param: 'standard', widths: [256, 256] }),
        activation: fromCoefficients('0.2', '0.6'),
      },
    ],
  ])('%s: |mean - limit| <= 4 se + 3 depth/width |limit|', (_name, s) => {
    const net = mcNetwork(s, X);
    const { s: st, lay } = meanOf(net, 300, 1);
    const N = X.length;
    for (let a = 0; a < N; a++) {
      for (let b = 0; b < N; b++) {
        const limit = pairKernels(s, X[a], X[b])[s.depth - 1];
        for (const [off, want] of [
          [lay.ntk, limit.ntk.xy],
          [lay.nngp, limit.nngp.xy],
        ]) {
          const i = off + a * N + b;
          const allowance = 4 * st.se[i] + ((3 * s.depth) / 256) * Math.abs(want);
          expect(Math.abs(st.mean[i] - want)).toBeLessThan(allowance);
          // The check has power: a 20% error in the limit would be caught.
          expect(Math.abs(st.mean[i] - 1.2 * want)).toBeGreaterThan(allowance);
        }
      }
    }
  });
});
