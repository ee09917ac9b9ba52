import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { allFormulas, formula } from '../../formulas/index.js';
import { FORMULA_CHECKS, NOT_CHECKABLE } from '../../src/verify/formulaChecks.js';
import { formatReport } from '../../src/verify/report.js';
import { checksOf, DEFAULT_VERIFY_SEED, judgeChecks, simulateChecks } from '../../src/verify/verify.js';
import { cli } from '../helpers/cli.js';

const evaluate = (id: string, values: Record<string, number>) => formula(id).evaluate(values);

describe('verify: which formulas', () => {
  it('every registry formula is checked or listed as not checkable with a reason, in docs/validate.md too', () => {
    const docs = readFileSync('docs/validate.md', 'utf8');
    const checked = new Set(FORMULA_CHECKS.map((c) => c.formula));
    for (const f of allFormulas()) {
      const reason = NOT_CHECKABLE[f.id];
      expect(checked.has(f.id) !== (reason !== undefined), `${f.id}: checked or listed, not both`).toBe(true);
      if (reason) expect(docs, `${f.id} in docs/validate.md`).toContain(`\`${f.id}\``);
    }
    for (const id of Object.keys(NOT_CHECKABLE)) expect(() => formula(id), id).not.toThrow();
  });

  it('only exact and derived formulas are tested; up-to-constants ones are ratios', () => {
    for (const c of FORMULA_CHECKS) {
      const kind = formula(c.formula).kind;
      if (c.role === 'equal') expect(['exact', 'derived'], c.formula).toContain(kind);
      if (kind === 'up-to-constants') expect(c.role, c.formula).toBe('ratio');
    }
  });
});

describe('verify --suite quick', () => {
  it('passes at its fixed seed, reports ratios never as passed, and fails a formula 2% off', async () => {
    const simulated = await simulateChecks(checksOf('quick'), {
      suite: 'quick',
      seed: DEFAULT_VERIFY_SEED,
      workers: 2,
    });
    const rep = judgeChecks(simulated, evaluate, { suite: 'quick', alpha: 0.01 });
    expect(rep.exitCode, JSON.stringify(rep.rows.filter((r) => r.verdict === 'fail'))).toBe(0);
    expect(rep.counts.pass).toBeGreaterThanOrEqual(6);
    const ratio = rep.rows.find((r) => r.name === 'hanin-nica/ratio-equal-width');
    expect(ratio?.verdict).toBe('reported');
    expect(ratio?.p).toBeUndefined();
    expect(ratio?.reason).toMatch(/simulation \/ formula = [\d.]+ \+\/- [\d.]+; a ratio, never a pass/);
    // In JUnit a reported ratio is a skipped test case, and the XML is valid against the JUnit schema.
    const xml = formatReport(rep, 'junit');
    expect(xml).toMatch(/<skipped message="up to constants: simulation \/ formula = /);
    const xsd = readFileSync(fileURLToPath(new URL('./fixtures/junit.xsd', import.meta.url)), 'utf8');
    const check = await validateXML({ xml: [{ fileName: 'verify.xml', contents: xml }], schema: [xsd] });
    expect(check.errors).toEqual([]);
    // The same simulations judged against a registry with one wrong formula.
    const broken = (id: string, values: Record<string, number>) =>
      evaluate(id, values) * (id === 'hanin-nica/mean' ? 1.02 : 1);
    const bad = judgeChecks(simulated, broken, { suite: 'quick', alpha: 0.01 });
    expect(bad.exitCode).toBe(1);
    expect(bad.rows.filter((r) => r.verdict === 'fail').map((r) => r.name)).toEqual(['hanin-nica/mean']);
  });

  it('refuses an unknown suite with exit 2, naming the choices, no stack trace', () => {
    const r = cli('verify', '--suite', 'medium');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are quick, full/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
