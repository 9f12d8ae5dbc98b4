/** Helpers shared by the command files for commander options. */
import type { z } from 'zod';
import { UsageError } from '../errors.js';

/** Accumulates a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Checks commander's parsed options against a command's zod schema; one usage line per problem. */
export function parseOptions<T extends z.ZodType>(schema: T, options: unknown): z.output<T> {
  const result = schema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`--${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

/** A commander argument parser for integers >= 1 that names the flag in its error. */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`${flag}: must be an integer >= 1, got "${value}"`);
    return parsed;
  };
}
