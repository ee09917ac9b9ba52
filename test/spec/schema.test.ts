import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { InputError } from '../../src/index.js';
import { cli } from '../helpers/cli.js';

const { parseNetwork, parseSimulation, specJson, preset, Fraction } = api;

/** One line, an InputError, and the message matches. */
function refuses(f: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${message}`).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toMatch(/\n/);
}

async function refusesAsync(f: () => Promise<unknown>, message: RegExp): Promise<void> {
  await expect(f()).rejects.toThrow(InputError);
  await expect(f()).rejects.toThrow(message);
}

describe('network schema: input forms', () => {
  it('a preset, coefficients, exact strings and numbers give the same network', () => {
    const a = parseNetwork({ activation: 'relu', depth: 2, sigma_w2: 2 });
    const b = parseNetwork({ activation: { a: '1/2', b: 0.5 }, depth: 2, sigma_w2: ['2', '2/1'] });
    expect(a.activation.name).toBe('relu');
    expect(b.activation.a.equals(new Fraction(1, 2))).toBe(true);
    expect(a.layers.map((l) => l.sigmaW2.toFraction())).toEqual(['2', '2']);
    expect(b.layers.map((l) => l.sigmaW2.toFraction())).toEqual(['2', '2']);
  });

  it('decimals are exact rationals and the defaults are the EOC gain without biases', () => {
    const s = parseNetwork({ activation: 'leaky:0.1', depth: 3, sigma_b2: 0.1 });
    // A_2 = (11/20)^2 + (9/20)^2 = 101/200: the EOC gain is 200/101.
    expect(specJson(s).sigma_w2).toEqual(['200/101', '200/101', '200/101']);
    expect(specJson(s).sigma_b2).toEqual(['1/10', '1/10', '1/10']);
    expect(s.bias).toBe('present');
    expect(parseNetwork({ depth: 1 }).bias).toBe('absent');
  });

  it('the depth follows from the hidden widths; widths is an alias and width sets every layer', () => {
    expect(parseNetwork({ hidden_widths: [8, 16, 8] }).depth).toBe(4);
    expect(parseNetwork({ widths: [8, 16] }).hiddenWidths).toEqual([8, 16]);
    expect(parseNetwork({ depth: 4, width: 5 }).hiddenWidths).toEqual([5, 5, 5]);
  });

  it('round trip: the output form of any network parses back to the same network', () => {
    const inputs = [
      { activation: 'relu', depth: 1 },
      { activation: { name: 'mine', a: '-3/7', b: '1e-3' }, depth: 3, sigma_w2: ['2', '11/20', 1], sigma_b2: 0 },
      {
        activation: 'abrelu:0.1,1',
        hidden_widths: [3, 4],
        parameterization: 'standard',
        bias: 'zero-init',
        weights: 'uniform',
        relu_prime_at_0: '1/2',
      },
      { activation: 'abs', depth: 2, sigma_b2: [0, '1/3'], width: 7 },
    ];
    for (const input of inputs) {
      const s = parseNetwork(input);
      const json = specJson(s);
      expect(JSON.parse(JSON.stringify(specJson(parseNetwork(JSON.parse(JSON.stringify(json))))))).toEqual(json);
      expect(parseNetwork(json)).toEqual(s);
    }
  });

  it('the output form is the spec object of today: activation {name, a, b}, per-layer lists, hidden_widths', () => {
    expect(specJson(parseNetwork({ activation: 'relu', depth: 2, sigma_w2: 2, width: 4 }))).toEqual({
      activation: { name: 'relu', a: '1/2', b: '1/2' },
      depth: 2,
      parameterization: 'ntk',
      bias: 'absent',
      sigma_w2: ['2', '2'],
      sigma_b2: ['0', '0'],
      hidden_widths: [4],
    });
  });
});

describe('network schema: every mistake is one line naming the field, the value, the range and an example', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'a negative depth',
      { depth: -3 },
      /^network\.depth must be a positive integer, got "-3"; .*up to 1000000, e\.g\. "depth": 3$/,
    ],
    ['a fractional depth', { depth: 2.5 }, /network\.depth must be a positive integer, got "2\.5"/],
    ['a depth beyond memory', { depth: 1e9 }, /network\.depth 1000000000 is beyond the supported 1,000,000 layers/],
    ['a depth as a list', { depth: [3] }, /network\.depth: \[3\] is not allowed \(not a number\)/],
    ['no depth and no widths', { activation: 'relu' }, /network\.depth is missing \(or give network\.hidden_widths/],
    [
      'depth and widths that disagree',
      { depth: 3, hidden_widths: [4] },
      /network\.hidden_widths: 1 widths do not match network\.depth 3 .*e\.g\. "hidden_widths": \[256, 256\]/,
    ],
    [
      'a negative width',
      { hidden_widths: [4, -2] },
      /network\.hidden_widths\[1\] must be a positive integer, got "-2"/,
    ],
    ['a width of NaN', { depth: 2, width: Number.NaN }, /network\.width must be a positive integer, got "NaN"/],
    ['widths not a list', { hidden_widths: 4 }, /network\.hidden_widths: 4 is not allowed/],
    ['width beside widths', { width: 4, widths: [4] }, /network\.width is not allowed beside network\.widths/],
    [
      'an unknown field',
      { depth: 3, sigma_w: 2 },
      /^network: unknown field "sigma_w" is not allowed; the fields are activation, depth/,
    ],
    [
      'not an object',
      [1, 2],
      /^network: \[1,2\] is not allowed \(expected object, received array\); e\.g\. \{"activation"/,
    ],
    [
      'NaN gain',
      { depth: 2, sigma_w2: Number.NaN },
      /network\.sigma_w2: "NaN" is not a finite number; a variance >= 0/,
    ],
    [
      'Infinity gain',
      { depth: 2, sigma_b2: ['0', Infinity] },
      /network\.sigma_b2\[1\]: "Infinity" is not a finite number/,
    ],
    [
      'a negative gain',
      { depth: 2, sigma_w2: '-1/2' },
      /network\.sigma_w2: -1\/2 is negative; a variance must be >= 0, e\.g\. "sigma_w2": 2/,
    ],
    ['a gain as text', { depth: 2, sigma_w2: 'two' }, /network\.sigma_w2: "two" is not a number/],
    [
      'too few gains',
      { depth: 3, sigma_w2: [2, 2] },
      /network\.sigma_w2: 2 values is not allowed for depth 3; give one value or 3/,
    ],
    [
      'an unknown activation',
      { depth: 2, activation: 'tanh' },
      /unknown activation "tanh".*e\.g\. "activation": "leaky:0\.1"$/,
    ],
    [
      'a without b',
      { depth: 2, activation: { a: 1 } },
      /network\.activation\.a and network\.activation\.b go together/,
    ],
    ['the zero function', { depth: 2, activation: { a: 0, b: '0' } }, /zero function/],
    [
      'a preset name with other coefficients',
      { depth: 2, activation: { name: 'relu', a: 1, b: 0 } },
      /name "relu" has a = 1\/2/,
    ],
    ['an unknown activation field', { depth: 2, activation: { a: 1, b: 0, c: 1 } }, /unknown field "c"/],
    [
      'an unknown parameterization',
      { depth: 2, parameterization: 'mup' },
      /network\.parameterization: "mup" is not allowed; ntk or standard/,
    ],
    [
      'a bias mode against sigma_b2',
      { depth: 2, bias: 'absent', sigma_b2: 1 },
      /network\.bias: absent contradicts a nonzero network\.sigma_b2/,
    ],
    [
      'an unknown weight law',
      { depth: 2, weights: 'cauchy' },
      /network\.weights: "cauchy" is not allowed; gaussian or uniform/,
    ],
    ['relu_prime_at_0 of 1', { depth: 2, relu_prime_at_0: 1 }, /network\.relu_prime_at_0: 1 is not allowed/],
  ])('%s', (_name, input, message) => refuses(() => parseNetwork(input), message));

  it('names the place it was given: a file and its field', () => {
    refuses(() => parseNetwork({ depth: 0 }, 'run.yaml: spec'), /^run\.yaml: spec\.depth must be a positive integer/);
  });
});

describe('simulation schema', () => {
  const good = { spec: { depth: 2, width: 4, sigma_w2: 2 }, inputs: [[1, 0]], samples: 100 };
  it('parses a run with its defaults; weights go into the network', () => {
    const c = parseSimulation({ ...good, weights: 'uniform' });
    expect(c).toMatchObject({ outDim: 1, law: 'uniform', sampler: 'auto', update: false, seed: 0, samples: 100 });
    expect(c.spec.weights).toBe('uniform');
    expect(parseSimulation({ ...good, spec: undefined, network: good.spec }).spec.depth).toBe(2);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'samples 1e20',
      { ...good, samples: 1e20 },
      /simulation\.samples: 100000000000000000000 is not allowed .*from 2 to 2\^30/,
    ],
    [
      'one sample',
      { ...good, samples: 1 },
      /simulation\.samples: 1 is not allowed \(a standard error needs two networks\)/,
    ],
    ['samples "abc"', { ...good, samples: 'abc' }, /simulation\.samples must be a positive integer, got "abc"/],
    ['no samples', { ...good, samples: undefined }, /simulation\.samples is missing/],
    ['a negative seed', { ...good, seed: -1 }, /simulation\.seed must be an integer from 0 to 4294967295, got "-1"/],
    [
      'an unknown sampler',
      { ...good, sampler: 'fancy' },
      /simulation\.sampler: "fancy" is not allowed; dense, reduced or auto/,
    ],
    [
      'ragged inputs',
      { ...good, inputs: [[1, 0], [1]] },
      /simulation\.inputs: vector 1 has length 1 but the inputs have dimension 2/,
    ],
    ['no inputs', { ...good, inputs: [] }, /simulation\.inputs: no input vectors/],
    ['inputs not arrays', { ...good, inputs: [1, 2] }, /simulation\.inputs: entry 0 is not an array/],
    ['a network error', { ...good, spec: { depth: -1 } }, /simulation\.spec\.depth must be a positive integer/],
    ['no network', { inputs: [[1]], samples: 10 }, /simulation: the network is missing/],
    ['an unknown field', { ...good, sample: 3 }, /simulation: unknown field "sample"/],
    [
      'weights against the network',
      { ...good, weights: 'uniform', spec: { ...good.spec, weights: 'gaussian' } },
      /contradicts/,
    ],
    ['update as text', { ...good, update: 'yes' }, /simulation\.update: "yes" is not allowed/],
  ])('%s', (_name, input, message) => refuses(() => parseSimulation(input), message));
});

describe('the public API validates at the boundary with the same messages', () => {
  const relu2 = api.parseNetwork({ depth: 2, sigma_w2: 2, width: 4 });
  const hand = {
    activation: preset('relu'),
    depth: 2,
    parameterization: 'ntk' as const,
    bias: 'absent' as const,
    layers: [
      { sigmaW2: new Fraction(2), sigmaB2: new Fraction(0) },
      { sigmaW2: new Fraction(2), sigmaB2: new Fraction(0) },
    ],
  };
  const bad = (o: Record<string, unknown>) => ({ ...hand, ...o }) as unknown as api.NetworkSpec;

  it('a hand-made NetworkSpec that is right passes and gives the parsed network`s kernels', () => {
    expect(api.pairKernels(hand, [1, 0], [0, 1])).toEqual(
      api.pairKernels(api.parseNetwork({ depth: 2, sigma_w2: 2 }), [1, 0], [0, 1]),
    );
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'a wrong type',
      () => api.pairKernels(bad({ depth: '3' as unknown as number, layers: [] }), [1], [1]),
      /spec\.sigma_w2: 0 values is not allowed for depth 3/,
    ],
    [
      'a depth of NaN',
      () => api.diagonalKernels(bad({ depth: Number.NaN }), [1]),
      /spec\.depth must be a positive integer, got "NaN"/,
    ],
    ['a missing field', () => api.diagonalKernels(bad({ depth: undefined }), [1]), /spec\.depth is missing/],
    [
      'an unknown field',
      () => api.diagonalKernels(bad({ hidden: [4] }), [1]),
      /spec: unknown field "hidden" is not allowed/,
    ],
    [
      'a NaN gain',
      () => api.pairKernels(bad({ layers: [{ sigmaW2: Number.NaN, sigmaB2: 0 }, hand.layers[1]] }), [1], [1]),
      /spec\.sigma_w2\[0\]: "NaN" is not a finite number/,
    ],
    [
      'a negative width',
      () => api.mcNetwork(bad({ hiddenWidths: [-4] }), [[1, 0]]),
      /spec\.hidden_widths\[0\] must be a positive integer, got "-4"/,
    ],
    [
      'ragged vectors',
      () => api.pairKernels(relu2, [1, 0], [1]),
      /x, y: vector 1 has length 1 but the inputs have dimension 2/,
    ],
    [
      'a NaN coordinate',
      () => api.diagonalKernels(relu2, [1, Number.NaN]),
      /x: vector 0, coordinate 1 is null, not a finite number|coordinate 1/,
    ],
    [
      'ragged Gram inputs',
      () =>
        api.gramMatrices(relu2, [
          [1, 0],
          [1, 0, 0],
        ]),
      /^x: vector 1 has length 3/,
    ],
    ['ragged spectrum inputs', () => api.eocSpectrum(0.5, 3, [[1, 0], [0]]), /^inputs: vector 1 has length 1/],
  ])('%s', (_name, f, message) => refuses(f, message));

  it('simulate and simulateShard check the run', async () => {
    const config = { spec: relu2, inputs: [[1, 0]], seed: 0, samples: 100 };
    await refusesAsync(() => api.simulate({ ...config, samples: 1 }), /config\.samples: 1 is not allowed/);
    await refusesAsync(() => api.simulate({ ...config, seed: -1 }), /config\.seed must be an integer from 0/);
    await refusesAsync(
      () => api.simulate({ ...config, inputs: [[1, 0], [1]] }),
      /config\.inputs: vector 1 has length 1/,
    );
    await refusesAsync(
      () => api.simulateShard({ ...config, sampler: 'fast' as 'dense' }, { index: 1, count: 1 }),
      /config\.sampler: "fast" is not allowed/,
    );
    await refusesAsync(
      () => api.simulate({ ...config, extra: 1 } as unknown as api.SimulationConfig),
      /config: unknown field "extra"/,
    );
  });

  it('the CLI and the library give the same message for the same mistake', () => {
    const fromCli = cli('kernel', '--depth', '0', '--x', '1', '--y', '1').stderr;
    let fromApi = '';
    try {
      api.parseNetwork({ depth: '0' });
    } catch (e) {
      fromApi = (e as Error).message;
    }
    const tail = 'must be a positive integer, got "0"; a positive integer number of weight layers up to 1000000, e.g. ';
    expect(fromCli).toContain(`--depth ${tail}--depth 3`);
    expect(fromApi).toBe(`network.depth ${tail}"depth": 3`);
  });
});
