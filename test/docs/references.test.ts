// The project stands alone: no file of src/, formulas/, docs/, README.md or scripts/ points outside the repository,
// and every docs page or docs/theory.md section it cites exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIRS = ['src', 'formulas', 'docs', 'scripts', 'bench', 'test', 'examples', 'schemas', '.ci'];

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return files(rel);
    return /\.(ts|md|json|ya?ml|py|csv|sh)$|^run$/.test(name) ? [rel] : [];
  });
}

const SOURCES = ['README.md', 'package.json', ...DIRS.flatMap(files)].map((f) => ({
  f,
  text: readFileSync(join(ROOT, f), 'utf8'),
}));
const THEORY = readFileSync(join(ROOT, 'docs/theory.md'), 'utf8');
/** Section ids of docs/theory.md: "H3.2", "S6", "F", ... from headings such as "#### H3.2 Exact identities". */
const THEORY_SECTIONS = new Set([...THEORY.matchAll(/^#+ ([HSTFM](?:\d+(?:\.\d+)*)?)\.? /gm)].map((m) => m[1]));

/** "part X" or "X3.2"-style citations of docs/theory.md must name a section that exists there. */
function theoryCitations(text: string): string[] {
  return [...text.matchAll(/docs\/theory\.md (?:part )?([HSTFM](?:\d+(?:\.\d+)*)?)/g)].map((m) => m[1]);
}

describe('documentation that stands alone', () => {
  it('no file refers to the formula sheets or anything else outside the repository', () => {
    const outside = /\.\.\/shared|shared\/spec|shared\/design|\/work\/|spec sheet|formula sheet/i;
    const self = 'test/docs/references.test.ts';
    const offenders = SOURCES.filter(({ f, text }) => f !== self && outside.test(text)).map(({ f }) => f);
    expect(offenders).toEqual([]);
  });

  it('sheet names are never cited bare: a page is cited as docs/<page>.md', () => {
    const bare = /(?<![\w/.-])(conventions|monte-carlo|hanin-nica|seleznova-kutyniok|design)\.md/;
    const offenders = SOURCES.filter(({ f, text }) => !f.startsWith('docs/') && bare.test(text)).map(({ f }) => f);
    expect(offenders).toEqual([]);
    const bareDocs = /(?<![\w/.([-])(finite-width|terjek)\.md(?!\])/;
    const code = SOURCES.filter(({ f, text }) => !f.startsWith('docs/') && bareDocs.test(text)).map(({ f }) => f);
    expect(code).toEqual([]);
  });

  it('every docs/<page>.md cited exists, and every docs/theory.md section cited is a heading there', () => {
    for (const { f, text } of SOURCES) {
      for (const [, page] of text.matchAll(/docs\/([\w-]+\.md)/g)) {
        expect(readdirSync(join(ROOT, 'docs')), `${f} cites docs/${page}`).toContain(page);
      }
      for (const section of theoryCitations(text)) {
        expect(THEORY_SECTIONS.has(section), `${f} cites docs/theory.md ${section}`).toBe(true);
      }
    }
    expect(THEORY_SECTIONS.has('H3.2')).toBe(true);
  });
});
