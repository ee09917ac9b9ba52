import { cpus } from 'node:os';
import { gramMatrices, gramMatricesParallel } from '../src/kernels/gram.js';
import { reluBenchSpec } from './reluSpec.js';

/**
 * Gram-matrix benchmark of issues 2 and 13: N = 2000 inputs of dimension 64, depth 100, ReLU at the
 * EOC with a small bias (so the affine cosine-distance step is exercised) and without, one thread
 * and all cores.
 */
function dataset(n: number, dim: number, seed: number): number[][] {
  // A small LCG: the benchmark needs reproducible inputs, not good randomness.
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => Array.from({ length: dim }, next));
}

/** Wall time and CPU time (all threads of the process) of one call; CPU time is what load from other jobs distorts least. */
async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const cpu = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

export async function benchGram(): Promise<string[]> {
  const N = Number(process.env.GRAM_N ?? 2000);
  const dim = 64;
  const depth = 100;
  const x = dataset(N, dim, 1);
  const entries = (N * (N + 1)) / 2;
  const lines: string[] = [];
  for (const bias of [true, false]) {
    const spec = reluBenchSpec(depth, { bias });
    lines.push(
      `Gram matrices: N = ${N}, dimension ${dim}, depth ${depth}, ReLU sigma_w^2 = 2, ${bias ? 'sigma_b^2 = 0.01' : 'no bias (edge of chaos)'} (${entries} distinct entries)`,
    );
    const serial = await timed(() => gramMatrices(spec, x));
    const parallel = await timed(() => gramMatricesParallel(spec, x, undefined, { workers: cpus().length }));
    const identical = serial.value.ntk[0].every((v, i) => v === parallel.value.ntk[0][i]);
    for (const [name, t] of [
      ['1 thread', serial],
      [`${cpus().length} workers`, parallel],
    ] as const) {
      lines.push(
        `  ${name}: ${t.wall.toFixed(2)} s, ${((entries * depth) / t.wall / 1e6).toFixed(2)} M entry-layers/s; CPU ${t.cpu.toFixed(2)} s`,
      );
    }
    lines.push(`  parallel result bit-identical to serial: ${identical}`);
  }
  return lines;
}
