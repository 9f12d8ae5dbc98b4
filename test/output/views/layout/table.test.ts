import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxTable, compactTable, firstThatFits, wrapCell } from '../../../../src/output/views/layout/table.js';

test("compactTable: a heading wraps to its cells' width, never below its longest word; cells keep their lines", () => {
  assert.equal(
    compactTable([
      { heading: 'configuration', cells: ['relu'] },
      { heading: 'dead @end (95% CI)', cells: ['59.4%\n[25.1, 86.5]'] },
    ]),
    [
      '┌───────────────┬──────────────┐',
      '│ configuration │ dead @end    │',
      '│               │ (95% CI)     │',
      '├───────────────┼──────────────┤',
      '│ relu          │ 59.4%        │',
      '│               │ [25.1, 86.5] │',
      '└───────────────┴──────────────┘',
      '',
    ].join('\n'),
  );
  assert.equal(boxTable(['a'], [['b']]), '┌───┐\n│ a │\n├───┤\n│ b │\n└───┘\n');
});

test('wrapCell: to the width, or to the longest word when that is wider', () => {
  assert.equal(wrapCell('leaky_relu alpha=0.01', 13), 'leaky_relu\nalpha=0.01');
  assert.equal(wrapCell('learningRate=0.001 relu', 5), 'learningRate=0.001\nrelu');
});

test('firstThatFits: the first layout within the width, the last when none fits, the first when no width is known', () => {
  const layouts = () => ['wide wide wide\n', 'medium\nmedium\n', 'narrow\n'].values();
  assert.equal(firstThatFits(10, layouts()), 'medium\nmedium\n');
  assert.equal(firstThatFits(3, layouts()), 'narrow\n');
  assert.equal(firstThatFits(undefined, layouts()), 'wide wide wide\n');
});
