import { availableParallelism } from 'node:os';
import { denseSampler, type Sampler } from '../src/montecarlo/dense.js';
import { LANES, networkStreams } from '../src/montecarlo/laneStreams.js';
import { mcNetwork } from '../src/montecarlo/network.js';
import { type Generator, networkStream, type RandomStream } from '../src/montecarlo/random.js';
import { reducedSampler } from '../src/montecarlo/reduced.js';
import { runJob } from '../src/montecarlo/run.js';
import { reluBenchSpec } from './reluSpec.js';

/**
 * Monte Carlo benchmark of issue 4: networks/s of the dense and reduced samplers (one thread, same
 * run), the reduced sampler on all cores, Gaussian draws/s and the share of time spent drawing,
 * and memory against the number of networks. MC_QUICK=1 shortens every timing.
 */
const QUICK = process.env.MC_QUICK === '1';

function reluNet(width: number, depth: number, N: number, bias = true) {
  const spec = reluBenchSpec(depth, { hiddenWidth: width, bias });
  const inputs = Array.from({ length: N }, (_, a) => [Math.cos(a + 1), Math.sin(a + 1), 0.5]);
  return mcNetwork(spec, inputs);
}

/** Networks per second of one thread, timing at least `seconds` and 2 networks. */
function rate(sampler: Sampler, seconds: number): number {
  const v = new Float64Array(sampler.layout.size);
  sampler.sample(networkStream(0, 0), v);
  const t0 = performance.now();
  let n = 0;
  while (n < 2 || performance.now() - t0 < seconds * 1000) sampler.sample(networkStream(1, n++), v);
  return (n * 1000) / (performance.now() - t0);
}

/** A stream that times its own draws. */
function timed(inner: RandomStream, clock: { ms: number; draws: number }): RandomStream {
  return {
    fillNormal(out, from = 0, to = out.length) {
      const t = performance.now();
      inner.fillNormal(out, from, to);
      clock.ms += performance.now() - t;
      clock.draws += to - from;
    },
    fillWeights(law, out, from = 0, to = out.length) {
      const t = performance.now();
      inner.fillWeights(law, out, from, to);
      clock.ms += performance.now() - t;
      clock.draws += to - from;
    },
  };
}

/** Draws per second from the streams given, read in turns (for lanes: as runBlock reads them, copy included). */
function drawRate(streams: readonly RandomStream[]): number {
  const out = new Float64Array(1 << 18);
  for (const s of streams) s.fillNormal(out);
  const reps = QUICK ? 16 : 64;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) for (const s of streams) s.fillNormal(out);
  return (reps * streams.length * out.length) / ((performance.now() - t0) / 1000);
}

/** The streams of networks first.. that a run draws from: four SIMD lanes for 'lanes', else one plain stream each. */
function streamsOf(kind: GeneratorKind, seed: number, first: number): RandomStream[] {
  return kind === 'lanes'
    ? networkStreams(seed, first, LANES, 'fast', 'gaussian')
    : Array.from({ length: LANES }, (_, j) => networkStream(seed, first + j, kind));
}

type GeneratorKind = Generator | 'lanes';
const GENERATOR_NAMES: Record<GeneratorKind, string> = {
  lanes: 'fast generator in four SIMD lanes (what runs use)',
  fast: 'fast generator, one stream at a time in JavaScript',
  stdlib: 'stdlib generator',
};

async function memoryFor(count: number): Promise<{ ms: number; peakRss: number }> {
  const net = reluNet(512, 16, 4);
  let peak = process.memoryUsage().rss;
  const poll = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  await runJob({ net, sampler: 'reduced', update: false, seed: 1, samples: count, generator: 'fast' });
  clearInterval(poll);
  return { ms: performance.now() - t0, peakRss: Math.max(peak, process.memoryUsage().rss) };
}

export async function benchMonteCarlo(): Promise<string[]> {
  const lines: string[] = [
    'Monte Carlo samplers (ReLU, sigma_w^2 = 2, sigma_b^2 = 0.01, NTK param., Gaussian weights):',
  ];
  // Memory first, while the process holds nothing else: the benches below leave freed but not yet
  // collected memory behind (the dense sampler at width 1024, depth 64 alone holds 512 MiB).
  const memory: string[] = [];
  for (const count of QUICK ? [256, 1024] : [2000, 100_000]) {
    const m = await memoryFor(count);
    memory.push(
      `  memory, reduced, width 512, depth 16, N = 4, ${count} networks on ${availableParallelism()} workers: ` +
        `peak RSS ${(m.peakRss / 2 ** 20).toFixed(0)} MiB, ${(m.ms / 1000).toFixed(1)} s`,
    );
  }
  const secs = QUICK ? 0.5 : 3;
  for (const [width, depth, N] of [
    [512, 16, 1],
    [512, 16, 4],
    [512, 16, 16],
    [1024, 64, 2],
  ]) {
    const net = reluNet(width, depth, N);
    const dense = rate(denseSampler(net), secs);
    const reduced = rate(reducedSampler(net), secs);
    lines.push(
      `  width ${width}, depth ${depth}, N = ${N}: dense ${dense.toFixed(2)} networks/s, reduced ${reduced.toFixed(1)} networks/s (${(reduced / dense).toFixed(0)}x), one thread`,
    );
  }
  const big = reluNet(1024, 64, 2);
  // Without biases: the setting of the numpy reference (42 networks/s on 2 cores, 262,144 draws per network).
  // Whole runs, worker start-up and the last block's imbalance included; 4096 networks on all cores
  // (about 30 s) so that these weigh as little as in the long runs the sampler is for.
  for (const [bias, what] of [
    [true, 'biases present'],
    [false, 'no biases (the numpy reference)'],
  ] as const) {
    const net = bias ? big : reluNet(1024, 64, 2, false);
    for (const workers of [1, availableParallelism()]) {
      const samples = QUICK ? 128 : workers === 1 ? 1024 : 4096;
      const t0 = performance.now();
      await runJob({ net, sampler: 'reduced', update: false, seed: 1, samples, generator: 'fast' }, { workers });
      lines.push(
        `  width 1024, depth 64, N = 2, ${what}, reduced on ${workers} worker thread(s): ${((samples * 1000) / (performance.now() - t0)).toFixed(1)} networks/s (${samples} networks)`,
      );
    }
  }
  const kinds: GeneratorKind[] = ['lanes', 'fast', 'stdlib'];
  const rates = kinds.map((k) => `${GENERATOR_NAMES[k]} ${(drawRate(streamsOf(k, 1, 0)) / 1e6).toFixed(1)} M/s`);
  lines.push(`  N(0,1) draws: ${rates.join('; ')}`);
  for (const kind of kinds) {
    const sampler = reducedSampler(big);
    const v = new Float64Array(sampler.layout.size);
    const clock = { ms: 0, draws: 0 };
    const n = QUICK ? 4 : 20;
    const t1 = performance.now();
    for (let i0 = 0; i0 < n; i0 += LANES)
      for (const stream of streamsOf(kind, 2, i0)) sampler.sample(timed(stream, clock), v);
    const total = performance.now() - t1;
    lines.push(
      `  reduced, width 1024, depth 64, N = 2, ${GENERATOR_NAMES[kind]}: ${(clock.draws / n).toFixed(0)} ` +
        `draws/network, ${((100 * clock.ms) / total).toFixed(0)}% of sampler time drawing, ` +
        `${((n * 1000) / total).toFixed(1)} networks/s`,
    );
  }
  return [...lines, ...memory];
}
