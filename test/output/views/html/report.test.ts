/**
 * The HTML report's structure, on hand-built records: the marks each chart should draw, the
 * sections a sweep brings, text escaped, nothing that loads from elsewhere.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunResult } from '../../../../src/experiments/types.js';
import { htmlReport, type HtmlReportInput } from '../../../../src/output/views/html/report.js';
import { reportData } from '../../../../src/output/results/folder.js';
import { divergedRun, reluRun } from '../../../helpers/records.js';

const count = (html: string, pattern: RegExp) => (html.match(new RegExp(pattern.source, 'g')) ?? []).length;

/** reluRun's epochs (with a test accuracy every epoch) under other swept values and seed. */
function run(index: number, swept: Record<string, unknown>, seed: number, collapsed = false): RunResult {
  const base = reluRun();
  return {
    ...base,
    runId: `r${String(index).padStart(3, '0')}`,
    index,
    swept: { ...swept, seed },
    config: { ...base.config, seed },
    epochs: base.epochs.map((epoch, e) => ({
      ...epoch,
      deadFraction: epoch.deadFraction + seed / 100,
      testAccuracy: 0.6 + seed / 100,
      collapsed: e === 0 && collapsed,
    })),
  };
}

function input(name: string, results: RunResult[], sweptPaths: string[]): HtmlReportInput {
  return {
    folder: `results/${name}`,
    report: reportData(name, sweptPaths, results),
    results,
    resolved: {
      name,
      sweep: {},
      runs: results.map(({ runId, index, swept, config }) => ({ runId, index, swept, config })),
    } as unknown as HtmlReportInput['resolved'],
    manifest: { tool: { name: 'dead-neurons', version: '0.1.0' } },
  };
}

test('htmlReport: a heat-map cell per layer and epoch, a line and points per configuration, bands where seeds give one', () => {
  const results = [reluRun(), divergedRun(), run(2, { 'model.activation': 'leaky_relu' }, 1)];
  const html = htmlReport(input('tiny', results, ['model.activation', 'seed']));
  // Two configurations of 2 layers × 2 epochs.
  assert.equal(count(html, /<rect class="cell"/), 8);
  // Dead fraction, loss and test accuracy, one line each per configuration.
  assert.equal(count(html, /data-chart="epochs-/), 3);
  assert.equal(count(html, /<path class="line"/), 6);
  // Points where a mean exists: dead 2+2, loss 2 (relu epoch 1: seed 2 diverged, seed 1 finite) + 2, accuracy 2 + 2.
  assert.equal(count(html, /<circle class="point"/), 12);
  // Only relu has two seeds, and only at epoch 0 for loss and accuracy: bands need two epochs in a row, so dead fraction only.
  assert.equal(count(html, /<path class="band"/), 1);
  assert.doesNotMatch(html, /id="sweep-/, 'no sweep over alpha, depth or width');
  assert.match(html, /<th>dead @end \(95% CI\)<\/th>/);
  assert.match(html, /<h2>Manifest<\/h2><pre>\{\n {2}&quot;tool&quot;/);
});

test('htmlReport: a sweep over alpha gets final values against alpha; a depth sweep the born-dead share too', () => {
  const alphas = [0, 0.01, 0.3].flatMap((alpha, a) =>
    [1, 2].map((seed) => run(a * 2 + seed - 1, { 'model.alpha': alpha }, seed)),
  );
  const html = htmlReport(input('alpha', alphas, ['model.alpha', 'seed']));
  assert.match(html, /<section id="sweep-alpha">/);
  assert.equal(count(html, /data-chart="sweep-alpha-/), 3);
  assert.match(html, /alpha \(evenly spaced\)/);
  assert.doesNotMatch(html, /born-dead/);
  const depths = [2, 4].flatMap((depth, d) =>
    [1, 2, 3].map((seed) => run(d * 3 + seed - 1, { 'model.depth': depth }, seed, seed === 1 && depth === 4)),
  );
  const deep = htmlReport(input('depth', depths, ['model.depth', 'seed']));
  assert.equal(count(deep, /data-chart="sweep-depth-/), 4);
  assert.match(deep, /data-chart="sweep-depth-born-dead"/);
  assert.match(deep, /depth=4: 33.3% \[6.1%, 79.2%\] \(3 runs\)/, 'Wilson interval of 1 of 3 in the tooltip');
});

test('htmlReport: every text escaped; nothing loaded from elsewhere', () => {
  const evil = run(0, { 'model.activation': '<script>alert("x")</script>' }, 1);
  const html = htmlReport(input('<b>name</b>', [evil], ['model.activation', 'seed']));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<b>name/);
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.match(html, /<title>dead-neurons: &lt;b&gt;name&lt;\/b&gt;<\/title>/);
  assert.doesNotMatch(html, /<link|src=|url\(|@import|href="(?!#)/i);
  // The only URL is SVG's namespace name, which is never fetched.
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^"]+/g))], ['http://www.w3.org/2000/svg']);
});
