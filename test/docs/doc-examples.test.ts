// Every `$ ntkcalc ...` example of README.md and docs/*.md runs and prints what the page shows (rule: docs/README.md).
// Examples marked `<!-- doc-example: slow -->` run only in `npm run test:docs` (DOC_EXAMPLES=all); CI runs them with
// DOC_EXAMPLES=slow after `npm test` has run the others.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type DocExample, extractExamples, outputMatches, showsError } from './docExamples.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist/src/cli/main.js');
/** Unset: the quick examples (npm test); `all`: every one (npm run test:docs); `slow`: the slow ones (CI). */
const MODE = process.env.DOC_EXAMPLES;

const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md'),
);
const examples = pages.flatMap((f) => extractExamples(f, readFileSync(join(ROOT, f), 'utf8')));

const scratchRoot = mkdtempSync(join(tmpdir(), 'ntkcalc-docs-'));
afterAll(() => rmSync(scratchRoot, { recursive: true, force: true }));

/** A scratch folder where `ntkcalc` is the built CLI and `examples/` is the repository's, as after `npm link`. */
function scratch(example: DocExample): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = join(scratchRoot, `${example.file.replace(/\W/g, '_')}_${example.line}`);
  const bin = join(cwd, '.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'ntkcalc'), `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`, { mode: 0o755 });
  symlinkSync(join(ROOT, 'examples'), join(cwd, 'examples'));
  return { cwd, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' } };
}

describe('documented examples', () => {
  it('finds the examples of README.md and docs/', () => {
    expect(examples.filter((e) => e.file === 'README.md').length).toBeGreaterThanOrEqual(5);
    expect(examples.some((e) => e.slow)).toBe(true);
  });

  for (const example of examples) {
    const name = `${example.file}:${example.line} $ ${example.commands[0].command}`;
    const runs = MODE === 'all' || (MODE === 'slow' ? example.slow : !example.slow);
    const run = runs ? it : it.skip;
    run(name, { timeout: example.slow ? 1_800_000 : 120_000 }, () => {
      const { cwd, env } = scratch(example);
      for (const { command, expected } of example.commands) {
        const r = spawnSync('bash', ['-c', `exec 2>&1\n${command}`], { cwd, env, encoding: 'utf8' });
        const where = `${example.file}:${example.line}: $ ${command}`;
        if (showsError(expected)) expect(r.status, `${where} should fail`).not.toBe(0);
        else expect(r.status, `${where} exited ${r.status}:\n${r.stdout}`).toBe(0);
        // A command shown without output is run for its exit code only (docs/README.md: output that depends on
        // the machine, such as timings, is not shown).
        if (expected.some((l) => l.trim() !== '') && !outputMatches(expected, r.stdout)) {
          expect.fail(`${where}\n--- shown in the docs:\n${expected.join('\n')}\n--- printed:\n${r.stdout}`);
        }
      }
    });
  }
});
