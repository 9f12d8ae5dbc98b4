import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shareDifferenceInterval } from '../../../src/metrics/intervals.js';
import { summarize } from '../../../src/metrics/statistics.js';
import { welchDifference } from '../../../src/metrics/welch.js';
import { compareResults } from '../../../src/output/views/compare.js';
import { formatComparison } from '../../../src/output/views/compare-format.js';
import { runSummary } from '../../helpers/records.js';

const relu = (seed: number, deadFinal: number, testAccuracy = 0.8) =>
  runSummary({ runId: `relu-${seed}`, swept: { 'model.activation': 'relu', seed }, seed, deadFinal, testAccuracy });
const leaky = (seed: number, deadFinal: number) =>
  runSummary({ runId: `leaky-${seed}`, swept: { 'model.activation': 'leaky_relu', seed }, seed, deadFinal });

test('compareResults: same seeds pair up (paired t on per-seed differences); the shared configurations only', () => {
  const a = { name: 'a', runs: [relu(1, 0.2), relu(2, 0.3), relu(3, 0.25), leaky(1, 0.1)] };
  const b = { name: 'b', runs: [relu(1, 0.3), relu(2, 0.42), relu(3, 0.33)] };
  const { shared, onlyA, onlyB } = compareResults(a, b);
  assert.deepEqual(onlyA, ['leaky_relu']);
  assert.deepEqual(onlyB, []);
  assert.equal(shared.length, 1);
  const [row] = shared;
  assert.deepEqual([row.label, row.method, row.seedsA, row.seedsB], ['relu', 'paired', [1, 2, 3], [1, 2, 3]]);
  const expected = summarize([0.1, 0.12, 0.08], shareDifferenceInterval);
  const dead = row.metrics.deadFinal;
  assert.ok(Math.abs(dead.difference.mean - 0.1) < 1e-12);
  assert.ok(
    Math.abs(dead.difference.low! - expected.low!) < 1e-12 && Math.abs(dead.difference.high! - expected.high!) < 1e-12,
  );
  assert.equal(dead.differs, true, 'every seed moved up by 8 to 12 points');
  assert.equal(row.metrics.testAccuracy.differs, false, 'test accuracy did not move');
  assert.deepEqual([dead.a.n, dead.b.n], [3, 3]);
});

test("compareResults: other seeds on the two sides give Welch's interval", () => {
  const a = { name: 'a', runs: [relu(1, 0.2), relu(2, 0.3)] };
  const b = { name: 'b', runs: [relu(3, 0.3), relu(4, 0.42), relu(5, 0.33)] };
  const [row] = compareResults(a, b).shared;
  assert.equal(row.method, 'welch');
  assert.deepEqual(row.metrics.deadFinal.difference, welchDifference([0.2, 0.3], [0.3, 0.42, 0.33], true));
});

test('compareResults: an unswept experiment matches by its name; nothing in common leaves shared empty', () => {
  const plain = (name: string) => ({ name, runs: [runSummary({ swept: { seed: 1 } })] });
  assert.equal(compareResults(plain('x'), plain('x')).shared.length, 1);
  assert.deepEqual(compareResults(plain('x'), plain('y')), { shared: [], onlyA: ['x'], onlyB: ['y'] });
});

test('formatComparison: markdown with A, B and Δ per metric, * where the interval excludes 0, and how to read it', () => {
  const a = { name: 'a', runs: [relu(1, 0.2), relu(2, 0.3), relu(3, 0.25)] };
  const b = { name: 'b', runs: [relu(1, 0.3), relu(2, 0.42), relu(3, 0.33)] };
  const markdown = formatComparison(compareResults(a, b), { a: 'runs/a', b: 'runs/b' }, 'markdown');
  const lines = markdown.split('\n');
  assert.equal(
    lines[0],
    '| configuration | runs A/B | test | dead @end A | dead @end B | Δ dead @end (pp) | loss A | loss B | Δ loss | test acc A | test acc B | Δ test acc (pp) |',
  );
  assert.equal(
    lines[2],
    '| relu | 3/3 | paired | 25.0% [14.7, 39.3] | 35.0% [21.4, 51.6] | +10.0 [+5.0, +14.9] * | 0.5000 [0.5000, 0.5000] | 0.5000 [0.5000, 0.5000] | 0.0000 [0.0000, 0.0000] | 80.0% [80.0, 80.0] | 80.0% [80.0, 80.0] | 0.0 [0.0, 0.0] |',
  );
  assert.match(lines[4], /^A = runs\/a, B = runs\/b; Δ = B minus A, mean \[95% CI\]; \* the interval excludes 0;/);
  const csv = formatComparison(compareResults(a, b), { a: 'runs/a', b: 'runs/b' }, 'csv').split('\n');
  assert.equal(
    csv[0].split(',').slice(0, 10).join(','),
    'configuration,runs_a,runs_b,interval,dead_fraction_final_a_mean,dead_fraction_final_b_mean,dead_fraction_final_diff_mean,dead_fraction_final_diff_low,dead_fraction_final_diff_high,dead_fraction_final_differs',
  );
  assert.equal(
    csv[1],
    'relu,3,3,paired t,0.25,0.35,0.1,0.050108195,0.14939396,true,0.5,0.5,0,0,0,false,0.8,0.8,0,0,0,false',
  );
});

test('formatComparison: below full width one row per configuration with a line per metric; the config differences under the legend', () => {
  const a = { name: 'a', runs: [relu(1, 0.2), relu(2, 0.3), relu(3, 0.25)] };
  const b = { name: 'b', runs: [relu(1, 0.3), relu(2, 0.42), relu(3, 0.33)] };
  const differences = [{ path: 'training.learningRate', a: '0.01', b: '0.001' }];
  const sides = { a: 'runs/a', b: 'runs/b' };
  assert.equal(
    formatComparison(compareResults(a, b), sides, 'table', { width: 100, differences }),
    [
      '┌───────────────┬────────┬───────────┬──────────────────┬──────────────────┬──────────────────┐',
      '│ configuration │ runs   │ metric    │ A                │ B                │ Δ = B − A        │',
      '│               │ A/B,   │           │                  │                  │                  │',
      '│               │ test   │           │                  │                  │                  │',
      '├───────────────┼────────┼───────────┼──────────────────┼──────────────────┼──────────────────┤',
      '│ relu          │ 3/3    │ dead @end │ 25.0%            │ 35.0%            │ +10.0 pp *       │',
      '│               │ paired │           │ [14.7, 39.3]     │ [21.4, 51.6]     │ [+5.0, +14.9]    │',
      '│               │        │ loss      │ 0.5000           │ 0.5000           │ 0.0000           │',
      '│               │        │           │ [0.5000, 0.5000] │ [0.5000, 0.5000] │ [0.0000, 0.0000] │',
      '│               │        │ test acc  │ 80.0%            │ 80.0%            │ 0.0 pp           │',
      '│               │        │           │ [80.0, 80.0]     │ [80.0, 80.0]     │ [0.0, 0.0]       │',
      '└───────────────┴────────┴───────────┴──────────────────┴──────────────────┴──────────────────┘',
      'A = runs/a, B = runs/b; Δ = B minus A, mean [95% CI]; * the interval excludes 0; paired t on',
      '    per-seed differences where both ran the same seeds, Welch’s t otherwise (atanh scale for',
      '    shares); pp = percentage points',
      'config fields that differ (A vs B):',
      '  training.learningRate: 0.01 vs 0.001',
      '',
    ].join('\n'),
  );
  const narrow = formatComparison(compareResults(a, b), sides, 'table', { width: 80, differences: [] });
  assert.ok(
    narrow.split('\n').every((line) => [...line].length <= 80),
    narrow,
  );
  assert.match(narrow, /│ relu {10}│ 3\/3 {4}│ dead @end │ 25\.0% {4}│ 35\.0% {4}│ \+10\.0 pp \* │/);
  assert.ok(narrow.endsWith('configs: the same in A and B\n'));
  const wide = formatComparison(compareResults(a, b), sides, 'table', { differences });
  assert.match(
    wide.split('\n')[1],
    /^│ configuration │ runs A\/B │ test +│ dead @end A +│/,
    'no width: the wide table',
  );
});

test('formatComparison: markdown lists the config differences; JSON carries them', () => {
  const a = { name: 'a', runs: [relu(1, 0.2), relu(2, 0.3)] };
  const differences = [
    { path: 'training.learningRate', a: '0.01', b: '0.001' },
    { path: 'seed', a: '[1, 2]', b: '[1, 2, 3]' },
  ];
  const markdown = formatComparison(compareResults(a, a), { a: 'a', b: 'b' }, 'markdown', { width: 40, differences });
  assert.ok(
    markdown.endsWith(
      '\n\nconfig fields that differ (A vs B):\n- training.learningRate: 0.01 vs 0.001\n- seed: [1, 2] vs [1, 2, 3]\n',
    ),
    markdown,
  );
  assert.ok(markdown.split('\n')[0].length > 40, 'markdown is a file format: never fitted to a width');
  assert.deepEqual(
    JSON.parse(formatComparison(compareResults(a, a), { a: 'a', b: 'b' }, 'json', { differences })).configDifferences,
    differences,
  );
});
