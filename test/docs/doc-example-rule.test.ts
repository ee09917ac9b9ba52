// The matching rule of the documented examples (docs/README.md) accepts what it promises and nothing more.
import { describe, expect, it } from 'vitest';
import { extractExamples, lineMatches, numberMatches, outputMatches, showsError } from './docExamples.js';

describe('numbers to the printed digits', () => {
  it('accepts the real value rounded to the shown digits', () => {
    expect(numberMatches('3.867', '3.86712')).toBe(true);
    expect(numberMatches('3.867', '3.8665')).toBe(true);
    expect(numberMatches('-21.25', '-21.25')).toBe(true);
    expect(numberMatches('8.0475825442775e+171', '8.04758254427751e+171')).toBe(true);
    expect(numberMatches('5.65293931865e+397', '5.65293931865e+397')).toBe(true);
  });
  it('refuses a value that rounds differently (the stale numbers docs/terjek.md showed)', () => {
    expect(numberMatches('3.855', '3.867')).toBe(false);
    expect(numberMatches('7.879', '7.974')).toBe(false);
    expect(numberMatches('3.867', '3.8676')).toBe(false);
    expect(numberMatches('159', '158')).toBe(false);
    expect(numberMatches('5.65293931865e+397', '5.65293931866e+397')).toBe(false);
  });
});

describe('lines', () => {
  it('ignore whitespace amounts but not words, signs or missing columns', () => {
    expect(lineMatches('a   1.5  b', 'a 1.5123 b  ')).toBe(true);
    expect(lineMatches('E[K]  159/32', 'E[K] 159/33')).toBe(false);
    expect(lineMatches('E[K]  4.5', 'E[K_w]  4.5')).toBe(false);
    expect(lineMatches('x  -0.5', 'x  0.5')).toBe(false);
    expect(lineMatches('1  0.5  0.25', '1  0.5  -  0.25')).toBe(false);
  });
});

describe('outputs', () => {
  it('`...` stands for any number of lines, and only there may lines be missing', () => {
    expect(outputMatches(['a', '...', 'd'], 'a\nb\nc\nd\n')).toBe(true);
    expect(outputMatches(['a', '...', 'd'], 'a\nd')).toBe(true);
    expect(outputMatches(['a', 'd'], 'a\nb\nd')).toBe(false);
    expect(outputMatches(['a', '...'], 'a\nb')).toBe(true);
    expect(outputMatches(['a'], 'a\nb')).toBe(false);
    expect(outputMatches([], 'something')).toBe(false);
    expect(outputMatches([''], '\n')).toBe(true);
  });
  it('compares JSON whatever its layout, numbers to the shown digits, version aside', () => {
    const real = '{\n  "version": "9.9.9",\n  "a": [\n    1.23456,\n    2\n  ],\n  "s": "x  y"\n}';
    expect(outputMatches(['{"version": "0.1.0", "a": [1.235, 2],', '"s": "x  y"}'], real)).toBe(true);
    expect(outputMatches(['{"version": "0.1.0", "a": [1.234, 2], "s": "x  y"}'], real)).toBe(false);
    expect(outputMatches(['{"version": "0.1.0", "a": [1.235, 2], "s": "x y"}'], real)).toBe(false);
    expect(outputMatches(['{"version": "0.1.0", "a": [1.235], "s": "x  y"}'], real)).toBe(false);
  });
  it('an error line in the shown output means the command must fail', () => {
    expect(showsError(['ntkcalc: error: widths: ...'])).toBe(true);
    expect(showsError(['quantity  value'])).toBe(false);
  });
});

describe('extraction', () => {
  it('takes blocks starting with `$ `, splits commands, and reads the slow mark', () => {
    const md = [
      'text',
      '<!-- doc-example: slow (2 min) -->',
      '```',
      '$ ntkcalc a > f.txt',
      '$ cat f.txt',
      'out',
      '```',
      '```sh',
      'ntkcalc usage [--x]',
      '```',
      '```',
      '$ ntkcalc b',
      '```',
    ].join('\n');
    const ex = extractExamples('p.md', md);
    expect(ex).toHaveLength(2);
    expect(ex[0]).toMatchObject({ line: 4, slow: true });
    expect(ex[0].commands).toEqual([
      { command: 'ntkcalc a > f.txt', expected: [] },
      { command: 'cat f.txt', expected: ['out'] },
    ]);
    expect(ex[1]).toMatchObject({ line: 12, slow: false, commands: [{ command: 'ntkcalc b', expected: [] }] });
  });
});
