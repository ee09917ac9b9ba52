import { describe, expect, it } from 'vitest';
import { fromCoefficients } from '../../src/activation/family.js';
import { spec } from '../helpers/specs.js';

// Worker threads run compiled JavaScript, so the runner comes from the build (npm test builds first).
const dist = (path: string) => new URL(`../../dist/src/montecarlo/${path}`, import.meta.url).href;
const { runJob, runBlock, makeSampler, blockCount } = (await import(
  dist('run.js')
)) as typeof import('../../src/montecarlo/run.js');
const { makeJob, simulate, simulateShard, mergePartials } = (await import(
  dist('simulation.js')
)) as typeof import('../../src/montecarlo/simulation.js');
const { BLOCK_SIZE } = (await import(dist('statistics.js'))) as typeof import('../../src/montecarlo/statistics.js');

const X = [
  [1, 0.3, -0.2],
  [-0.4, 0.8, 0.5],
];
// 5 full blocks and a partial one, so shards and workers see unequal blocks.
const SAMPLES = 5 * BLOCK_SIZE + 7;
const CONFIGS = [
  {
    name: 'reduced sampler, ReLU with biases',
    config: { spec: spec('relu', 3, { sw2: '2', sb2: '0.1', widths: [12, 9] }), inputs: X, seed: 17, samples: SAMPLES },
  },
  {
    name: 'dense sampler with the SGD update, asymmetric (a, b), uniform weights',
    config: {
      spec: {
        ...spec('relu', 3, { sw2: '1.5', sb2: '0.2', widths: [7, 5] }),
        activation: fromCoefficients('0.3', '-0.7'),
      },
      inputs: X,
      seed: 3,
      samples: SAMPLES,
      law: 'uniform' as const,
      update: true,
    },
  },
];

describe('runs are bit-identical for any number of worker threads', () => {
  it.each(CONFIGS)('$name: 1, 2 and 3 workers', async ({ config }) => {
    const job = makeJob(config);
    const one = await runJob(job, { workers: 1 });
    for (const workers of [2, 3]) {
      let done = 0;
      const many = await runJob(job, { workers, forceWorkers: true, onProgress: (d) => (done = d) });
      expect(done).toBe(SAMPLES);
      // The exact sums' expansions depend on the order blocks arrive in; their values may not.
      expect(Array.from(many.powerSums())).toEqual(Array.from(one.powerSums()));
      expect(many.serialize().blocks).toEqual(one.serialize().blocks);
    }
    expect(await simulate(config, { workers: 2 })).toEqual(await simulate(config, { workers: 1 }));
  });
});

describe('sharding on block boundaries gives exactly the unsharded result', () => {
  it.each(CONFIGS)('$name: shards 1/3, 2/3, 3/3 merged in any order', async ({ config }) => {
    const whole = await simulate(config, { workers: 1 });
    // Through JSON, as the partial files of `simulate --shard` travel.
    const parts = await Promise.all(
      [1, 2, 3].map(
        async (index) =>
          JSON.parse(JSON.stringify(await simulateShard(config, { index, count: 3 }, { workers: 2 }))) as unknown,
      ),
    );
    expect(mergePartials(parts, ['1', '2', '3'])).toEqual(whole);
    expect(mergePartials([parts[2], parts[0], parts[1]], ['3', '1', '2'])).toEqual(whole);
  });

  it('the check has teeth: plain floating-point sums of the same blocks depend on the grouping', () => {
    // What the exact sums in statistics.ts protect against: adding block sums in index order and
    // adding the shards' subtotals give different bits for some scalar of this very run.
    const job = makeJob({ ...CONFIGS[0].config, samples: 64 * BLOCK_SIZE });
    const sampler = makeSampler(job);
    const blocks = Array.from({ length: blockCount(job.samples) }, (_, b) => runBlock(job, sampler, b).sums);
    const sum = (bs: Float64Array[]) =>
      bs.reduce((acc, s) => acc.map((v, i) => v + s[i]), new Float64Array(blocks[0].length));
    const inOrder = sum(blocks);
    const bySubtotal = sum([sum(blocks.slice(0, 21)), sum(blocks.slice(21, 42)), sum(blocks.slice(42))]);
    expect(Array.from(bySubtotal)).not.toEqual(Array.from(inOrder));
  });
});
