import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-validate-'));
const EXAMPLE = 'examples/validate/results.json';
const XSD = readFileSync(fileURLToPath(new URL('./fixtures/junit.xsd', import.meta.url)), 'utf8');

async function junitErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [XSD] });
  return r.errors.map((e) => e.rawMessage);
}

/** The example with its first row's estimate moved far off (a failing row). */
function failingExample(): string {
  const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  doc.results[0].estimate *= 1.05;
  const file = join(dir, 'failing.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('ntkcalc validate', () => {
  it('simulate --json writes a results file that validates', () => {
    const out = join(dir, 'r.json');
    const sim = cli(
      'simulate',
      ...['--activation', 'relu', '--sw2', '2', '--sb2', '0.1', '--widths', '32,32', '--depth', '3'],
      ...['--x', '1,0', '--y', '0.6,0.8', '--samples', '2000', '--seed', '4', '--json', '--out', out, '--quiet'],
    );
    expect(sim.code, sim.stderr).toBe(0);
    const r = cli('validate', out, '--workers', '1');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASSED: 11 passed, 0 failed, 0 not checkable/);
  });

  it('passes the documented example and fails a wrong row with exit 1', () => {
    const ok = cli('validate', EXAMPLE, '--workers', '1');
    expect(ok.code, ok.stderr).toBe(0);
    const bad = cli('validate', failingExample(), '--workers', '1');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAILED: 2 passed, 1 failed/);
  });

  it('JUnit XML is valid against the JUnit schema and carries the failure', async () => {
    const out = join(dir, 'report.xml');
    const r = cli('validate', failingExample(), '--format', 'junit', '--out', out, '--workers', '1');
    expect(r.code).toBe(1);
    const xml = readFileSync(out, 'utf8');
    expect(await junitErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<testsuite name="[^"]*failing\.json" tests="3" failures="1" errors="0" skipped="0">/);
    expect(xml).toMatch(/<failure message="differs from the reference: z = /);
    // The schema can fail: a testcase without a name is refused.
    expect((await junitErrors(xml.replace(/<testcase name="[^"]*"/, '<testcase'))).length).toBeGreaterThan(0);
  });

  it('JSON and Markdown carry the same rows', () => {
    const j = cli('validate', EXAMPLE, '--format', 'json', '--workers', '1');
    const rep = JSON.parse(j.stdout);
    expect(rep.rows).toHaveLength(3);
    expect(rep.rows[0]).toMatchObject({ verdict: 'pass', reference: { kind: 'exact' } });
    expect(rep.rows[0].pAdjusted).toBeGreaterThanOrEqual(rep.rows[0].p);
    const md = cli('validate', EXAMPLE, '--format', 'markdown', '--workers', '1');
    expect(md.stdout).toMatch(/^### ntkcalc validate: PASSED/);
    expect(md.stdout.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(5);
  });

  it('malformed files exit 2 listing every error; bad options exit 2 in one line', () => {
    const file = join(dir, 'bad.json');
    const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    doc.results[0].se = -1;
    doc.results[2].quantity = 'ntk_men';
    writeFileSync(file, JSON.stringify(doc));
    const r = cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:row 1: se: must be >= 0/);
    expect(r.stderr).toMatch(/bad\.json:row 3: quantity: unknown quantity/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const alpha = cli('validate', EXAMPLE, '--alpha', '2');
    expect(alpha.code).toBe(2);
    expect(alpha.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli('validate', join(dir, 'missing.json')).stderr).toMatch(/cannot read/);
  });
});
