import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (npm test builds first) as a user would. */
export function cli(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson<T = Record<string, unknown>>(...args: string[]): T {
  const r = cli(...args, '--json');
  if (r.code !== 0) throw new Error(`ntkcalc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** cli() without blocking, so the cases of one test run side by side (each start costs ~0.3-2 s). */
export function cliAsync(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) =>
    execFile(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? -1) : 0, stdout, stderr }),
    ),
  );
}

/** The first word of each line of `ntkcalc <command> --list` (the names it lists), after checking it exits 0. */
export function listedNames(command: string): string[] {
  const r = cli(command, '--list');
  if (r.code !== 0) throw new Error(`ntkcalc ${command} --list exited ${r.code}: ${r.stderr}`);
  return r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/\s+/)[0]);
}
