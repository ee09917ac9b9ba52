import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLOTS } from '../../src/report/plot/index.js';
import { cli, listedNames } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ntkcalc-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ntkcalc plot', () => {
  it('lists the plots one a line, name first', () => {
    expect(listedNames('plot')).toEqual(PLOTS.map((p) => p.name));
  });

  it('writes SVG or PNG by the extension of --out, and the plotted numbers with --data', () => {
    const svg = join(dir, 'phase.svg');
    const csv = join(dir, 'phase.csv');
    const r = cli('plot', 'phase', '--activation', 'leaky:0.1', '--out', svg, '--data', csv);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [^>]*>.*>Phase diagram of leaky:0\.1<\/text>/s);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('sigma_w2_low,sigma_w2_high,sigma_b2_low,sigma_b2_high,phase,chi1,qstar');
    expect(lines).toHaveLength(1 + 600);
    const png = join(dir, 'hn.png');
    expect(cli('plot', 'hanin-nica', '--out', png).code).toBe(0);
    expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('writes the Vega-Lite spec and the compiled Vega spec for restyling', () => {
    const vl = JSON.parse(cli('plot', 'correlation', '--format', 'vega-lite').stdout);
    expect(vl.$schema).toMatch(/vega-lite/);
    expect(vl.data.values.length).toBeGreaterThan(100);
    const vg = JSON.parse(cli('plot', 'correlation', '--format', 'vega').stdout);
    expect(vg.$schema).toMatch(/schema\/vega\/v/);
    expect(vg.marks.length).toBeGreaterThan(0);
  });

  it.each([
    [['plot', 'nope'], /^ntkcalc: error: unknown plot "nope"; the plots are dispersion, correlation, phase/],
    [['plot'], /^ntkcalc: error: name a plot/],
    [['plot', 'phase', '--out', 'x.pdf'], /--out x\.pdf: name a \.svg or \.png file/],
    [['plot', 'phase', '--out', 'x.svg', '--format', 'png'], /is a \.svg file but --format is png/],
    [['plot', 'correlation', '--activation', 'relu'], /--activation\/--a\/--b apply only to phase/],
    [['plot', 'phase', '--activation', 'tanh'], /activation/],
    [['plot', 'phase', '--format', 'pdf'], /argument 'pdf' is invalid\. Allowed choices are svg, png, vega-lite, vega/],
    [['plot', 'phase', '--out', '/nonexistent/dir/p.svg'], /cannot write "\/nonexistent\/dir\/p\.svg": ENOENT/],
  ])('bad input %j: one line, exit 2', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
