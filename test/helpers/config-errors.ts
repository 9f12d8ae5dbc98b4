/** The problem lines of a ConfigError, the form every bad-input test asserts on. */
import { ConfigError } from '../../src/errors.js';

/** The lines of the ConfigError that `run` throws, or [] when it throws nothing; other errors pass through. */
export function configProblems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
