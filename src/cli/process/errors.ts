/**
 * The single place errors become exit codes: 2 for usage and config errors, 1 for anything else.
 * Prints one line per problem and never a stack trace (set DEAD_NEURONS_DEBUG=1 to see one).
 */
import { CommanderError } from 'commander';
import { ConfigError, RunError } from '../../errors.js';
import { InterruptedError } from './interrupt.js';
import type { CliIo } from './io.js';

export const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** A usage problem found by a command itself (bad flag value), reported like commander's own. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function handleError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message through configureOutput; help and version are not errors.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return EXIT_OK;
    }
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError) {
    for (const problem of error.problems) io.stderr(`dead-neurons: ${problem}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof InterruptedError) return error.exitCode;
  if (error instanceof UsageError) {
    io.stderr(`dead-neurons: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof RunError || error instanceof Error ? error.message : String(error);
  io.stderr(`dead-neurons: ${message.split('\n')[0]}\n`);
  if (process.env.DEAD_NEURONS_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
