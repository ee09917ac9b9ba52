import { describe, expect, it } from 'vitest';
import { allFormulas } from '../../formulas/index.js';
import { bibtex, citeKey, REFERENCES, referenceOf } from '../../src/report/bibliography.js';

describe('bibliography', () => {
  it('has an entry for every source the registry cites', () => {
    for (const f of allFormulas()) expect(() => referenceOf(f.source), f.id).not.toThrow();
  });
  it('finds a source by arXiv id before its citation text', () => {
    expect(citeKey({ citation: 'Terjek & Gonzalez-Sanchez 2025', arxiv: '2501.13225' })).toBe(
      'TerjekGonzalezSanchez2025spectrum',
    );
    expect(citeKey({ citation: 'Cho & Saul 2009; docs/conventions.md closed form' })).toBe('ChoSaul2009');
    expect(citeKey({ citation: 'docs/conventions.md (ntkcalc spec)' })).toBe('ntkcalc');
  });
  it('refuses a source it does not know', () => {
    expect(() => referenceOf({ citation: 'Nobody 1999' })).toThrow('no entry for the source "Nobody 1999"');
  });
  it('has unique keys and well-formed entries', () => {
    const keys = REFERENCES.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const bib = bibtex();
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(REFERENCES.length);
    expect(bib).toContain('@article{HaninNica2019,\n  author        = {Hanin, Boris and Nica, Mihai},');
    for (const line of bib.split('\n')) if (line.startsWith('  ')) expect(line).toMatch(/^ {2}\w+ += \{.*\},?$/);
  });
});
