import { loadavg } from 'node:os';
import { preset } from '../src/activation/family.js';
import { concentrationExperiment, type ExperimentOptions } from '../src/finite-width/concentrationExperiment.js';
import { icdExperiment } from '../src/finite-width/icdExperiment.js';
import { spherePoints } from '../src/kernels/inputs.js';

/**
 * The Terjek experiments on the Monte Carlo engine (issue 9): `concentration --simulate` (its
 * default rows: patterns constant and quadratic, l = 4, 8, m = 16, 64, 8 points on the sphere of
 * R^16) and `--icd` (three width patterns, m = 16, layers 2..32), on 1 and 2 worker threads.
 * MC_QUICK=1 uses fewer networks.
 */
const QUICK = process.env.MC_QUICK === '1';

async function timed(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const cpu = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

export async function benchTerjek(): Promise<string[]> {
  const samples = QUICK ? 32 : 256;
  const concentration = {
    activation: preset('relu'),
    inputs: spherePoints(8, 16, 2025),
    samples,
    seed: 0,
    cells: (['constant', 'quadratic'] as const).flatMap((pattern) =>
      [4, 8].flatMap((depth) => [16, 64].map((baseWidth) => ({ pattern, depth, baseWidth }))),
    ),
  };
  const icd = {
    activation: preset('abs'),
    rho1: 0.32,
    series: (['constant', 'linear', 'quadratic'] as const).map((pattern) => ({ pattern, baseWidth: 16 })),
    layers: [2, 4, 8, 16, 32],
    samples: QUICK ? 64 : 1000,
    seed: 0,
  };
  const lines = [
    `Terjek experiments on the engine; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  ];
  for (const [name, run] of [
    [
      `concentration --simulate, 8 rows x ${samples} networks`,
      (o: ExperimentOptions) => concentrationExperiment(concentration, o),
    ],
    [
      `concentration --icd, 15 points x ${icd.samples} networks (forward-only)`,
      (o: ExperimentOptions) => icdExperiment(icd, o),
    ],
  ] as const) {
    const one = await timed(() => run({ workers: 1 }));
    const two = await timed(() => run({ workers: 2, forceWorkers: true }));
    lines.push(
      `  ${name}: 1 worker ${one.wall.toFixed(2)} s (CPU ${one.cpu.toFixed(2)} s), 2 workers ${two.wall.toFixed(2)} s (CPU ${two.cpu.toFixed(2)} s), speed-up ${(one.wall / two.wall).toFixed(2)}x`,
    );
  }
  lines.push(
    `  load average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  return lines;
}
