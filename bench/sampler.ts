import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LANES, networkStreams } from '../src/montecarlo/laneStreams.js';
import { mcNetwork } from '../src/montecarlo/network.js';
import { reducedSampler } from '../src/montecarlo/reduced.js';
import { runJob } from '../src/montecarlo/run.js';
import { BlockAccumulator } from '../src/montecarlo/statistics.js';
import { reluBenchSpec } from './reluSpec.js';

/**
 * The sampler target of issue 13: the reduced sampler at width 1024, depth 64, N = 2, no biases,
 * on 2 worker threads, against bench/reduced_numpy.py (the same reduced method in NumPy, 2
 * processes) run side by side in the same minutes, three times, alternating; and where one thread's
 * time goes (V8's sampling profiler). MC_QUICK=1 shortens every run.
 */
const QUICK = process.env.MC_QUICK === '1';
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../bench/reduced_numpy.py', import.meta.url));
const WIDTH = 1024;
const DEPTH = 64;
const WORKERS = 2;
/** Rounds of ntkcalc and NumPy, alternating: this machine's speed drifts by 20-40% within minutes. */
const ROUNDS = 3;

const inputs = [0, 1].map((a) => [Math.cos(a + 1), Math.sin(a + 1), 0.5]);
const net = () => mcNetwork(reluBenchSpec(DEPTH, { hiddenWidth: WIDTH, bias: false }), inputs);

interface Rate {
  readonly networks: number;
  readonly wall: number;
  /** CPU seconds of every thread or process of the run. */
  readonly cpu: number;
}

async function ntkcalcRun(samples: number): Promise<Rate> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runJob(
    { net: net(), sampler: 'reduced', update: false, seed: 1, samples, generator: 'fast' },
    { workers: WORKERS, forceWorkers: true },
  );
  const cpu = process.cpuUsage(c0);
  return { networks: samples, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

function numpyAvailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `${PYTHON} has no numpy (Debian: apt-get install python3-numpy)`;
}

function numpyRun(samples: number): Rate & { version: string; phases: Record<string, number> } {
  const args = [SCRIPT, '--width', `${WIDTH}`, '--depth', `${DEPTH}`, '--n', '2'];
  const r = spawnSync(PYTHON, [...args, '--networks', `${samples}`, '--workers', `${WORKERS}`, '--phases'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`reduced_numpy.py failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as {
    numpy: string;
    seconds: number;
    cpu_seconds: number;
    phase_share: Record<string, number>;
  };
  return { networks: samples, wall: j.seconds, cpu: j.cpu_seconds, version: j.numpy, phases: j.phase_share };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** The phase a profiler frame stands for, if it is one of the phases' entry points. */
function phaseOf({ functionName: fn, url }: ProfileNode['callFrame']): string | undefined {
  if (url.endsWith('random.js') || url.endsWith('laneStreams.js')) return 'drawing';
  if (fn === 'householderQr') return 'QR';
  if (fn === 'backward') return 'backward';
  if (url.endsWith('statistics.js')) return 'statistics';
  if (fn === 'forward' || (fn === 'sample' && url.endsWith('dense.js'))) return 'forward';
  return undefined;
}

/** One thread: networks through the sampler and the block accumulator under the profiler; share of samples per phase. */
async function phases(networks: number): Promise<Map<string, number>> {
  const sampler = reducedSampler(net());
  const v = new Float64Array(sampler.layout.size);
  const run = (from: number, count: number, each: (i: number) => void) => {
    for (let i0 = from; i0 < from + count; i0 += LANES) {
      const streams = networkStreams(2, i0, Math.min(LANES, from + count - i0), 'fast', 'gaussian');
      streams.forEach((stream, j) => {
        sampler.sample(stream, v);
        each(i0 + j);
      });
    }
  };
  run(0, 12, () => {});
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  let acc = new BlockAccumulator(0, v.length);
  run(0, networks, (i) => {
    if (i % 64 === 0) acc = new BlockAccumulator(i / 64, v.length);
    acc.add(v);
  });
  const { profile } = (await post('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  session.disconnect();
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + profile.timeDeltas[i]));
  // A sample counts for the innermost phase on its stack (a dot product called by the QR is QR time).
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
  const shares = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = byNode.get(node.id) ?? 0;
    let at: ProfileNode | undefined = node;
    while (at && !phaseOf(at.callFrame)) at = parent.get(at.id);
    const phase = at && phaseOf(at.callFrame);
    if (!phase) continue;
    shares.set(phase, (shares.get(phase) ?? 0) + t);
    total += t;
  }
  for (const [k, t] of shares) shares.set(k, t / total);
  return shares;
}

const shareText = (s: Record<string, number>) =>
  Object.entries(s)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${(100 * v).toFixed(0)}%`)
    .join(', ');

const perSecond = (r: Rate) =>
  `${(r.networks / r.wall).toFixed(1)} networks/s (${(r.networks / r.cpu).toFixed(1)} per CPU s)`;

export async function benchSampler(): Promise<string[]> {
  const lines = [
    `Reduced sampler, width ${WIDTH}, depth ${DEPTH}, N = 2, ReLU sigma_w^2 = 2, no biases, ${WORKERS} workers, ${reducedSampler(net()).kernels} kernels; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  ];
  const missing = numpyAvailable();
  if (missing) lines.push(`  NumPy peer skipped: ${missing}`);
  const ours = QUICK ? 128 : 2048;
  const theirs = QUICK ? 32 : 512;
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await ntkcalcRun(ours);
    lines.push(`  round ${round}: ntkcalc ${perSecond(a)}, ${ours} networks`);
    if (missing) continue;
    const b = numpyRun(theirs);
    lines.push(`  round ${round}: NumPy ${b.version} ${perSecond(b)}, ${theirs} networks; ${shareText(b.phases)}`);
    const wall = a.networks / a.wall / (b.networks / b.wall);
    const cpu = a.networks / a.cpu / (b.networks / b.cpu);
    lines.push(`  round ${round}: ntkcalc / NumPy = ${wall.toFixed(2)}x (wall), ${cpu.toFixed(2)}x (per CPU second)`);
  }
  const shares = await phases(QUICK ? 32 : 300);
  lines.push(`  ntkcalc, one thread, share of profiler samples: ${shareText(Object.fromEntries(shares))}`);
  lines.push(
    `  load average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  return lines;
}
