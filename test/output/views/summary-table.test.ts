/**
 * The run/report tables fitted to a width: unchanged at full width, then compact layouts that give
 * up as little as they can (intervals under the means, a shorter bar, wrapped labels, the run
 * count under the label, then the bar and the dead fraction at initialisation).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { widestLine } from '../../../src/output/views/layout/text.js';
import { formatTable } from '../../../src/output/views/summary-table.js';
import { leakyComparison, leakyConfiguration } from '../../helpers/records.js';

// 32 layers, more dead towards the output, as in configs/deep.json.
const layers = Array.from({ length: 32 }, (_, i) => i / 31);
const REPORT = {
  name: 'experiment',
  configurations: [
    leakyConfiguration({
      key: { 'model.activation': 'relu', 'model.alpha': null },
      collapsedAtInit: 0,
      layerDeadFinal: layers,
    }),
    leakyConfiguration({ layerDeadFinal: layers }),
  ],
  comparisons: [leakyComparison()],
};

test('formatTable: no width, or room enough, is the full table', () => {
  const full = formatTable(REPORT);
  assert.equal(widestLine(full), 183);
  assert.match(full, /│ dead per layer @end \(in→out\) +│/);
  assert.match(
    full,
    /│ relu +│ 3 +│ 12\.5% \[6\.0, 22\.0\] │ 16\.6% \[14\.7, 18\.7\] │ ·▁▁▁▂▂▂▂▃▃▃▃▄▄▄▅▅▅▅▆▆▆▆▇▇▇▇███ │/,
  );
  assert.equal(formatTable(REPORT, 183), full);
});

test('formatTable at 80 columns: intervals under their means and split at their ends, labels wrapped, runs under the label, no bar or @init', () => {
  assert.equal(
    formatTable(REPORT, 80),
    [
      '┌───────────────┬────────┬──────────┬────────┬───────────────┐',
      '│ configuration │ dead   │ loss     │ test   │ notes         │',
      '│               │ @end   │          │ acc    │               │',
      '│               │ (95%   │          │        │               │',
      '│               │ CI)    │          │        │               │',
      '├───────────────┼────────┼──────────┼────────┼───────────────┤',
      '│ relu          │ 16.6%  │ 0.4123   │ 90.0%  │               │',
      '│ 3 runs        │ [14.7, │ [0.4000, │ [83.0, │               │',
      '│               │ 18.7]  │ 0.4246]  │ 95.0]  │               │',
      '├───────────────┼────────┼──────────┼────────┼───────────────┤',
      '│ leaky_relu    │ 16.6%  │ 0.4123   │ 90.0%  │ 1/3 born dead │',
      '│ alpha=0.01    │ [14.7, │ [0.4000, │ [83.0, │ [6.1%, 79.2%] │',
      '│ 3 runs        │ 18.7]  │ 0.4246]  │ 95.0]  │               │',
      '└───────────────┴────────┴──────────┴────────┴───────────────┘',
      'compared with relu: configuration minus baseline over the n seeds both have;',
      'mean [95% CI], paired t on per-seed differences (atanh scale for shares); pp =',
      'percentage points',
      '┌───────────────┬───┬───────┬─────────┬───────────┬────────┬────────────────┐',
      '│ configuration │ n │ Δ     │ Δ dead  │ Δ loss    │ Δ test │ notes          │',
      '│               │   │ dead  │ @end    │           │ acc    │                │',
      '│               │   │ @init │ (pp)    │           │ (pp)   │                │',
      '│               │   │ (pp)  │         │           │        │                │',
      '├───────────────┼───┼───────┼─────────┼───────────┼────────┼────────────────┤',
      '│ leaky_relu    │ 3 │ 0.0   │ -20.0   │ -0.0233   │ +5.0   │ unpaired seeds │',
      '│ alpha=0.01    │   │ [0.0, │ [-32.0, │ [-0.0613, │ [+2.5, │ dropped: 4     │',
      '│               │   │ 0.0]  │ -7.3]   │ +0.0146]  │ +7.5]  │                │',
      '└───────────────┴───┴───────┴─────────┴───────────┴────────┴────────────────┘',
      '',
    ].join('\n'),
  );
});

test('formatTable: every width from 80 up fits, and the per-layer bar takes the room there is', () => {
  for (let width = 80; width <= 180; width += 5) {
    const table = formatTable(REPORT, width);
    assert.ok(widestLine(table) <= width, `${width}: a line of ${widestLine(table)}`);
  }
  // The loss interval by its ends leaves no room for a bar at 100 columns; at 110 an 11-character
  // bar (32 layers averaged in groups) fits, at 120 a 14-character one.
  assert.doesNotMatch(formatTable(REPORT, 100), /dead per layer/);
  assert.match(formatTable(REPORT, 110), /│ ▁▁▂▃▄▄▅▆▇▇█ │/);
  assert.match(formatTable(REPORT, 120), /│ ▁▁▂▂▃▃▄▅▅▆▆▇██ │/);
  assert.doesNotMatch(formatTable({ ...REPORT, comparisons: [] }, 100), /compared with/);
});
