import { describe, expect, it } from 'vitest';
import { preset } from '../../src/activation/family.js';
import { Fraction } from '../../src/util/exact.js';

// Worker threads run compiled JavaScript, so the Gram functions come from the build (npm test builds first).
const built = new URL('../../dist/src/kernels/gram.js', import.meta.url).href;
const { gramMatrices, gramMatricesParallel } = (await import(built)) as typeof import('../../src/kernels/gram.js');

describe('Gram matrices on worker threads', () => {
  it('are bit-identical to the single-threaded ones, for one and two datasets', async () => {
    const spec = {
      activation: preset('leaky:0.1'),
      depth: 30,
      parameterization: 'ntk' as const,
      bias: 'present' as const,
      layers: Array.from({ length: 30 }, () => ({ sigmaW2: new Fraction(3, 2), sigmaB2: new Fraction(1, 10) })),
    };
    const x = Array.from({ length: 70 }, (_, i) => [Math.cos(i), Math.sin(i * 1.3), (i % 7) - 3]);
    const y = x.slice(0, 23).map((v) => v.map((c) => c * 0.5 + 0.1));
    for (const second of [undefined, y]) {
      const serial = gramMatrices(spec, x, second, { allLayers: true });
      let progress = 0;
      const parallel = await gramMatricesParallel(spec, x, second, {
        allLayers: true,
        workers: 2,
        onProgress: (done) => (progress = done),
      });
      expect(progress).toBe(70);
      expect(parallel.layers).toEqual(serial.layers);
      serial.ntk.forEach((m, k) => expect(Array.from(parallel.ntk[k])).toEqual(Array.from(m)));
      serial.nngp.forEach((m, k) => expect(Array.from(parallel.nngp[k])).toEqual(Array.from(m)));
    }
  });
});
