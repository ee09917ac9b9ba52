import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/**
 * The CLI declares its rules (mandatory options, options that exclude each other, choices) to
 * commander; commander's own errors must still end like every other bad input: one line on stderr,
 * exit code 2, nothing on stdout.
 */
describe("commander's errors: one line, exit code 2", () => {
  const cases: [string, string[], RegExp][] = [
    [
      'unknown option, with the suggestion on the same line',
      ['kernel', '--depht', '2'],
      /^ntkcalc: error: unknown option '--depht' \(Did you mean --depth\?\); see ntkcalc kernel --help$/,
    ],
    ['unknown command', ['kernell'], /^ntkcalc: error: unknown command 'kernell'.*; see ntkcalc --help$/],
    ['a mandatory option', ['phase', '--activation', 'abs'], /^ntkcalc: error: --sw2 is required: .*e\.g\. --sw2 2\)$/],
    ['a choice', ['kernel', '--param', 'mf'], /argument 'mf' is invalid\. Allowed choices are ntk, standard; see/],
    ['an excess argument', ['phase', '--sw2', '2', 'extra'], /too many arguments for 'phase'/],
    [
      '--activation with --a/--b',
      ['kernel', '--activation', 'relu', '--a', '1', '--b', '0', '--depth', '2', '--x', '1'],
      /^ntkcalc: error: give either --activation or --a, not both$/,
    ],
    [
      '--inputs with --x',
      ['simulate', '--depth', '2', '--width', '4', '--x', '1', '--inputs', 'examples/inputs.json'],
      /^ntkcalc: error: give either --inputs or --x, not both$/,
    ],
    [
      '--width with --widths',
      ['kernel', '--width', '4', '--widths', '4,4', '--x', '1'],
      /^ntkcalc: error: give either --width or --widths, not both$/,
    ],
    ['--grid with --limit', ['dispersion', '--grid', '--limit'], /^ntkcalc: error: give either --grid or --limit/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    });
  }

  it('--help and --version still exit 0', () => {
    expect(cli('kernel', '--help').code).toBe(0);
    expect(cli('--version').code).toBe(0);
  });

  it('every option group has its heading in --help', () => {
    const help = cli('simulate', '--help').stdout;
    for (const heading of ['Activation:', 'Network:', 'Inputs:', 'Sampling:', 'Output:'])
      expect(help, heading).toContain(`\n${heading}\n`);
  });
});
