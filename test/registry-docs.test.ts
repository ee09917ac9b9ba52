import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFormulas } from '../formulas/index.js';
import { formulaDocs } from '../scripts/gen-formula-docs.js';

describe('docs/formulas.md', () => {
  it('is what scripts/gen-formula-docs.ts makes of the registry (run npm run docs when this fails)', () => {
    const committed = readFileSync(new URL('../docs/formulas.md', import.meta.url), 'utf8');
    expect(committed === formulaDocs(), 'docs/formulas.md is out of date: run npm run docs').toBe(true);
  });

  it('documents every entry with its LaTeX', () => {
    const docs = formulaDocs();
    for (const f of allFormulas()) {
      expect(docs).toContain(`## ${f.id}\n`);
      expect(docs).toContain(`$$\n${f.latex}\n$$`);
    }
  });
});
