// Text outputs read well in a terminal: no raw LaTeX, every symbol of a label defined, no degenerate ranges or
// "1 = 1". Each check names the defect it guards against (issue: a newcomer's first hour).
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const LATEX = /\\(frac|left|right|cdot|sqrt)|\{\\/;

describe('readable text output', () => {
  it('finite-width: plain-text formulas, and K, V, Theta, r defined in the output', () => {
    const r = cli('finite-width', '--activation', 'relu', '--depth', '4', '--width', '256');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(LATEX);
    expect(r.stdout).toContain('c(r, L) = (7r - 3)(L - 1)(2L - 1)/(6L) + (r - 1)(L - 1)/(2L)');
    expect(r.stdout).toMatch(/where K = sigma_w\^2 \|x\|\^2\/n_0 is the kernel/);
    expect(r.stdout).toMatch(/V\^\(L\)\/n = E\[z_i\^2 z_j\^2\] - K\^2/);
    expect(r.stdout).toMatch(/r = A_4\/A_2\^2/);
    expect(r.stdout).not.toMatch(/n V\/\(n K\^2\)/);
  });

  it('phase: chi_1 printed once when exact and value agree, both when they differ', () => {
    expect(cli('phase', '--sw2', '2').stdout).toMatch(/chi_1 = sigma_w\^2 A_2 +1\n/);
    expect(cli('phase', '--sw2', '1.5').stdout).toMatch(/chi_1 = sigma_w\^2 A_2 +3\/4 = 0\.75\n/);
  });

  it('spectrum: inputs of one norm give one value per leading term, not "x .. x"', () => {
    const r = cli('spectrum', '--inputs', 'examples/sphere16.json', '--depth', '8');
    expect(r.code).toBe(0);
    for (const [, lo, hi] of r.stdout.matchAll(/(\S+) \.\. (\S+)/g)) expect(lo).not.toBe(hi);
    expect(r.stdout).toMatch(/top eigenvalue +2\.701602541 +4\.4405468\n/);
    expect(r.stdout).toMatch(/xi = 2\.325725765: \(3\/8\)/);
  });

  it('dispersion: the limit is named, not "D in the limit (below)"', () => {
    const r = cli('dispersion', '--sw2', '2', '--depth', '2', '--width', '4', '--n0', '3');
    expect(r.stdout).not.toMatch(/\(below\)/);
    expect(r.stdout).toMatch(/limit of D +4\.629403623\n/);
    expect(r.stdout).toMatch(/\nlimit of D: edge of chaos, joint limit/);
    expect(r.stdout).toMatch(/\nK = K\(x,x\): the NTK of the network at x, summed over the gradients of all weights/);
  });

  it('hanin-nica: K, its parts, dK, lambda, Delta_ww, Delta_wb, mu_4 and beta are defined in the output', () => {
    const r = cli('hanin-nica', '--widths', '2,4,4,1', '--x', '1,1');
    expect(r.code).toBe(0);
    const symbols = r.stdout.slice(r.stdout.indexOf('\nsymbols: '));
    for (const s of ['K = K(x,x) = K_w + K_b', 'dK:', 'lambda', 'Delta_ww', 'Delta_wb', 'mu_4 =', 'beta =', 'N(x)'])
      expect(symbols).toContain(s);
  });
});
