import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface TimedResult {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
}

/** Runs the built CLI without blocking, killed after `timeoutMs` (then timedOut is true). */
export function cliAsync(args: readonly string[], timeoutMs: number): Promise<TimedResult> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      // Only the start of a large output is kept: the checks read the first lines.
      if (stdout.length < 1e6) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ args, code: code ?? -1, stdout, stderr, ms: Date.now() - start, timedOut });
    });
  });
}

/** Runs every argument list, `parallel` at a time, in order of the results. */
export async function cliAll(
  cases: readonly (readonly string[])[],
  timeoutMs: number,
  parallel = 2,
): Promise<TimedResult[]> {
  const out: TimedResult[] = new Array(cases.length);
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await cliAsync(cases[i], timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return out;
}
