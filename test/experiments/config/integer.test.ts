/** One way to read and check integers, for config fields (zod, on numbers) and flags (on text). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { intAtLeast, intBetween, parseInteger } from '../../../src/experiments/config/integer.js';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0].message;
};

test('intAtLeast and intBetween accept integers in range and state the broken rule', () => {
  assert.equal(intAtLeast(1).parse(1), 1);
  assert.equal(intBetween(2, 5).parse(5), 5);
  assert.deepEqual(
    [0, 1.5, '3', Number.NaN, Number.POSITIVE_INFINITY, null].map((value) => messageOf(intAtLeast(1), value)),
    Array(6).fill('must be an integer >= 1'),
  );
  assert.equal(messageOf(intBetween(2, 5), 1), 'must be an integer >= 2');
  assert.equal(messageOf(intBetween(2, 5), 6), 'must be an integer <= 5');
});

test('the config JSON Schema sees an integer with its bounds', () => {
  const { type, minimum, maximum } = z.toJSONSchema(intBetween(1, 10_000)) as Record<string, unknown>;
  assert.deepEqual({ type, minimum, maximum }, { type: 'integer', minimum: 1, maximum: 10_000 });
});

test("parseInteger reads a flag as JavaScript reads a number, with the schema's rule on failure", () => {
  assert.deepEqual(
    ['12', ' 12 ', '+12', '1e3', '0'].map((text) => parseInteger(text, 0)),
    [12, 12, 12, 1000, 0],
  );
  assert.deepEqual(
    ['0', '-1', '1.5', 'abc', '', '  ', '12abc', 'Infinity', '9007199254740993'].map((text) => parseInteger(text, 1)),
    Array(9).fill('must be an integer >= 1'),
  );
  assert.equal(parseInteger('7', 1, 6), 'must be an integer <= 6');
  assert.equal(parseInteger('6', 1, 6), 6);
});
