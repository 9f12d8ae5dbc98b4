import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMarkdown, formatReport, formatTable, type ReportData } from '../../src/output/formats.js';
import { summaryCsv } from '../../src/output/csv.js';
import { leakyConfiguration } from '../helpers/records.js';

const report = (configurations = [leakyConfiguration()]): ReportData => ({
  name: 'experiment',
  sweptPaths: ['model.activation', 'model.alpha', 'seed'],
  configurations,
  runs: [],
});

test('formatMarkdown: one row per configuration', () => {
  assert.equal(
    formatMarkdown(report()),
    '| configuration | runs | dead @init | dead @end (95% CI) | dead per layer @end (in→out) | loss | test acc | notes |\n' +
      '|---|---|---|---|---|---|---|---|\n' +
      '| leaky_relu alpha=0.01 | 3 | 12.5% ± 12.4 | 16.6% ± 2.1 | ·▁▄█ | 0.4123 ± 0.0123 | 90.0% ± 5.0 | 1/3 born dead |\n',
  );
});

test('formatMarkdown escapes a pipe inside a cell', () => {
  const piped = leakyConfiguration({ key: { 'dataset.target': 'a|b' } });
  assert.match(formatMarkdown(report([piped])), /\| target=a\\\|b \|/);
});

test('formatTable: headings and the row label, without colour codes', () => {
  const table = formatTable(report());
  for (const text of ['configuration', 'dead @end (95% CI)', 'dead per layer @end (in→out)', 'leaky_relu alpha=0.01', '·▁▄█']) {
    assert.ok(table.includes(text), `missing ${text}`);
  }
  assert.doesNotMatch(table, /\u001b\[/);
});

test('formatReport: csv is the summary CSV, json round-trips the configurations', () => {
  const data = report();
  assert.equal(formatReport(data, 'csv'), summaryCsv(data.configurations, data.sweptPaths));
  const json = JSON.parse(formatReport(data, 'json'));
  assert.equal(json.name, 'experiment');
  assert.deepEqual(json.configurations[0].runIds, ['r000', 'r001', 'r002']);
});
