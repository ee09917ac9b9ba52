import { cpus } from 'node:os';
import { gramMatrices, gramMatricesParallel } from '../src/kernels/gram.js';
import { reluBenchSpec } from './reluSpec.js';

/**
 * Gram-matrix benchmark of issue 2: N = 2000 inputs of dimension 64, depth 100, ReLU at the EOC
 * with a small bias (so the affine cosine-distance step is exercised), one thread and all cores.
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

export async function benchGram(): Promise<string[]> {
  const N = Number(process.env.GRAM_N ?? 2000);
  const dim = 64;
  const depth = 100;
  const spec = reluBenchSpec(depth);
  const x = dataset(N, dim, 1);
  const entries = (N * (N + 1)) / 2;
  const lines = [
    `Gram matrices: N = ${N}, dimension ${dim}, depth ${depth}, ReLU sigma_w^2 = 2, sigma_b^2 = 0.01 (${entries} distinct entries)`,
  ];
  const t0 = performance.now();
  const serial = gramMatrices(spec, x);
  const t1 = performance.now();
  const parallel = await gramMatricesParallel(spec, x, undefined, { workers: cpus().length });
  const t2 = performance.now();
  const identical = serial.ntk[0].every((v, i) => v === parallel.ntk[0][i]);
  for (const [name, ms] of [
    ['1 thread', t1 - t0],
    [`${cpus().length} workers`, t2 - t1],
  ] as const) {
    lines.push(
      `  ${name}: ${(ms / 1000).toFixed(2)} s, ${((entries * depth) / (ms / 1000) / 1e6).toFixed(2)} M entry-layers/s`,
    );
  }
  lines.push(`  parallel result bit-identical to serial: ${identical}`);
  return lines;
}
