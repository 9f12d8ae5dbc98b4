/**
 * Error kinds that the command layer maps to exit codes. Domain code throws these and never exits.
 * Any module of src/ may import this one; it imports nothing, so it sits below every layer.
 */

/** Bad input from the user: config file, flag or value. Exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One line per problem, each already naming the file, path or flag. */
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Anything else that stops a command (a backend that will not load, a worker that died, a full disk). Exit 1. */
export class RunError extends Error {
  override name = 'RunError';
}
