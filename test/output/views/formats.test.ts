import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportData } from '../../../src/output/results/folder.js';
import { formatMarkdown, formatReport, withBaseline } from '../../../src/output/views/formats.js';
import { formatTable } from '../../../src/output/views/summary-table.js';
import { summaryCsv } from '../../../src/output/results/csv.js';
import { leakyComparison, leakyConfiguration, runSummary } from '../../helpers/records.js';

const report = (configurations = [leakyConfiguration()], comparisons = [leakyComparison()]): ReportData => ({
  name: 'experiment',
  sweptPaths: ['model.activation', 'model.alpha', 'seed'],
  configurations,
  baseline: { kind: 'configuration', index: 0 },
  comparisons,
  runs: [],
});

const TITLE =
  'compared with relu: configuration minus baseline over the n seeds both have; mean [95% CI], paired t on per-seed differences (atanh scale for shares); pp = percentage points';

const SUMMARY_MARKDOWN =
  '| configuration | runs | dead @init | dead @end (95% CI) | dead per layer @end (in→out) | loss | test acc | notes |\n' +
  '|---|---|---|---|---|---|---|---|\n' +
  '| leaky_relu alpha=0.01 | 3 | 12.5% [6.0, 22.0] | 16.6% [14.7, 18.7] | ·▁▄█ | 0.4123 [0.4000, 0.4246] | 90.0% [83.0, 95.0] | 1/3 born dead [6.1%, 79.2%] |\n';

test('formatMarkdown: one row per configuration, then the comparisons under a line naming the test', () => {
  assert.equal(
    formatMarkdown(report()),
    `${SUMMARY_MARKDOWN}\n${TITLE}\n\n` +
      '| configuration | n | Δ dead @init (pp) | Δ dead @end (pp) | Δ loss | Δ test acc (pp) | notes |\n' +
      '|---|---|---|---|---|---|---|\n' +
      '| leaky_relu alpha=0.01 | 3 | 0.0 [0.0, 0.0] | -20.0 [-32.0, -7.3] | -0.0233 [-0.0613, +0.0146] | +5.0 [+2.5, +7.5] | unpaired seeds dropped: 4 |\n',
  );
});

test('formatMarkdown and formatTable: no comparisons, no comparison table', () => {
  assert.equal(formatMarkdown(report(undefined, [])), SUMMARY_MARKDOWN);
  assert.doesNotMatch(formatTable(report(undefined, [])), /compared with|Δ/);
});

test('formatMarkdown escapes a pipe inside a cell', () => {
  const piped = leakyConfiguration({ key: { 'dataset.target': 'a|b' } });
  assert.match(formatMarkdown(report([piped])), /\| target=a\\\|b \|/);
});

test('formatTable: headings and the row label, without colour codes', () => {
  const table = formatTable(report());
  for (const text of [
    'configuration',
    'dead @end (95% CI)',
    'dead per layer @end (in→out)',
    'leaky_relu alpha=0.01',
    '·▁▄█',
  ]) {
    assert.ok(table.includes(text), `missing ${text}`);
  }
  // The comparison table follows the summary, under its title.
  assert.ok(table.includes(`┘\n${TITLE}\n┌`), 'title between the two tables');
  assert.match(table, /│ leaky_relu alpha=0.01 │ 3 │ 0.0 \[0.0, 0.0\] +│ -20.0 \[-32.0, -7.3\] │/);
  // eslint-disable-next-line no-control-regex -- ANSI colour codes
  assert.doesNotMatch(table, /\u001b\[/);
});

test('formatReport: csv is the summary CSV, json round-trips the configurations', () => {
  const data = report();
  assert.equal(formatReport(data, 'csv'), summaryCsv(data.configurations, data.sweptPaths));
  const json = JSON.parse(formatReport(data, 'json'));
  assert.equal(json.name, 'experiment');
  assert.deepEqual(json.configurations[0].runIds, ['r000', 'r001', 'r002']);
  assert.deepEqual(json.comparisons[0].seeds, [1, 2, 3]);
});

test('withBaseline: comparisons against the configuration a label or row number names', () => {
  const runs = [1, 2].flatMap((seed) => [
    runSummary({ runId: `relu-${seed}`, swept: { 'model.activation': 'relu', seed }, seed, deadFinal: 0.5 }),
    runSummary({ runId: `leaky-${seed}`, swept: { 'model.activation': 'leaky_relu', seed }, seed, deadFinal: 0.25 }),
  ]);
  const data: ReportData = { ...report([], []), runs };
  const byLabel = withBaseline(data, 'leaky_relu');
  assert.ok(typeof byLabel !== 'string');
  assert.deepEqual(
    byLabel.comparisons.map((comparison) => [comparison.key, comparison.deadFinal.mean]),
    [[{ 'model.activation': 'relu' }, 0.25]],
  );
  assert.deepEqual(withBaseline(data, '2'), byLabel);
  const first = withBaseline(data, '1');
  assert.ok(typeof first !== 'string');
  assert.equal(first.comparisons[0].deadFinal.mean, -0.25);
  // None given: the report as it is (its own baseline).
  assert.equal(withBaseline(data, undefined), data);
  assert.equal(
    withBaseline(data, 'elu'),
    'no configuration "elu"; give FIELD=VALUE, e.g. model.activation=relu (each with its own), a label ("relu", "leaky_relu") or a row number from 1 to 2',
  );
});

test('withBaseline: FIELD=VALUE pairs each configuration with the one of the same other swept values, and the title says so', () => {
  // depth × activation: leaky at depth 24 against relu at depth 24, never at depth 4.
  const runs = [4, 24].flatMap((depth) =>
    [1, 2].flatMap((seed) => [
      runSummary({
        runId: `relu-${depth}-${seed}`,
        swept: { 'model.depth': depth, 'model.activation': 'relu', seed },
        seed,
        deadFinal: depth / 100,
      }),
      runSummary({
        runId: `leaky-${depth}-${seed}`,
        swept: { 'model.depth': depth, 'model.activation': 'leaky_relu', seed },
        seed,
        deadFinal: depth / 200,
      }),
    ]),
  );
  const paired = withBaseline({ ...report([], []), runs }, 'model.activation=relu');
  assert.ok(typeof paired !== 'string');
  assert.deepEqual(paired.baseline, { kind: 'field', path: 'model.activation', value: 'relu' });
  assert.deepEqual(
    paired.comparisons.map((comparison) => [comparison.key, comparison.baselineKey, comparison.deadFinal.mean]),
    [
      [{ 'model.depth': 4, 'model.activation': 'leaky_relu' }, { 'model.depth': 4, 'model.activation': 'relu' }, -0.02],
      [
        { 'model.depth': 24, 'model.activation': 'leaky_relu' },
        { 'model.depth': 24, 'model.activation': 'relu' },
        -0.12,
      ],
    ],
  );
  assert.match(
    formatMarkdown(paired),
    /^each compared with the model\.activation=relu configuration that shares its other swept values: configuration minus baseline/m,
  );
  assert.equal(
    withBaseline({ ...report([], []), runs }, 'model.activation=elu'),
    'no configuration has model.activation=elu (its values: relu, leaky_relu)',
  );
  assert.equal(
    withBaseline({ ...report([], []), runs }, 'model.width=8'),
    'model.width is not swept (swept: model.depth, model.activation)',
  );
});
