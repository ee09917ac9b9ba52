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

  it('kernel: --all-layers without --inputs warns in one line; --asymptotics with --inputs is refused', () => {
    const pair = cli('kernel', '--depth', '2', '--x', '1,0', '--all-layers');
    expect(pair.code).toBe(0);
    expect(pair.stderr.trim().split('\n')).toEqual([
      'ntkcalc: warning: --all-layers is ignored without --inputs: the table of --x/--y shows every layer',
    ]);
    expect(pair.stdout).toBe(cli('kernel', '--depth', '2', '--x', '1,0').stdout);
    const gram = cli('kernel', '--depth', '2', '--inputs', 'examples/inputs.json', '--asymptotics');
    expect(gram.code).toBe(2);
    expect(gram.stderr).toBe('ntkcalc: error: --asymptotics applies to a pair of inputs (--x, --y), not to --inputs\n');
  });

  it('dispersion refuses in one line an option its mode does not read, and accepts the ones it does', () => {
    const point = ['--sw2', '2', '--depth', '2', '--width', '4', '--n0', '3'];
    const refused: [string[], string][] = [
      [
        [...point, '--lambda', '2'],
        '--lambda applies to `dispersion limit` (--limit), not to one network (`dispersion point`, the default)',
      ],
      [
        [...point, '--a', '3'],
        '--a applies to `dispersion limit` (--limit), not to one network (`dispersion point`, the default)',
      ],
      [
        ['--grid', '--depth', '3'],
        '--depth applies to one network (`dispersion point`, the default), not to `dispersion grid` (--grid)',
      ],
      [
        ['--grid', '--omega', '2'],
        '--omega applies to `dispersion limit` (--limit), not to `dispersion grid` (--grid)',
      ],
      [
        ['--limit', '--lambda', '1', '--n0', '3'],
        '--n0 applies to one network (`dispersion point`, the default), not to `dispersion limit` (--limit)',
      ],
      [
        ['--limit', '--lambda', '1', '--exact'],
        '--exact applies to one network (`dispersion point`, the default) and `dispersion grid` (--grid), not to ' +
          '`dispersion limit` (--limit)',
      ],
      [
        ['--limit', '--lambda', '1', '--relu-prime-at-0', '0'],
        '--relu-prime-at-0 applies to one network (`dispersion point`, the default) and `dispersion grid` ' +
          '(--grid), not to `dispersion limit` (--limit)',
      ],
    ];
    for (const [args, message] of refused) {
      const r = cli('dispersion', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`ntkcalc: error: ${message}\n`);
    }
    const ok = cli('dispersion', ...point, '--norm2', '2', '--include', 'weights', '--relu-prime-at-0', '0');
    expect(ok.code, ok.stderr).toBe(0);
    const limit = cli('dispersion', '--limit', '--lambda', '0.5', '--omega', '2', '--a', '3');
    expect(limit.code, limit.stderr).toBe(0);
  });
});
