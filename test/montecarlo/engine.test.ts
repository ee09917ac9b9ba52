import { describe, expect, it } from 'vitest';
import { concentrationExperiment } from '../../src/finite-width/concentrationExperiment.js';
import { icdExperiment } from '../../src/finite-width/icdExperiment.js';
import { denseSampler } from '../../src/montecarlo/dense.js';
import { mcNetwork } from '../../src/montecarlo/network.js';
import { networkStream } from '../../src/montecarlo/random.js';
import { reducedSampler } from '../../src/montecarlo/reduced.js';
import { simulate } from '../../src/montecarlo/simulation.js';
import { NetworkSeries } from '../../src/montecarlo/statistics.js';
import { spec } from '../helpers/specs.js';

// Worker threads run compiled JavaScript, so the runs with workers come from the build (npm test builds first).
const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;
const { runJob, runJobs, makeSampler } = (await import(
  dist('src/montecarlo/run.js')
)) as typeof import('../../src/montecarlo/run.js');
const { makeJob } = (await import(
  dist('src/montecarlo/simulation.js')
)) as typeof import('../../src/montecarlo/simulation.js');
const built = {
  concentration: (
    (await import(dist('src/finite-width/concentrationExperiment.js'))) as {
      concentrationExperiment: typeof concentrationExperiment;
    }
  ).concentrationExperiment,
  icd: ((await import(dist('src/finite-width/icdExperiment.js'))) as { icdExperiment: typeof icdExperiment })
    .icdExperiment,
};
const callback = { module: dist('test/montecarlo/fixtures/perNetwork.js'), name: 'squaredOutput', args: { scale: 3 } };

const X = [
  [1, 0.3, -0.2],
  [-0.4, 0.8, 0.5],
];
const relu = spec('relu', 3, { sw2: '2', sb2: '0.1', widths: [12, 9] });

describe('forward-only mode: outputs and NNGPs without the backward pass', () => {
  it.each(['dense', 'reduced'] as const)('%s: the same outputs and NNGPs as the full pass, no NTK', (kind) => {
    const net = mcNetwork(relu, X);
    const make = kind === 'dense' ? denseSampler : reducedSampler;
    const full = make(net);
    const forward = make(net, { forwardOnly: true });
    expect(forward.layout.ntk).toBe(-1);
    expect(forward.layout.layers).toBe(-1);
    expect(forward.layout.size).toBe(full.layout.ntk);
    const a = new Float64Array(full.layout.size);
    const b = new Float64Array(forward.layout.size);
    for (let i = 0; i < 5; i++) {
      full.sample(networkStream(4, i), a);
      forward.sample(networkStream(4, i), b);
      // The forward draws come first in a network's stream, so skipping the backward ones changes nothing before.
      expect(Array.from(b)).toEqual(Array.from(a.subarray(0, forward.layout.size)));
    }
  });

  it('refuses the SGD update, which needs the backward pass', () => {
    const net = mcNetwork(spec('relu', 2, { sw2: '2', widths: [4] }), X);
    expect(() => denseSampler(net, { update: true, forwardOnly: true })).toThrow(/cannot be sampled forward-only/);
  });
});

describe('per-layer NNGP in the sample layout', () => {
  it('Sigma^(l) of every layer: layer 1 exact, the mean of each layer at the infinite-width value; one layer off fails', async () => {
    const inputs = [
      [1, 0],
      [0.6, 0.8],
    ];
    const s = spec('relu', 4, { sw2: '2', sb2: '0.1', widths: [128, 128, 128] });
    const r = await simulate({ spec: s, inputs, seed: 2, samples: 2000 }, { workers: 1 });
    const layers = r.quantities.nngp_layers as {
      layer: number;
      mean: number[][];
      se: number[][];
      infinite_width: number[][];
    }[];
    expect(layers.map((l) => l.layer)).toEqual([1, 2, 3, 4]);
    // Sigma^(1) = sigma_w^2 <x_a, x_b>/n_0 + sigma_b^2, the same in every network.
    const exact = [
      [1.1, 0.7],
      [0.7, 1.1],
    ];
    layers[0].mean.flat().forEach((m, i) => expect(m).toBeCloseTo(exact.flat()[i], 14));
    expect(layers[0].se.flat().every((v) => v === 0)).toBe(true);
    expect(layers[3].mean).toEqual((r.quantities.nngp as { mean: number[][] }).mean);
    // Within 4 se plus the O(l/n) finite-width bias; compared with the next layer's value (read one layer off), not.
    const within = (l: number, against: number) =>
      layers[l].mean.every((row, a) =>
        row.every((m, b) => {
          const want = layers[against].infinite_width[a][b];
          return Math.abs(m - want) <= 4 * layers[l].se[a][b] + ((l + 1) / 128) * Math.abs(want);
        }),
      );
    for (let l = 0; l < 4; l++) expect(within(l, l)).toBe(true);
    for (let l = 0; l < 3; l++) expect(within(l, l + 1)).toBe(false);
  });
});

describe('per-network callback, network offset and one pool for several jobs', () => {
  const job = makeJob({ spec: relu, inputs: X, seed: 17, samples: 3 * 64 + 5 });

  it('accumulates the callback rows of networks firstNetwork.. in the calling thread and on workers alike', async () => {
    const first = 1000;
    const mine = new NetworkSeries(2);
    const sampler = makeSampler(job);
    const v = new Float64Array(sampler.layout.size);
    for (let i = 0; i < job.samples; i++) {
      sampler.sample(networkStream(job.seed, first + i), v);
      mine.add(Float64Array.of(3 * v[sampler.layout.output] ** 2, first + i));
    }
    const want = Array.from(mine.totals().powerSums());
    const offset = { ...job, firstNetwork: first, perNetwork: callback };
    for (const workers of [1, 2, 3]) {
      const t = await runJob(offset, { workers, forceWorkers: true });
      expect(Array.from(t.powerSums())).toEqual(want);
    }
    // The callback saw the indices first .. first + S - 1.
    expect(mine.summary().mean[1]).toBe(first + (job.samples - 1) / 2);
  });

  it('runJobs gives each job its own runJob totals, for any worker count', async () => {
    const jobs = [
      job,
      { ...job, firstNetwork: job.samples, perNetwork: callback },
      { ...job, samples: 70, forwardOnly: true },
    ];
    const alone = await Promise.all(jobs.map((j) => runJob(j, { workers: 1 })));
    for (const workers of [1, 3]) {
      const together = await runJobs(jobs, { workers, forceWorkers: true });
      together.forEach((t, i) => expect(Array.from(t.powerSums())).toEqual(Array.from(alone[i].powerSums())));
    }
  });

  it('refuses a forward-only job with the SGD update, and networks beyond the stream indices', async () => {
    await expect(runJob({ ...job, update: true, forwardOnly: true })).rejects.toThrow(/forward-only/);
    await expect(runJob({ ...job, firstNetwork: 2 ** 53 - 10 })).rejects.toThrow(/beyond the stream indices/);
  });
});

describe('the Terjek experiments on the engine: the same result for any number of workers', () => {
  it('concentration and ICD with 1, 2 and 3 worker threads', async () => {
    const { preset } = await import('../../src/activation/family.js');
    const conc = {
      activation: preset('relu'),
      inputs: [
        [1, 0],
        [0, 1],
        [0.6, 0.8],
      ],
      samples: 70,
      seed: 5,
      cells: [
        { pattern: 'quadratic' as const, baseWidth: 8, depth: 3 },
        { pattern: 'constant' as const, baseWidth: 16, depth: 4 },
      ],
    };
    const icd = {
      activation: preset('abs'),
      rho1: 0.32,
      series: [{ pattern: 'linear' as const, baseWidth: 8 }],
      layers: [2, 5],
      samples: 70,
      seed: 4,
    };
    // The calling thread from the TypeScript sources (as the other tests run them) is the reference.
    const one = { conc: await concentrationExperiment(conc), icd: await icdExperiment(icd) };
    for (const workers of [1, 2, 3]) {
      expect(await built.concentration(conc, { workers, forceWorkers: true })).toEqual(one.conc);
      expect(await built.icd(icd, { workers, forceWorkers: true })).toEqual(one.icd);
    }
  });
});
