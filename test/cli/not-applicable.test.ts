// Options that do not apply are named in one warning line, and what needs no option asks for none.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('options that do not apply', () => {
  it('simulate --depth 1 needs no width and prints no empty width list', () => {
    const r = cli('simulate', '--depth', '1', '--x', '1,0', '--samples', '64', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/depth 1, no hidden layer,/);
    expect(r.stdout).not.toMatch(/hidden widths/);
    expect(r.stderr).toBe('');
  });

  it('simulate --depth 1 --width W warns in one line that the width is ignored, with the same numbers', () => {
    const plain = cli('simulate', '--depth', '1', '--x', '1,0', '--samples', '64', '--json');
    const r = cli('simulate', '--depth', '1', '--width', '8', '--x', '1,0', '--samples', '64', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      'ntkcalc: warning: --width is ignored: a depth-1 network (one weight layer) has no hidden layer',
    ]);
    expect(JSON.parse(r.stdout).quantities).toEqual(JSON.parse(plain.stdout).quantities);
  });

  it('simulate still asks for the widths of hidden layers, and its help says when', () => {
    expect(cli('simulate', '--depth', '2', '--x', '1,0').stderr).toMatch(/needs the 1 hidden widths/);
    expect(cli('simulate', '--help').stdout).toMatch(/simulate: needed\s+when L > 1/);
  });

  it('kernel --width under --param ntk warns in one line; under --param standard it is used', () => {
    const ntk = cli('kernel', '--depth', '2', '--width', '512', '--x', '1,0');
    expect(ntk.code).toBe(0);
    expect(ntk.stderr.trim().split('\n')).toEqual([
      'ntkcalc: warning: --width/--widths are ignored under --param ntk: ' +
        'the infinite-width NTK does not depend on the widths',
    ]);
    expect(ntk.stdout).toBe(cli('kernel', '--depth', '2', '--x', '1,0').stdout);
    const standard = cli('kernel', '--depth', '2', '--width', '512', '--param', 'standard', '--x', '1,0');
    expect(standard.code).toBe(0);
    expect(standard.stderr).toBe('');
  });
});
