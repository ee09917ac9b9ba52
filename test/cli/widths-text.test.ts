import { describe, expect, it } from 'vitest';
import { widthsText } from '../../src/cli/widthsText.js';
import { cli } from '../helpers/cli.js';

describe('widthsText: header widths with long runs written once with their count', () => {
  it.each([
    [[256, 256, 256], '256,256,256'],
    [[2, 4, 4, 1], '2,4,4,1'],
    [[4, 4, 4, 4, 4], '4 (x5)'],
    [[3, 8, 8, 8, 8, 8, 8, 1], '3,8 (x6),1'],
    [[1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3], '1,2 (x5),3 (x7)'],
    [[], ''],
  ])('%j -> %s', (widths, text) => {
    expect(widthsText(widths)).toBe(text);
  });

  it('keeps the header of a deep simulation one short line (was every hidden width)', () => {
    const r = cli('simulate', '--depth', '2000', '--width', '4', '--x', '1,0', '--samples', '2', '--workers', '1');
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n')[0];
    expect(header).toMatch(/hidden widths 4 \(x1999\),/);
    expect(header.length).toBeLessThan(200);
  });
});
