import { describe, expect, it } from 'vitest';
import { allFormulas, validateRegistry } from '../formulas/index.js';
import { parseRational } from '../src/util/exact.js';

describe('formula registry', () => {
  const formulas = allFormulas();

  it('loads and every entry passes the schema', () => {
    expect(formulas.length).toBeGreaterThan(10);
  });

  it('rejects a broken entry and names it', () => {
    const broken = { ...formulas[0], id: 'activation/broken', testVectors: [] };
    expect(() => validateRegistry([broken])).toThrow(/activation\/broken.*test vector/);
  });

  for (const f of formulas) {
    describe(f.id, () => {
      f.testVectors.forEach((tv, i) => {
        it(`test vector ${i + 1}${tv.note ? ` (${tv.note})` : ''}`, () => {
          const values = Object.fromEntries(Object.entries(tv.values).map(([k, v]) => [k, parseRational(v, k).valueOf()]));
          const got = f.evaluate(values);
          const tol = (tv.relTol ?? 1e-14) * Math.max(1, Math.abs(tv.expected));
          expect(Math.abs(got - tv.expected)).toBeLessThanOrEqual(tol);
          if (tv.exact !== undefined) {
            const exact = f.exact!(Object.fromEntries(Object.entries(tv.values).map(([k, v]) => [k, parseRational(v, k)])));
            expect(exact.exact).toBe(tv.exact);
          }
        });
      });
    });
  }
});
