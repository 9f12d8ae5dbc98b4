import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runConfigSchema } from '../../../src/experiments/config/schema.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { dataLines, datasetGroups, describeData, inspectDataset } from '../../../src/experiments/preflight/data.js';
import type { PlannedRun } from '../../../src/experiments/types.js';

const datasetOf = (dataset: object) => runConfigSchema.parse({ dataset }).dataset;
const planned = (index: number, seed: number, dataset: object): PlannedRun => ({
  runId: `r00${index + 1}`,
  index,
  swept: {},
  config: runConfigSchema.parse({ seed, dataset }),
});

test('runs that share a dataset config share one group, whatever their seeds', () => {
  const runs = [planned(0, 1, {}), planned(1, 2, {}), planned(2, 1, { samples: 500 })];
  const groups = datasetGroups(runs);
  assert.deepEqual(
    groups.map((group) => [group.seed, group.runs.map((run) => run.runId)]),
    [
      [1, ['r001', 'r002']],
      [1, ['r003']],
    ],
  );
});

test('a synthetic kind is sized from a 10-example draw exactly as its full load comes out', () => {
  const config = datasetOf({ kind: 'blobs', inputDim: 5, classes: 4, samples: 402, testFraction: 0.3 });
  const full = loadDataset(config, 3, '.');
  const summary = inspectDataset(config, 3, '.');
  assert.deepEqual(
    [summary.task, summary.inputDim, summary.outputDim, summary.train, summary.test],
    [full.task, full.inputDim, full.outputDim, full.train.n, full.test.n],
  );
  assert.equal(describeData(summary), 'blobs 281 train / 121 test, 5 features, 4 classes');
  assert.equal(
    describeData(inspectDataset(datasetOf({ kind: 'teacher' }), 1, '.')),
    'teacher 1,600 train / 400 test, 2 features, regression',
  );
});

test('real datasets default to every row and say so when samples picks fewer', () => {
  assert.equal(
    describeData(inspectDataset(datasetOf({ kind: 'mnist' }), 1, '.')),
    'mnist 8,000 train / 2,000 test, 784 features, 10 classes',
  );
  assert.equal(
    describeData(inspectDataset(datasetOf({ kind: 'mnist', samples: 2000 }), 1, '.')),
    'mnist 1,600 train / 400 test (2,000 of 10,000 rows), 784 features, 10 classes',
  );
  assert.equal(
    describeData(inspectDataset(datasetOf({ kind: 'iris' }), 1, '.')),
    'iris 120 train / 30 test, 4 features, 3 classes',
  );
});

test('a csv names its feature columns (the first 8) and its target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-data-'));
  const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 3},${i % 2}`);
  writeFileSync(join(dir, 'small.csv'), `a,b,label\n${rows.join('\n')}\n`);
  const wide = Array.from({ length: 10 }, (_, i) => `f${i}`);
  writeFileSync(
    join(dir, 'wide.csv'),
    `${wide.join(',')},price\n${rows.map((_, i) => `${wide.map(() => i).join(',')},${i * 1.5}`).join('\n')}\n`,
  );
  const small = inspectDataset(datasetOf({ kind: 'csv', path: 'small.csv', target: 'label' }), 1, dir);
  assert.equal(describeData(small), 'csv small.csv 24 train / 6 test, 2 features (a, b), 2 classes in "label"');
  const regression = inspectDataset(datasetOf({ kind: 'csv', path: 'wide.csv', target: 'price', samples: 20 }), 1, dir);
  assert.equal(
    describeData(regression),
    'csv wide.csv 16 train / 4 test (20 of 30 rows), 10 features (f0, f1, f2, f3, f4, f5, f6, f7, … 2 more), regression on "price"',
  );
  assert.deepEqual(dataLines([small, small, regression]).length, 2, 'one line per distinct description');
});
