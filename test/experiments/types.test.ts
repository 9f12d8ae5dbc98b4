import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packOf } from '../../src/experiments/types.js';

test('packOf: the recorded pack, else a pack of its own that no recorded pack number can equal', () => {
  assert.equal(packOf({ pack: 2, index: 5 }), 2);
  assert.equal(packOf({ pack: 0, index: 5 }), 0);
  assert.equal(packOf({ index: 0 }), -1);
  assert.equal(packOf({ index: 5 }), -6);
});
