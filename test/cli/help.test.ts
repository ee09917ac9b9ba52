import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** The names under "Commands:" in a help text, but `help` itself. */
function subcommands(help: string): string[] {
  const section = (help.split('\nCommands:\n')[1] ?? '').split('\n\n')[0];
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]).filter((name) => name !== 'help');
}

describe('--help on every command and subcommand ends with an example of itself', () => {
  it('walks the command tree from ntkcalc --help', () => {
    const top = cli('--help');
    expect(top.code).toBe(0);
    const queue = subcommands(top.stdout).map((name) => [name]);
    expect(queue.length).toBeGreaterThan(10);
    const seen: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift() as string[];
      const r = cli(...path, '--help');
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout, `ntkcalc ${path.join(' ')} --help`).toMatch(
        new RegExp(`\\nExamples?:\\n(.*\\n)*? {2}ntkcalc ${path.join(' ')}\\b`),
      );
      for (const name of subcommands(r.stdout)) queue.push([...path, name]);
      seen.push(path.join(' '));
    }
    expect(seen).toEqual(expect.arrayContaining(['concentration simulate', 'spectrum figure1', 'formulas eval']));
  });
});
