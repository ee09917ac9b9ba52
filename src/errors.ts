/**
 * Errors a user can act on. The CLI prints `message` on one line and exits with `exitCode`;
 * anything else is a bug and shows its stack only with --debug.
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A computation that would leave Float64 range or needs a hypothesis that fails. */
export class DomainError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'DomainError';
  }
}
