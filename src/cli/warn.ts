/** One line on stderr for an option that does not apply: the command goes on, and --json output stays clean. */
export function warn(message: string): void {
  process.stderr.write(`ntkcalc: warning: ${message}\n`);
}
