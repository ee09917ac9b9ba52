import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  evaluateHighPrecision,
  HIGH_PRECISION_FUNCTIONS,
  highPrecisionUnsupported,
} from '../../src/symbolic/highPrecision.js';
import { agreesToDigits, exactScope } from './helpers.js';

/**
 * References from Python mpmath 1.3 at 120 digits with exact rational inputs (mpf(n)/mpf(d)), e.g.
 *   python3 -c "from mpmath import *; mp.dps = 120; print(nstr(acos(mpf(1)/3), 60))"
 * They are independent of decimal.js, which mathjs's BigNumber mode uses.
 */
const MPMATH: ReadonlyArray<readonly [string, Record<string, string>, string]> = [
  ['sqrt(x)', { x: '2' }, '1.41421356237309504880168872420969807856967187537694807317668'],
  ['abs(x)', { x: '-7/3' }, '2.33333333333333333333333333333333333333333333333333333333333'],
  ['acos(x)', { x: '1/3' }, '1.23095941734077468213492917824798737571034000935509483905555'],
  [
    'acos(x)',
    { x: '999999999999/1000000000000' },
    '0.00000141421356237321289993188650864693584713344666533614262331902',
  ],
  ['acos(x)', { x: '-999999/1000000' }, '3.14017843990956898669957158750684723573314336360667966069511'],
  ['asin(x)', { x: '1/7' }, '0.143347568905365357595074280156618326098939213133464328446889'],
  ['atan(x)', { x: '3/2' }, '0.982793723247329067985710611014666014496877453631628556761425'],
  ['sin(x)', { x: '5/3' }, '0.995407957751764978407945739625705146292577735867083616493995'],
  ['cos(x)', { x: '5/3' }, '-0.0957235480143755841156138368653112310075927500670987273948349'],
  ['tan(x)', { x: '7/5' }, '5.79788371548288964370772024360369904599369751893967972517935'],
  ['exp(x)', { x: '-3/2' }, '0.223130160148429828933280470764012521342171629361079328743835'],
  ['log(x)', { x: '10/3' }, '1.20397280432593599262274621776183850295361093080602352429863'],
  ['pi', {}, '3.14159265358979323846264338327950288419716939937510582097494'],
  // Registry closed forms (infinite-width/varrho, zeta, dual-phi; activation/kappa).
  [
    'rho + Delta * (2 / pi) * (sqrt(1 - rho^2) - rho * acos(rho))',
    { rho: '1/2', Delta: '1/2' },
    '0.608997781044229358088996582489818054032026573516653659733016',
  ],
  [
    'rho + Delta * (2 / pi) * (sqrt(1 - rho^2) - rho * acos(rho))',
    { rho: '-3/7', Delta: '81/202' },
    '0.0223840275494959008656962872520147851712294147121737682507132',
  ],
  [
    'z - (Delta / pi) * (2 * sqrt(z * (1 - z)) - (1 - 2 * z) * 2 * asin(sqrt(z)))',
    { z: '1/1000000', Delta: '1' },
    '0.000000999151173551960561276504612794351632351281155616279284254351',
  ],
  [
    '(abs(a) + abs(b)) / sqrt(a^2 + b^2)',
    { a: '11/20', b: '9/20' },
    '1.40719508946058371257137915719089927526633519856223748740502',
  ],
  [
    'a^2 * c + b^2 * (2 / pi) * sqrt(q1 * q2) * (sin(acos(c / sqrt(q1 * q2))) + (pi / 2 - acos(c / sqrt(q1 * q2))) * c / sqrt(q1 * q2))',
    { a: '3/5', b: '-2/7', q1: '2', q2: '3', c: '1/2' },
    '0.309958792605970934256281935431162373080684243759082470558446',
  ],
];

describe('high-precision evaluation (mathjs BigNumber = decimal.js)', () => {
  it('every function it allows is checked against mpmath here', () => {
    const checked = new Set(MPMATH.map(([e]) => /^(\w+)\(/.exec(e)?.[1]).filter(Boolean));
    expect([...HIGH_PRECISION_FUNCTIONS].filter((f) => !checked.has(f))).toEqual([]);
  });

  for (const digits of [15, 30, 50]) {
    for (const [expr, values, ref] of MPMATH) {
      it(`${expr} at ${JSON.stringify(values)} to ${digits} digits`, () => {
        const got = evaluateHighPrecision(expr, exactScope(values), digits);
        expect(got.digits).toBe(digits);
        expect(agreesToDigits(got.value, ref, digits), `${got.value} vs mpmath ${ref}`).toBe(true);
      });
    }
  }

  it('reports every requested digit, trailing zeros included', () => {
    expect(evaluateHighPrecision('1/4', {}, 10).value).toBe('0.2500000000');
  });

  it('says zero, with a bound, when the terms cancel at every working precision', () => {
    const r = evaluateHighPrecision(
      'z - (Delta / pi) * (2 * sqrt(z * (1 - z)) - (1 - 2 * z) * 2 * asin(sqrt(z)))',
      exactScope({ z: '1', Delta: '1' }),
      30,
    );
    expect(r.value).toBe('0');
    expect(r.zeroBelow).toMatch(/^1e-\d+$/);
  });

  it('refuses functions without a verified decimal.js implementation instead of returning Float64 digits', () => {
    expect(highPrecisionUnsupported('gamma(x) + sqrt(x)')).toMatch(/gamma/);
    expect(() => evaluateHighPrecision('gamma(x)', exactScope({ x: '1/3' }), 30)).toThrow(InputError);
  });

  it('refuses a complex value and an out-of-range digit count', () => {
    expect(() => evaluateHighPrecision('sqrt(x)', exactScope({ x: '-1' }), 20)).toThrow(/not a real number/);
    expect(() => evaluateHighPrecision('x', exactScope({ x: '1' }), 0)).toThrow(InputError);
    expect(() => evaluateHighPrecision('x', exactScope({ x: '1' }), 100000)).toThrow(InputError);
  });
});
