import { exactA2 } from '../../src/activation/constants.js';
import { preset } from '../../src/activation/family.js';
import type { BiasMode, NetworkSpec, Parameterization } from '../../src/spec/network.js';
import { Fraction } from '../../src/util/exact.js';

/** A canonical network spec for tests: EOC gain by default. */
export function spec(
  activation: string,
  depth: number,
  opts: { sw2?: Fraction | string; sb2?: string; bias?: BiasMode; param?: Parameterization; widths?: number[] } = {},
): NetworkSpec {
  const act = preset(activation);
  const sw2 = opts.sw2 === undefined ? exactA2(act).inverse() : new Fraction(opts.sw2 as string);
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
