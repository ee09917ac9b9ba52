import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GramOptions, type GramResult, gramMatrices, gramMatricesParallel } from '../src/kernels/gram.js';
import { npyHeader, parseNpy } from '../src/util/npy.js';
import { reluBenchSpec } from './reluSpec.js';

/**
 * Gram-matrix benchmark of issues 2 and 13: N = 2000 inputs of dimension 64, depth 100, ReLU at the
 * EOC with a small bias (so the affine cosine-distance step is exercised) and without; all cores
 * (GRAM_REPEAT times, default 3), one thread, the plain JavaScript kernel, and the NumPy peer
 * (bench/gram_numpy.py, the textbook recursion) when /usr/bin/python3 has numpy. The machine may be
 * shared: each line gives the 1-minute load average, and CPU time (all threads) beside wall time.
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

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly load: number;
}

/** Wall time and CPU time (all threads of the process) of one call; CPU time is what load from other jobs distorts least. */
async function timed<T>(run: () => T | Promise<T>): Promise<Timing & { value: T }> {
  const load = loadavg()[0];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const cpu = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, load };
}

const PYTHON = '/usr/bin/python3';
const numpyScript = fileURLToPath(new URL('../../bench/gram_numpy.py', import.meta.url));

/** The NumPy peer on the same inputs, or why it did not run. */
function numpyPeer(x: number[][], depth: number, sb2: number): (Timing & { ntk: Float64Array }) | string {
  if (!existsSync(PYTHON) || spawnSync(PYTHON, ['-c', 'import numpy']).status !== 0) return `no numpy in ${PYTHON}`;
  const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-bench-'));
  try {
    const input = join(dir, 'x.npy');
    const output = join(dir, 'g.npy');
    const data = Float64Array.from(x.flat());
    writeFileSync(input, Buffer.concat([npyHeader([x.length, x[0].length]), Buffer.from(data.buffer)]));
    const load = loadavg()[0];
    const r = spawnSync(PYTHON, [numpyScript, input, String(depth), String(sb2), output], { encoding: 'utf8' });
    if (r.status !== 0) return `numpy peer failed: ${r.stderr.trim().split('\n').pop()}`;
    const t = JSON.parse(r.stdout) as { wall: number; cpu: number };
    const g = parseNpy(readFileSync(output), output);
    return { wall: t.wall, cpu: t.cpu, load, ntk: g.data.subarray(x.length * x.length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchGram(): Promise<string[]> {
  const N = Number(process.env.GRAM_N ?? 2000);
  const repeat = Number(process.env.GRAM_REPEAT ?? 3);
  const dim = 64;
  const depth = 100;
  const x = dataset(N, dim, 1);
  const entries = (N * (N + 1)) / 2;
  const workers = cpus().length;
  const lines: string[] = [];
  const line = (name: string, t: Timing, work = entries * depth) =>
    lines.push(
      `  ${name}: wall ${t.wall.toFixed(2)} s, CPU ${t.cpu.toFixed(2)} s = ${((t.cpu / work) * 1e9).toFixed(1)} ns per entry-layer (load ${t.load.toFixed(1)})`,
    );
  for (const bias of [true, false]) {
    const spec = reluBenchSpec(depth, { bias });
    lines.push(
      `Gram matrices: N = ${N}, dimension ${dim}, depth ${depth}, ReLU sigma_w^2 = 2, ${bias ? 'sigma_b^2 = 0.01' : 'no bias (edge of chaos)'} (${entries} distinct entries)`,
    );
    const all = (options: GramOptions = {}) => gramMatricesParallel(spec, x, undefined, { workers, ...options });
    const runs: (Timing & { value: GramResult })[] = [];
    for (let r = 0; r < repeat; r++) {
      runs.push(await timed(() => all()));
      line(`${workers} workers, run ${r + 1}`, runs[r]);
    }
    const serial = await timed(() => gramMatrices(spec, x));
    line('1 thread', serial);
    line(`${workers} workers, plain JavaScript kernel`, await timed(() => all({ kernel: 'js' })));
    const ours = runs[0].value.ntk[0];
    lines.push(`  ${workers} workers bit-identical to 1 thread: ${serial.value.ntk[0].every((v, i) => v === ours[i])}`);
    const peer = numpyPeer(x, depth, bias ? 0.01 : 0);
    if (typeof peer === 'string') lines.push(`  NumPy peer: ${peer}`);
    else {
      // The peer computes all N^2 entries (each pair twice); per entry-layer counts its N^2 depth.
      line('NumPy peer (textbook recursion, 1 thread)', peer, N * N * depth);
      // Largest relative difference on the diagonal (where the textbook's arccos of a cosine
      // rounded below 1 loses digits) and off it.
      const worst = [0, 0];
      for (let i = 0; i < ours.length; i++) {
        const k = i % (N + 1) === 0 ? 0 : 1;
        worst[k] = Math.max(worst[k], Math.abs(peer.ntk[i] - ours[i]) / Math.abs(ours[i]));
      }
      const best = Math.min(...runs.map((r) => r.wall));
      lines.push(
        `  NumPy wall / ntkcalc wall (best of ${repeat} on ${workers} workers): ${(peer.wall / best).toFixed(1)}x; NumPy CPU / ntkcalc CPU (1 thread): ${(peer.cpu / serial.cpu).toFixed(1)}x; largest relative NTK difference ${worst[0].toExponential(1)} on the diagonal, ${worst[1].toExponential(1)} off it`,
      );
    }
  }
  return lines;
}
