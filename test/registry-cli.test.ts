import { describe, expect, it } from 'vitest';
import { allFormulas, formula } from '../formulas/index.js';
import { evaluateFormula, parseSettings, selectFormulas } from '../src/cli/formulas.js';
import { InputError } from '../src/errors.js';
import { evaluateHighPrecision } from '../src/symbolic/highPrecision.js';
import { cli, cliJson } from './helpers/cli.js';
import { exactScope } from './symbolic/helpers.js';

/** `ntkcalc formulas ...`: end to end on the built CLI where the process matters, in-process elsewhere. */
describe('ntkcalc formulas (end to end)', () => {
  it('list shows id, title, kind and source; --kind filters', () => {
    const all = cli('formulas', 'list');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^id\s+title\s+kind\s+source/);
    expect(all.stdout).toContain('activation/kappa');
    const bounds = cliJson<{ formulas: { id: string; kind: string }[] }>('formulas', 'list', '--kind', 'bound');
    expect(bounds.formulas.length).toBeGreaterThan(0);
    expect(bounds.formulas.every((f) => f.kind === 'bound')).toBe(true);
  });

  it('show gives statement, plain text, source, convention, variables, notes and test vectors', () => {
    const r = cli('formulas', 'show', 'infinite-width/varrho');
    expect(r.code).toBe(0);
    for (const s of [
      '\\varrho(\\rho) =',
      'rho + Delta * (2 / pi)',
      'arXiv:2501.13225',
      'convention:  terjek',
      '[-1, 1]',
      'rho = 1/2, Delta = 1/2',
      'notes:',
    ])
      expect(r.stdout).toContain(s);
  });

  it('eval --exact --digits: kappa of leaky 0.1 as an exact radical and to 30 digits', () => {
    const j = cliJson<{
      value: number;
      exact: { exact: string; latex: string };
      high_precision: { value: string; digits: number };
    }>('formulas', 'eval', 'activation/kappa', '--set', 'a=11/20', '--set', 'b=0.45', '--exact', '--digits', '30');
    expect(j.exact).toEqual({ exact: '(10/101)*sqrt(202)', latex: '\\frac{10\\sqrt{202}}{101}' });
    expect(j.high_precision).toEqual({ value: '1.40719508946058371257137915719', digits: 30 });
    expect(j.value).toBeCloseTo(1.4071950894605838, 15);
    const text = cli(
      'formulas',
      'eval',
      'infinite-width/varrho',
      '--set',
      'rho=1/2',
      '--set',
      'Delta=1/2',
      '--exact',
      '--digits',
      '20',
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('(1/2)*pi^(-1)*sqrt(3)+1/3');
    expect(text.stdout).toContain('0.60899778104422935809');
  });

  const bad: ReadonlyArray<readonly [string, string[], RegExp]> = [
    ['an unknown id', ['formulas', 'eval', 'no/such-formula'], /unknown formula "no\/such-formula"/],
    [
      'an out-of-domain value',
      ['formulas', 'eval', 'infinite-width/varrho', '--set', 'rho=2', '--set', 'Delta=1/2'],
      /rho=2 is outside the domain of rho \(\[-1, 1\]\)/,
    ],
    [
      'a non-numeric value',
      ['formulas', 'eval', 'infinite-width/varrho', '--set', 'rho=half', '--set', 'Delta=1/2'],
      /--set rho: "half" is not a number/,
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one clear line and exit code 2`, () => {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});

describe('ntkcalc formulas (in process)', () => {
  it('--source matches the id prefix, the citation or the arXiv id', () => {
    const ids = (s: string) => selectFormulas(undefined, s).map((f) => f.id);
    expect(ids('2501.13225')).toContain('infinite-width/varrho');
    expect(ids('2501.13225')).not.toContain('activation/kappa');
    expect(ids('ACTIVATION')).toContain('activation/kappa');
    expect(selectFormulas('asymptotic').every((f) => f.kind === 'asymptotic')).toBe(true);
  });

  it('--derivative differentiates the closed form (mathjs) and evaluates it exactly', () => {
    const f = formula('infinite-width/varrho');
    const r = evaluateFormula(f, parseSettings(f, ['rho=-1/2', 'Delta=3/8']), {
      derivative: 'rho',
      exact: true,
      digits: 20,
    });
    expect(r.derivative?.expression).toContain('acos(rho)');
    expect(r.exact).toEqual({ exact: '1/2', latex: '\\frac{1}{2}' });
    expect(r.high_precision).toEqual({ value: '0.50000000000000000000', digits: 20 });
    expect(r.value).toBeCloseTo(0.5, 15);
  });

  it('says that a formula computed by code has no exact or high-precision value', () => {
    const f = formula('terjek/ntk-eoc');
    const r = evaluateFormula(f, parseSettings(f, ['rho=0', 'Delta=1/2', 'l=3']), { exact: true, digits: 30 });
    expect(r.value).toBeCloseTo(0.685708636283, 11);
    expect(r.exact).toMatchObject({ unsupported: expect.stringMatching(/computed by code/) });
    expect(r.high_precision).toMatchObject({ unsupported: expect.stringMatching(/computed by code/) });
  });

  it('takes the digits of a formula computed by code from its exact value', () => {
    const f = allFormulas().find((g) => g.expression === undefined && g.exact !== undefined);
    if (!f) return;
    const values = exactScope(f.testVectors[0].values);
    const r = evaluateFormula(f, values, { digits: 25 });
    expect(r.high_precision).toEqual(evaluateHighPrecision(f.exact!(values).exact, {}, 25));
    expect(r).not.toHaveProperty('exact');
  });

  const bad: ReadonlyArray<readonly [string, string, string[], RegExp, { digits?: number; derivative?: string }?]> = [
    ['a missing variable', 'infinite-width/varrho', ['rho=1/2'], /needs --set Delta=/],
    ['an unknown variable', 'activation/kappa', ['a=1', 'b=1', 'c=2'], /no variable "c"/],
    ['a malformed --set', 'infinite-width/varrho', ['rho'], /--set expects name=value/],
    ['a variable set twice', 'infinite-width/varrho', ['rho=0', 'rho=1/2', 'Delta=1'], /--set rho is given twice/],
    ['an undefined value', 'activation/delta', ['a=0', 'b=0'], /undefined at a = 0, b = 0/],
    ['a bad digit count', 'activation/a2', ['a=1', 'b=1'], /--digits must be an integer from 1 to/, { digits: 100000 }],
    ['a derivative in a non-variable', 'activation/a2', ['a=1', 'b=1'], /no variable "rho"/, { derivative: 'rho' }],
    [
      'a derivative of code',
      'terjek/ntk-eoc',
      ['rho=0', 'Delta=1/2', 'l=3'],
      /needs a closed form/,
      { derivative: 'rho' },
    ],
  ];
  for (const [what, id, settings, message, req] of bad) {
    it(`rejects ${what} with an InputError`, () => {
      const f = formula(id);
      const run = () => evaluateFormula(f, parseSettings(f, settings), req);
      expect(run).toThrow(InputError);
      expect(run).toThrow(message);
    });
  }
});
