import { describe, expect, it } from 'vitest';
import { preset } from '../../src/activation/family.js';
import { pairKernels } from '../../src/kernels/pair.js';
import { phaseOf } from '../../src/kernels/phase.js';
import { Fraction } from '../../src/util/exact.js';
import { spec } from '../helpers/specs.js';

describe('phases of phi = a s + b|s|', () => {
  it('decides the edge of chaos exactly: leaky 0.1 at sigma_w^2 = 200/101 has chi_1 = 1', () => {
    const p = phaseOf(preset('leaky:0.1'), new Fraction(200, 101), new Fraction(0));
    expect(p.phase).toBe('eoc');
    expect(p.chi1Exact).toBe('1');
    expect(p.variance).toBe('preserved');
    expect(p.correlationDepthScale).toBeNull();
    // 1.980198 (a rounded EOC value) is not the EOC.
    expect(phaseOf(preset('leaky:0.1'), new Fraction('1.980198'), new Fraction(0)).phase).toBe('ordered');
  });

  it('ordered with bias: q* = sigma_b^2/(1 - chi_1) is the fixed point of the recursion, xi = -1/ln chi_1', () => {
    const p = phaseOf(preset('relu'), new Fraction(3, 2), new Fraction(1, 10));
    expect(p.phase).toBe('ordered');
    expect(p.qstar).toBeCloseTo(0.4, 15);
    const layers = pairKernels(spec('relu', 200, { sw2: '1.5', sb2: '0.1' }), [3, 0], [0, 0.2]);
    expect(layers[199].nngp.xx).toBeCloseTo(0.4, 12);
    // 1 - rho_l shrinks by chi_1 per layer once q has settled.
    const ratio = layers[60].cosineDistance / layers[59].cosineDistance;
    expect(ratio).toBeCloseTo(0.75, 3);
    expect(p.correlationDepthScale).toBeCloseTo(-1 / Math.log(0.75), 14);
  });

  it('chaotic and marginal cases have no fixed point', () => {
    expect(phaseOf(preset('abs'), new Fraction(11, 10), new Fraction(0))).toMatchObject({
      phase: 'chaotic',
      qstar: null,
      variance: 'grows without bound',
    });
    expect(phaseOf(preset('abs'), new Fraction(1), new Fraction(1, 2))).toMatchObject({
      phase: 'eoc',
      qstar: null,
      variance: 'grows without bound',
    });
  });

  it('without bias the correlation map does not depend on sigma_w^2', () => {
    const a = pairKernels(spec('relu', 30, { sw2: '1.5' }), [1, 0], [0, 1]);
    const b = pairKernels(spec('relu', 30, { sw2: '2.5' }), [1, 0], [0, 1]);
    a.forEach((l, i) => expect(l.cosine).toBe(b[i].cosine));
    expect(phaseOf(preset('relu'), new Fraction(5, 2), new Fraction(0)).correlationNote).toMatch(
      /whatever sigma_w\^2 is/,
    );
  });
});
