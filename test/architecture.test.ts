import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The import structure of docs/architecture.md, measured: which modules a fresh node process loads
 * when it imports the kernels (from dist/, which `npm test` builds first), and that the
 * dependency-cruiser rules run by `npm test` fail on code that breaks them.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ntkcalc-architecture-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ES modules are seen by a load hook (Node runs hooks on their own thread, so it appends to a
// file); CommonJS modules, which mathjs and nerdamer are loaded as, by require.cache afterwards.
const HOOKS = `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`;
const MAIN = `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const [hooks, log, after, ...entries] = process.argv.slice(2);
register(hooks, { data: { log } });
const modules = [];
for (const e of entries) modules.push(await import(e));
if (after) await new Function('modules', after)(modules);
appendFileSync(log, Object.keys(createRequire(import.meta.url).cache).join('\\n'));
`;
writeFileSync(join(work, 'hooks.mjs'), HOOKS);
writeFileSync(join(work, 'main.mjs'), MAIN);

let runs = 0;
/** Every module (file URL or path) that importing `entries` (under dist/), then running `after`, loads. */
function loadedModules(entries: string[], after = ''): string[] {
  const log = join(work, `loaded-${runs++}.txt`);
  writeFileSync(log, '');
  const urls = entries.map((e) => pathToFileURL(join(root, 'dist', e)).href);
  const r = spawnSync(
    process.execPath,
    [join(work, 'main.mjs'), pathToFileURL(join(work, 'hooks.mjs')).href, log, after, ...urls],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((m) => m.replaceAll('\\', '/'));
}

const FORBIDDEN: Record<string, RegExp> = {
  zod: /\/node_modules\/zod\//,
  mathjs: /\/node_modules\/mathjs\//,
  nerdamer: /\/node_modules\/nerdamer\//,
  commander: /\/node_modules\/commander\//,
  'the registry (formulas/)': /\/dist\/formulas\//,
  'the CLI (src/cli)': /\/dist\/src\/cli\//,
};

function forbiddenIn(loaded: string[]): string[] {
  return Object.entries(FORBIDDEN)
    .filter(([, re]) => loaded.some((m) => re.test(m)))
    .map(([name]) => name);
}

describe('importing the kernels alone', () => {
  // gramWorker.js and gramBlockWorker.js are workers' entry points: they run inside worker threads, never imported.
  const kernels = readdirSync(join(root, 'dist/src/kernels'))
    .filter((f) => f.endsWith('.js') && !f.endsWith('Worker.js'))
    .map((f) => `src/kernels/${f}`);

  it('loads neither zod, mathjs, nerdamer, commander, the registry nor the CLI', () => {
    expect(kernels).toContain('src/kernels/layers.js');
    expect(kernels).toContain('src/kernels/spectrum.js');
    const loaded = loadedModules(kernels);
    // The hook saw the kernels and what they do use (fraction.js, a CommonJS package).
    expect(loaded.some((m) => m.endsWith('/dist/src/kernels/layers.js'))).toBe(true);
    expect(loaded.some((m) => /\/node_modules\/fraction\.js\//.test(m))).toBe(true);
    expect(forbiddenIn(loaded)).toEqual([]);
  });

  it('is measured by a check that sees the registry, zod and mathjs where they are loaded', () => {
    const loaded = loadedModules(['formulas/index.js'], "modules[0].formula('activation/a2').latex;");
    expect(forbiddenIn(loaded)).toEqual(['zod', 'mathjs', 'the registry (formulas/)']);
  });
});

describe('the dependency rules of npm test (.dependency-cruiser.cjs)', () => {
  const depcruise = join(root, 'node_modules/.bin/depcruise');
  const fixtures = join(root, 'test/fixtures/dependencies');
  const cruise = (cwd: string, args: string[]) =>
    spawnSync(depcruise, ['--config', join(root, '.dependency-cruiser.cjs'), ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    });
  /** The imports that `depcruise` reports as breaking a rule, run on `dirs` from `cwd`. */
  function broken(cwd: string, dirs: string[]): string[] {
    type Violation = { rule: { name: string }; from: string; to: string };
    const json = cruise(cwd, ['--output-type', 'json', ...dirs]);
    const { violations } = (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary;
    const found = violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    // What npm test sees: the default report and its exit code.
    const plain = cruise(cwd, dirs);
    expect(plain.status !== 0, `exit code ${plain.status}: ${plain.stdout}`).toBe(found.length > 0);
    return found;
  }

  it('fail on a cycle, on the library importing the registry, and on anything importing the CLI', () => {
    expect(broken(fixtures, ['src', 'formulas'])).toEqual([
      'cli-is-the-top: formulas/entry.ts -> src/cli/command.ts',
      'library-below-registry: src/kernels/readsRegistry.ts -> formulas/entry.ts',
      'no-cycle: src/kernels/ring.ts -> src/kernels/ringBack.ts',
    ]);
  });
});
