/**
 * The CI reproduce recipe, applied to this project itself: a small reference result is kept in
 * git and must reproduce exactly. A change to any computed number fails here first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the committed reference result reproduces exactly', async () => {
  const outcome = await cli(['reproduce', 'test/fixtures/reference-result', '-q', '--jobs', '1'], ROOT);
  assert.equal(outcome.stderr, '');
  assert.equal(outcome.stdout, 'reproduced: 2 run(s), every metric identical\n');
  assert.equal(outcome.code, 0);
});
