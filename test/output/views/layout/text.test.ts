import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  displayWidth,
  longestWord,
  widestLine,
  wrapLines,
  wrapWords,
} from '../../../../src/output/views/layout/text.js';

test('displayWidth: code points without colour codes; widestLine and longestWord measure the same way', () => {
  assert.equal(displayWidth('Δ dead @end ±'), 13);
  assert.equal(displayWidth('\x1b[38;5;229m░\x1b[0m░'), 2);
  assert.equal(widestLine('ab\n┌──┐\nabc'), 4);
  assert.equal(longestWord('leaky_relu alpha=0.01\n(in→out)'), 10);
});

test('wrapWords: at spaces, continuation lines indented, padding inside a line kept; no width, no wrap', () => {
  assert.deepEqual(wrapWords('  name  some long description that goes on', 20, '        '), [
    '  name  some long',
    '        description',
    '        that goes on',
  ]);
  assert.deepEqual(wrapWords('fits as it is', 13), ['fits as it is']);
  assert.deepEqual(wrapWords('a very long line', undefined), ['a very long line']);
});

test('wrapWords: a word longer than the width gets a line of its own, never broken (paths stay pasteable)', () => {
  assert.deepEqual(wrapWords('results: /a/very/long/path/to/results and more', 12, '  '), [
    'results:',
    '  /a/very/long/path/to/results',
    '  and more',
  ]);
});

test('wrapLines: every line wrapped, the final newline kept', () => {
  assert.equal(wrapLines('one two three\nfour\n', 8, '  '), 'one two\n  three\nfour\n');
  assert.equal(wrapLines('one two three\n', undefined), 'one two three\n');
});
