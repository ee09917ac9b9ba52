import { eocSigmaW2 } from '../../src/activation/constants.js';
import { fromCoefficients, preset } from '../../src/activation/family.js';
import type { BiasMode, NetworkSpec, Parameterization } from '../../src/spec/network.js';
import { Fraction, parseRational } from '../../src/util/exact.js';
import type { ReferenceNetwork } from '../reference/decimalKernel.js';

/** A canonical network spec for tests: EOC gain by default. */
export function spec(
  activation: string,
  depth: number,
  opts: { sw2?: Fraction | string; sb2?: string; bias?: BiasMode; param?: Parameterization; widths?: number[] } = {},
): NetworkSpec {
  const act = preset(activation);
  const sw2 = opts.sw2 === undefined ? eocSigmaW2(act) : new Fraction(opts.sw2 as string);
  const sb2 = new Fraction(opts.sb2 ?? '0');
  return {
    activation: act,
    depth,
    parameterization: opts.param ?? 'ntk',
    bias: opts.bias ?? (sb2.equals(0) ? 'absent' : 'present'),
    layers: Array.from({ length: depth }, () => ({ sigmaW2: sw2, sigmaB2: sb2 })),
    hiddenWidths: opts.widths,
  };
}

export function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), Number.MIN_VALUE);
}

/** The calculator's spec of a 40-digit reference network (test/reference/decimalKernel.ts) at the given depth. */
export function canonical(net: ReferenceNetwork, depth: number): NetworkSpec {
  // The reference writes sigma_w^2 = 200/101 as 40 digits; the calculator takes the exact ratio.
  const sw2 = net.sigmaW2.startsWith('1.980198') ? new Fraction(200, 101) : parseRational(net.sigmaW2, 'sigmaW2');
  const sb2 = parseRational(net.sigmaB2, 'sigmaB2');
  return {
    activation: fromCoefficients(net.a, net.b),
    depth,
    parameterization: 'ntk',
    bias: sb2.equals(0) ? 'absent' : 'present',
    layers: Array.from({ length: depth }, () => ({ sigmaW2: sw2, sigmaB2: sb2 })),
  };
}
