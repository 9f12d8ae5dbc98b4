import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../../../src/output/views/html/escape.js';
import { epochTicks, linearScale, niceTicks } from '../../../../src/output/views/html/scale.js';
import { bandPath, linePath, NO_DATA, rampColor } from '../../../../src/output/views/html/svg.js';

test('escapeHtml: the five characters that matter in content and quoted attributes', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('linearScale and niceTicks: round steps that cover the data', () => {
  assert.equal(linearScale([0, 10], [100, 200])(2.5), 125);
  assert.equal(linearScale([3, 3], [0, 10])(3), 5);
  assert.deepEqual(niceTicks(0, 0.47), { ticks: [0, 0.1, 0.2, 0.3, 0.4, 0.5], domain: [0, 0.5] });
  assert.deepEqual(niceTicks(0.62, 0.81, 4), { ticks: [0.6, 0.65, 0.7, 0.75, 0.8, 0.85], domain: [0.6, 0.85] });
  assert.deepEqual(niceTicks(-0.2, 1.3).domain, [-0.5, 1.5]);
  assert.deepEqual(epochTicks(10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(epochTicks(3), [0, 1, 2, 3]);
  assert.deepEqual(epochTicks(0), [0]);
});

test('linePath and bandPath: a missing value breaks the line; a band needs two points in a row', () => {
  assert.equal(
    linePath([
      [0, 1],
      [1, 2],
      [2, Number.NaN],
      [3, 4],
    ]),
    'M0,1L1,2M3,4',
  );
  assert.equal(linePath([]), '');
  assert.equal(
    bandPath([
      [0, 10, 5],
      [1, 12, 6],
    ]),
    'M0,5L1,6L1,12L0,10Z',
  );
  assert.equal(
    bandPath([
      [0, 10, 5],
      [1, Number.NaN, 6],
      [2, 1, 0],
    ]),
    '',
  );
});

test('rampColor: pale yellow for none dead, dark red for all, grey for no data', () => {
  assert.equal(rampColor(0), '#ffffcc');
  assert.equal(rampColor(1), '#800026');
  assert.equal(rampColor(Number.NaN), NO_DATA);
});
