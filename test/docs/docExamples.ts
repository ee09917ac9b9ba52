import { Decimal } from 'decimal.js';

// The documented examples of README.md and docs/*.md as data, and the rule by which a command's real output
// matches the text shown. The rule is stated for writers of docs in docs/README.md ("Examples are tested").

/** One `$ command` line of an example and the output shown under it. */
export interface DocCommand {
  readonly command: string;
  readonly expected: readonly string[];
}

/** A fenced block whose first line starts with `$ `: a shell session run top to bottom in one scratch folder. */
export interface DocExample {
  readonly file: string;
  readonly line: number;
  readonly slow: boolean;
  readonly commands: readonly DocCommand[];
}

const FENCE = /^```/;
const SLOW_MARK = /^<!--\s*doc-example:\s*slow\b.*-->\s*$/;
/** A line of exactly three dots stands for any number of output lines (none included). */
export const ELISION = '...';

/** Every example of one markdown file. A block counts when its first line is a `$ ` command. */
export function extractExamples(file: string, markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const examples: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !FENCE.test(lines[end])) end++;
    const body = lines.slice(i + 1, end);
    if (body[0]?.startsWith('$ ')) {
      examples.push({ file, line: i + 2, slow: isMarkedSlow(lines, i), commands: splitCommands(body) });
    }
    i = end;
  }
  return examples;
}

function isMarkedSlow(lines: readonly string[], fence: number): boolean {
  let j = fence - 1;
  while (j >= 0 && lines[j].trim() === '') j--;
  return j >= 0 && SLOW_MARK.test(lines[j].trim());
}

function splitCommands(body: readonly string[]): DocCommand[] {
  const commands: { command: string; expected: string[] }[] = [];
  for (const line of body) {
    if (line.startsWith('$ ')) commands.push({ command: line.slice(2), expected: [] });
    else commands[commands.length - 1].expected.push(line);
  }
  return commands;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

interface Tokens {
  readonly text: readonly string[];
  readonly numbers: readonly string[];
}

/** A line as the text between numbers (whitespace runs collapsed, ends trimmed) and the numbers themselves. */
function tokenize(line: string): Tokens {
  return split(line.replace(/\s+/g, ' ').trim());
}

function split(text: string): Tokens {
  return { text: text.split(NUMBER), numbers: text.match(NUMBER) ?? [] };
}

/**
 * The documented number matches when the real one, rounded to the digits the docs print, is the documented one:
 * |actual - shown| <= half a unit in the shown last place (so docs may print fewer digits than the command).
 */
export function numberMatches(shown: string, actual: string): boolean {
  const [mantissa, exponent = '0'] = shown.toLowerCase().split('e');
  const decimals = mantissa.split('.')[1]?.length ?? 0;
  const halfUnit = new Decimal(10).pow(Number(exponent) - decimals).div(2);
  return new Decimal(actual).minus(shown).abs().lte(halfUnit);
}

/** Same words and punctuation (whitespace amounts aside) and every number equal to the printed digits. */
export function lineMatches(shown: string, actual: string): boolean {
  return tokensMatch(tokenize(shown), tokenize(actual));
}

function tokensMatch(s: Tokens, a: Tokens): boolean {
  if (s.numbers.length !== a.numbers.length) return false;
  if (s.text.some((t, i) => t !== a.text[i])) return false;
  return s.numbers.every((n, i) => numberMatches(n, a.numbers[i]));
}

function trimBlankEnds(lines: readonly string[]): string[] {
  const out = lines.map((l) => l.trimEnd());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  while (out.length > 0 && out[0] === '') out.shift();
  return out;
}

/** JSON without the whitespace between tokens, so layout (one-line or indented arrays) does not count. */
function compactJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/** The package version is the one thing a JSON example may show differently: it changes with every release. */
function withoutVersion(json: string): string {
  return json.replace(/"version":"[^"]*"/g, '"version":""');
}

/**
 * Whether a command's real output matches the output shown. Shown JSON (first character `{` or `[`) is compared
 * token by token whatever its layout; other output line by line, where a line `...` stands for any number of lines.
 */
export function outputMatches(shown: readonly string[], actual: string): boolean {
  const expected = trimBlankEnds(shown);
  const real = trimBlankEnds(actual.split('\n'));
  if (expected.length > 0 && /^[[{]/.test(expected[0]) && !expected.includes(ELISION)) {
    const json = (lines: readonly string[]) => split(withoutVersion(compactJson(lines.join('\n'))));
    return tokensMatch(json(expected), json(real));
  }
  return linesMatch(expected, real, 0, 0);
}

function linesMatch(shown: readonly string[], real: readonly string[], i: number, j: number): boolean {
  if (i === shown.length) return j === real.length;
  if (shown[i] === ELISION) {
    for (let k = j; k <= real.length; k++) if (linesMatch(shown, real, i + 1, k)) return true;
    return false;
  }
  return j < real.length && lineMatches(shown[i], real[j]) && linesMatch(shown, real, i + 1, j + 1);
}

/** A command's output shows an error exactly when it should exit non-zero. */
export function showsError(shown: readonly string[]): boolean {
  return shown.some((l) => l.startsWith('ntkcalc: error:'));
}
