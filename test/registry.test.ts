import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { allFormulas, validateRegistry } from '../formulas/index.js';
import { formulaSchema } from '../formulas/types.js';
import { evaluateHighPrecision } from '../src/symbolic/highPrecision.js';
import { parseRational } from '../src/util/exact.js';

describe('formula registry', () => {
  it('every entry links to a docs section that exists (docs: "docs/<page>.md#<start of a heading>")', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    for (const f of allFormulas()) {
      const [page, section] = f.docs.split('#');
      expect(existsSync(`${root}/${page}`), `${f.id}: ${page}`).toBe(true);
      const headings = readFileSync(`${root}/${page}`, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^#+\s*/, ''));
      expect(
        headings.some((h) => h.startsWith(section)),
        `${f.id}: no heading "${section}..." in ${page}`,
      ).toBe(true);
    }
  });

  const formulas = allFormulas();

  it('loads and every entry passes the schema, LaTeX included (which loading leaves to first use)', () => {
    expect(formulas.length).toBeGreaterThan(10);
    expect(validateRegistry(formulas, formulaSchema).size).toBe(formulas.length);
    const noLatex = { ...formulas[0], id: 'activation/no-latex', latex: '' };
    expect(() => validateRegistry([noLatex], formulaSchema)).toThrow(/activation\/no-latex.*latex/);
  });

  it('rejects a broken entry and names it', () => {
    const broken = { ...formulas[0], id: 'activation/broken', testVectors: [] };
    expect(() => validateRegistry([broken])).toThrow(/activation\/broken.*test vector/);
    const badKind = {
      ...formulas[0],
      id: 'activation/bad-kind',
      kind: 'folklore',
    } as unknown as (typeof formulas)[number];
    expect(() => validateRegistry([badKind])).toThrow(/activation\/bad-kind.*kind/);
    const missing = { ...formulas[0], id: 'activation/missing-variable', testVectors: [{ values: {}, expected: 1 }] };
    expect(() => validateRegistry([missing])).toThrow(/activation\/missing-variable.*misses variable/);
    expect(() => validateRegistry([formulas[0], formulas[0]])).toThrow(/duplicate id/);
  });

  for (const f of formulas) {
    describe(f.id, () => {
      it('LaTeX statement renders with KaTeX', () => {
        expect(() => katex.renderToString(f.latex, { throwOnError: true, displayMode: true })).not.toThrow();
      });

      f.testVectors.forEach((tv, i) => {
        it(`test vector ${i + 1}${tv.note ? ` (${tv.note})` : ''}`, () => {
          const values = Object.fromEntries(
            Object.entries(tv.values).map(([k, v]) => [k, parseRational(v, k).valueOf()]),
          );
          const got = f.evaluate(values);
          const tol = (tv.relTol ?? 1e-14) * Math.max(1, Math.abs(tv.expected));
          expect(Math.abs(got - tv.expected)).toBeLessThanOrEqual(tol);
          if (f.expression !== undefined) {
            // The evaluator may be a numerically better rewrite of the expression; it must be the same function.
            const ref = Number(evaluateHighPrecision(f.expression, exactValues(tv.values), 30).value);
            expect(Math.abs(got - ref), `evaluator ${got} vs expression ${ref}`).toBeLessThanOrEqual(
              1e-14 * Math.abs(ref) + 1e-300,
            );
          }
          if (f.exact) {
            const exact = f.exact(exactValues(tv.values));
            if (tv.exact !== undefined) expect(exact.exact).toBe(tv.exact);
            const ref = Number(evaluateHighPrecision(exact.exact, {}, 30).value);
            expect(Math.abs(got - ref), `Float64 ${got} vs exact ${exact.exact}`).toBeLessThanOrEqual(
              1e-14 * Math.abs(ref),
            );
            expect(() => katex.renderToString(exact.latex, { throwOnError: true })).not.toThrow();
          }
        });
      });
    });
  }
});

function exactValues(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, parseRational(v, k)]));
}
