import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_ERRORS, MalformedFile, parseResultsText } from '../../src/verify/resultsFile.js';

const network = { activation: 'relu', depth: 3, hidden_widths: [16, 16], sigma_w2: [2, 2, 1], bias: 'zero-init' };
const row = (extra: Record<string, unknown> = {}) => ({
  name: 'K(x0,x0)',
  network,
  inputs: [
    [1, 0],
    [0, 1],
  ],
  entry: [0, 0],
  quantity: 'ntk_mean',
  estimate: 3,
  se: 0.1,
  samples: 100,
  ...extra,
});

function errorsOf(file: string, text: string): string[] {
  try {
    parseResultsText(file, text);
  } catch (e) {
    if (e instanceof MalformedFile) return [...e.errors];
    throw e;
  }
  throw new Error('expected a malformed file');
}

describe('results file', () => {
  it('reads JSON, YAML and CSV into the same rows', () => {
    const doc = { results: [row(), row({ entry: [0, 1], quantity: 'nngp_mean' })] };
    const fromJson = parseResultsText('r.json', JSON.stringify(doc));
    const fromYaml = parseResultsText('r.yaml', stringify(doc));
    const q = (v: unknown) => `"${(typeof v === 'string' ? v : JSON.stringify(v)).replace(/"/g, '""')}"`;
    const csv = [
      'name,quantity,entry,network,inputs,estimate,se,samples',
      ...doc.results.map((r) => [r.name, r.quantity, r.entry, r.network, r.inputs].map(q).join(',') + ',3,0.1,100'),
    ].join('\n');
    const fromCsv = parseResultsText('r.csv', csv);
    expect(fromJson).toHaveLength(2);
    expect(fromJson[1]).toMatchObject({ row: 2, quantity: 'nngp_mean', entry: [0, 1] });
    const strip = (rows: typeof fromJson) => rows.map(({ file: _f, ...r }) => r);
    expect(strip(fromYaml)).toEqual(strip(fromJson));
    expect(strip(fromCsv)).toEqual(strip(fromJson));
  });

  it('takes values instead of estimate/se/samples, and [i] for [i, i]', () => {
    const [r] = parseResultsText(
      'r.json',
      JSON.stringify({
        results: [{ ...row(), estimate: undefined, se: undefined, samples: undefined, values: [1, 2], entry: [1] }],
      }),
    );
    expect(r.measurement).toEqual({ values: [1, 2] });
    expect(r.entry).toEqual([1, 1]);
  });

  it('lists every problem of every row as FILE:row N: field: what is wrong', () => {
    const bad = [
      row({ network: { ...network, depth: 0 } }),
      row({ quantity: undefined }),
      row({ quantity: 'ntk_men' }),
      row({ se: -1 }),
      row({ samples: 1 }),
      row({ estimate: undefined, se: undefined, samples: undefined, values: [1] }),
      row({ entry: [0, 2] }),
      row({ inputs: [[1, 0], [1]] }),
      row({ network: { ...network, hidden_widths: [16] } }),
      row({ values: [1, 2] }),
      row({ network: { ...network, sigma_w2: [2, 2] } }),
      row({ entry: undefined }),
    ];
    const errors = errorsOf('bad.json', JSON.stringify({ results: [row(), ...bad] }));
    const expected = [
      /^bad\.json:row 2: network\.depth/,
      /^bad\.json:row 3: quantity: missing; use one of ntk_mean/,
      /^bad\.json:row 4: quantity: unknown quantity; use one of ntk_mean, /,
      /^bad\.json:row 5: se: must be >= 0/,
      /^bad\.json:row 6: samples: must be an integer >= 2/,
      /^bad\.json:row 7: values: give at least 2 values/,
      /^bad\.json:row 8: entry: index 2 is out of range: there are 2 inputs/,
      /^bad\.json:row 9: inputs\.1: has 1 coordinates but inputs\[0\] has 2/,
      /^bad\.json:row 10: network\.hidden_widths: 1 widths do not match network\.depth 3/,
      /^bad\.json:row 11: values: give either values or estimate\/se\/samples, not both/,
      /^bad\.json:row 12: network\.sigma_w2: 2 values is not allowed for depth 3/,
      /^bad\.json:row 13: entry: missing/,
    ];
    for (const re of expected)
      expect(
        errors.some((e) => re.test(e)),
        `${re} in\n${errors.join('\n')}`,
      ).toBe(true);
    expect(errors.some((e) => e.includes('row 1:'))).toBe(false);
  });

  it('NaN from YAML is refused, and errors are capped', () => {
    const nan = errorsOf('n.yaml', stringify({ results: [row()] }).replace('se: 0.1', 'se: .nan'));
    expect(nan[0]).toMatch(/^n\.yaml:row 1: se: /);
    const many = errorsOf('m.json', JSON.stringify({ results: Array.from({ length: 80 }, () => row({ se: -1 })) }));
    expect(many).toHaveLength(MAX_ERRORS);
  });

  it('refuses what is not a results file, in one line', () => {
    expect(errorsOf('e.json', '')[0]).toMatch(/^e\.json: the file is empty/);
    expect(errorsOf('a.json', '[1, 2]')[0]).toMatch(/^a\.json: not a results file/);
    expect(errorsOf('b.json', '{"results": [')[0]).toMatch(/^b\.json: not valid JSON/);
    expect(errorsOf('c.csv', 'name,network\nx,{oops')[0]).toMatch(/^c\.csv:row 1: network: not valid JSON/);
  });
});
