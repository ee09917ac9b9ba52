import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** The output of a run that must succeed. */
function run(...args: string[]): string {
  const r = cli(...args);
  if (r.code !== 0) throw new Error(`ntkcalc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

describe('modes as subcommands, with the older flags still accepted', () => {
  it.each<[string, string[], string[]]>([
    [
      'concentration bound (the default)',
      ['concentration', 'bound', '--activation', 'abs', '--depth', '10', '--width', '1000', '--n', '100', '--json'],
      ['concentration', '--activation', 'abs', '--depth', '10', '--width', '1000', '--n', '100', '--json'],
    ],
    [
      'concentration simulate',
      ['concentration', 'simulate', '--depth', '3', '--width', '8', '--samples', '3', '--n', '3', '--csv'],
      ['concentration', '--depth', '3', '--simulate', '--width', '8', '--samples', '3', '--n', '3', '--csv'],
    ],
    [
      'concentration icd',
      ['concentration', 'icd', '--activation', 'abs', '--width', '8', '--layers', '2,4', '--samples', '4', '--json'],
      ['concentration', '--icd', '--activation', 'abs', '--width', '8', '--layers', '2,4', '--samples', '4', '--json'],
    ],
    [
      'spectrum dataset (the default)',
      ['spectrum', 'dataset', '--depth', '8', '--inputs', 'examples/sphere16.json', '--json'],
      ['spectrum', '--depth', '8', '--inputs', 'examples/sphere16.json', '--json'],
    ],
    [
      'spectrum figure1',
      ['spectrum', 'figure1', '--datasets', '2', '--points', '4', '--dim', '3', '--depths', '2,4', '--csv'],
      ['spectrum', '--figure1', '--datasets', '2', '--points', '4', '--dim', '3', '--depths', '2,4', '--csv'],
    ],
    [
      'dispersion limit',
      ['dispersion', 'limit', '--lambda', '0.5', '--a', '3', '--json'],
      ['dispersion', '--limit', '--lambda', '0.5', '--a', '3', '--json'],
    ],
    [
      'dispersion point (the default)',
      ['dispersion', 'point', '--sw2', '2', '--depth', '2', '--width', '4', '--n0', '3', '--exact'],
      ['dispersion', '--sw2', '2', '--depth', '2', '--width', '4', '--n0', '3', '--exact'],
    ],
  ])('%s: the subcommand and the old spelling print the same', (_name, modern, old) => {
    const out = run(...modern);
    expect(out.length).toBeGreaterThan(0);
    expect(run(...old)).toBe(out);
  });

  it.each<[string[], RegExp]>([
    [
      ['concentration', 'simulate', '--p', '0.5'],
      /^ntkcalc: error: --p applies to the bound mode .*not to `concentration simulate`/,
    ],
    [
      ['concentration', '--icd', '--depth', '4'],
      /^ntkcalc: error: --depth applies to the bound mode .* and `concentration simulate`/,
    ],
    [['concentration', '--simulate', '--icd'], /^ntkcalc: error: give either --simulate or --icd, not both$/],
    [
      ['concentration', 'bound', '--depth', '10', '--width', '100'],
      /^ntkcalc: error: --n is required: .*\(e\.g\. --n 100\)$/,
    ],
    [['concentration', 'simulate', '--n', '4', '--inputs', 'examples/sphere16.json'], /give either --n or --inputs/],
    [['spectrum', 'figure1', '--activation', 'abs'], /^ntkcalc: error: --activation does not apply to --figure1/],
    [
      ['spectrum', 'dataset', '--depth', '4', '--inputs', 'examples/sphere16.json', '--seed', '2'],
      /^ntkcalc: error: --seed applies only to --figure1$/,
    ],
    [['spectrum', '--depth', '4'], /^ntkcalc: error: --inputs is required: .*e\.g\. --inputs examples\/sphere16\.json/],
    [['spectrum', 'figure1', '--points', '1'], /--points must be >= 2/],
    [
      ['dispersion', '--grid', '--sw2', '2'],
      /^ntkcalc: error: --sw2 applies to one network \(`dispersion point`, the default\), not to `dispersion grid`/,
    ],
    [['dispersion', 'limit'], /^ntkcalc: error: --lambda is required: L\/M \(e\.g\. --lambda 0\.5\)/],
  ])('%j: one line, exit code 2', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it.each([
    ['concentration', 'bound'],
    ['concentration', 'simulate'],
    ['concentration', 'icd'],
    ['spectrum', 'dataset'],
    ['spectrum', 'figure1'],
    ['dispersion', 'point'],
    ['dispersion', 'grid'],
    ['dispersion', 'limit'],
  ])('%s %s --help shows an example of itself', (command, mode) => {
    const help = run(command, mode, '--help');
    expect(help).toContain(`ntkcalc ${command} ${mode} --`);
    expect(help).toContain('Output:');
  });

  it('the parent lists its modes', () => {
    const help = run('concentration', '--help');
    for (const mode of ['bound', 'simulate', 'icd']) expect(help).toMatch(new RegExp(`\\n  ${mode}\\b`));
  });
});
