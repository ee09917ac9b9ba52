import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/**
 * The PyTorch client of docs/ci.md on the real PyTorch: Debian's python3-torch (installed by
 * .ci/run) under /usr/bin/python3, not whatever python3 comes first on PATH.
 */
const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-torch-'));

function runScript(script: string): string {
  const out = join(dir, `${script}.json`);
  // 200 networks keep the test at a few seconds; the power against this bug is still total.
  const r = spawnSync(PYTHON, [join('examples/torch', script), '--out', out, '--networks', '200'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, `${PYTHON} ${script}: ${r.stderr}`).toBe(0);
  return out;
}

describe('examples/torch with PyTorch', () => {
  it('the correct simulation passes validate and the one without bias gradients fails', () => {
    const ok = cli('validate', runScript('mlp_ntk.py'), '--workers', '1');
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/PASSED: 5 passed, 0 failed, 0 not checkable/);
    const bad = cli('validate', runScript('mlp_ntk_buggy.py'), '--workers', '1');
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/NTK\[0,0\] +ntk_mean .* fail/);
  });

  it('docs/ci.md shows the script as it is', () => {
    const block = /```python\n([\s\S]*?)```/.exec(readFileSync('docs/ci.md', 'utf8'))?.[1];
    expect(block).toBe(readFileSync('examples/torch/mlp_ntk.py', 'utf8'));
  });
});
