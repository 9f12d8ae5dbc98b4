import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergedLine } from '../../../src/cli/views/merge.js';

test('mergedLine says how many runs of the plan came from how many folders, and where they went', () => {
  assert.equal(mergedLine(6, 8, 2, 'results/all'), 'merged 6 of 8 runs from 2 folder(s) into results/all\n');
});
