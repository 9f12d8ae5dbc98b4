/**
 * Integers, read and checked one way for config fields and flags alike: one zod schema per range,
 * whose messages state the rule ("must be an integer >= 1"), and one reader for a flag's text that
 * checks with the same schema. Callers add where the value came from and what it was: the config
 * loader "c.json: model.depth: ..., got 0", the command line "--jobs: ..., got "0"".
 */
import { z } from 'zod';

/** An integer >= min. A zod schema, so the config's JSON Schema says `integer` and `minimum`. */
export function intAtLeast(min: number): z.ZodNumber {
  const rule = `must be an integer >= ${min}`;
  return z.number({ error: rule }).int({ error: rule }).min(min, { error: rule });
}

/** An integer in [min, max]; the two ends have their own messages, so `>= min` reads as with intAtLeast. */
export function intBetween(min: number, max: number): z.ZodNumber {
  return intAtLeast(min).max(max, { error: `must be an integer <= ${max}` });
}

/**
 * A flag's text as an integer >= min (and <= max when given): the number, or the rule it breaks.
 * The text is read as a JavaScript number ("12", " 12 ", "1e3"); blank text is no number at all,
 * where Number() would make it 0.
 */
export function parseInteger(text: string, min: number, max?: number): number | string {
  const schema = max === undefined ? intAtLeast(min) : intBetween(min, max);
  const result = schema.safeParse(text.trim() === '' ? Number.NaN : Number(text));
  return result.success ? result.data : result.error.issues[0].message;
}
