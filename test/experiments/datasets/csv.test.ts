import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import type { Dataset, DatasetConfig } from '../../../src/experiments/datasets/types.js';
import { assertShapes, bytesOf, datasetConfig, problemsOf } from '../../helpers/datasets.js';

const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to `name` in the temp folder and loads it as the csv kind. */
function loadCsv(name: string, text: string, overrides: Partial<DatasetConfig> = {}): Dataset {
  writeFileSync(join(dir, name), text);
  return loadDataset(datasetConfig({ kind: 'csv', path: name, target: 'label', ...overrides }), 1, dir);
}

/** Train rows as [...x, y], sorted, so the seeded shuffle does not matter. */
const rowsOf = (d: Dataset) =>
  [...d.train.y]
    .map((y, i) => [...d.train.x.subarray(i * d.inputDim, (i + 1) * d.inputDim), y])
    .sort((a, b) => a[a.length - 1] - b[b.length - 1]);

test('standardises features with population mean and sd; a constant column is only centred', () => {
  // a: mean 2, sd 1. b: constant. c: mean 2, sd sqrt(12).
  const text = 'a,b,c,label\n1,5,0,w\n3,5,0,x\n1,5,0,y\n3,5,8,z\n';
  const dataset = loadCsv('exact.csv', text, { testFraction: 0 });
  assert.deepEqual([dataset.task, dataset.inputDim, dataset.outputDim], ['classification', 3, 4]);
  const low = Math.fround(-2 / Math.sqrt(12));
  const high = Math.fround(6 / Math.sqrt(12));
  assert.deepEqual(rowsOf(dataset), [
    [-1, 0, low, 0],
    [1, 0, low, 1],
    [-1, 0, low, 2],
    [1, 0, high, 3],
  ]);
});

test('the test side is standardised with train statistics', () => {
  const values = [0, 10, 20, 30, 40];
  const text = `label,v\n${values.map((v, i) => `r${i},${v}`).join('\n')}\n`;
  const dataset = loadCsv('leak.csv', text, { testFraction: 0.2 });
  assertShapes(dataset, 5, 0.2);
  const trainRaw = values.filter((_, i) => !dataset.test.y.includes(i));
  const mean = trainRaw.reduce((a, b) => a + b) / 4;
  const sd = Math.sqrt(trainRaw.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
  assert.equal(dataset.test.x[0], Math.fround((values[dataset.test.y[0]] - mean) / sd));
});

test('a numeric target with more than 20 values is regression, standardised on train', () => {
  // Targets 0, 1.5, ..., 30: mean 15, population variance 2.25 * 770 / 21 = 82.5.
  const text = `x,label\n${Array.from({ length: 21 }, (_, i) => `${i % 3},${i * 1.5}`).join('\n')}`;
  const dataset = loadCsv('regression.csv', text, { testFraction: 0 });
  assert.deepEqual([dataset.task, dataset.outputDim], ['regression', 1]);
  const y = [...dataset.train.y].sort((a, b) => a - b);
  assert.equal(y[0], Math.fround(-15 / Math.sqrt(82.5)));
  assert.equal(y[20], Math.fround(15 / Math.sqrt(82.5)));
});

test('a numeric target with 20 values or fewer is a class label', () => {
  const text = `x,label\n${Array.from({ length: 40 }, (_, i) => `${i},${i % 20}`).join('\n')}`;
  assert.deepEqual(loadCsv('twenty.csv', text).outputDim, 20);
});

test('class labels map in sorted order: numerically for numbers, by code unit for text', () => {
  // Targets 10, 9, 2 sort to [2, 9, 10] (a text sort would put "10" first): x = 3 is class 0.
  const numeric = loadCsv('numeric.csv', 'x,label\n1,10\n2,9\n3,2\n', { testFraction: 0 });
  assert.deepEqual(
    rowsOf(numeric).map(([x, y]) => [Math.sign(x), y]),
    [
      [1, 0],
      [0, 1],
      [-1, 2],
    ],
  );
  const text = loadCsv('text.csv', 'x,label\n1,dog\n2,cat\n3,bird\n4,cat\n', { testFraction: 0 });
  assert.equal(text.outputDim, 3);
  assert.deepEqual(
    rowsOf(text).map((row) => row[1]),
    [0, 1, 1, 2],
  );
});

test('quoted fields, CRLF, a byte-order mark, blank lines and a target by index', () => {
  const text = '\uFEFF"size, cm","the ""kind"""\r\n"1.5",a\r\n\r\n2.5,b\r\n';
  const byIndex = loadCsv('quoted.csv', text, { target: 1, testFraction: 0 });
  const byName = loadCsv('quoted.csv', text, { target: 'the "kind"', testFraction: 0 });
  assert.deepEqual(rowsOf(byIndex), [
    [-1, 0],
    [1, 1],
  ]);
  assert.deepEqual(bytesOf(byName), bytesOf(byIndex));
});

test('a relative path resolves against baseDir', () => {
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'data', 'nested.csv'), 'x,label\n1,a\n2,b\n');
  const config = datasetConfig({ kind: 'csv', path: 'data/nested.csv', target: 'label', testFraction: 0 });
  assert.equal(loadDataset(config, 1, dir).train.n, 2);
});

test('samples caps the rows used', () => {
  const text = `x,label\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 2}`).join('\n')}`;
  assertShapes(loadCsv('capped.csv', text, { samples: 10 }), 10, 0.2);
});

test('bad files and columns are ConfigErrors that name the file, line and column', () => {
  const continuousWithGap = `x,label\n${[...Array(21).keys(), 'NA'].map((v) => `1,${v}`).join('\n')}`;
  const cases: [string, Partial<DatasetConfig>, string][] = [
    ['\n\n', {}, 'bad.csv is empty'],
    ['x,label\n', {}, 'bad.csv has a header but no data rows'],
    [
      'x,label\n1,a\n2\n',
      {},
      'bad.csv line 3: expected 2 fields like the header, got 1 (column 2 ("label") is missing)',
    ],
    ['x,label\n1,a\n2,b,c\n', {}, 'bad.csv line 3: expected 2 fields like the header, got 3 (column 3 has no header)'],
    ['x,y,label\n1,2,a\n3,abc,b\n', {}, 'bad.csv line 3, column 2 ("y"): "abc" is not a number'],
    ['x,y,label\n\n1,,a\n3,4,b\n', {}, 'bad.csv line 3, column 2 ("y"): "" is not a number'],
    ['x,label\n"1,a\n', {}, 'bad.csv line 2, column 1: unterminated quote (a field cannot span lines)'],
    ['x,label\n1,"a\n', {}, 'bad.csv line 2, column 2: unterminated quote (a field cannot span lines)'],
    // 21 numeric targets make the column continuous, so "NA" is an error rather than a 22nd class.
    [continuousWithGap, {}, 'bad.csv line 23, column 2 ("label"): "NA" is not a number'],
  ];
  for (const [text, overrides, message] of cases) {
    assert.deepEqual(
      problemsOf(() => loadCsv('bad.csv', text, overrides)),
      [`dataset.path: ${message}`],
    );
  }
  const targetCases: [string, Partial<DatasetConfig>, string][] = [
    ['a,b,c\n1,2,3\n', { target: 'foo' }, 'bad.csv line 1 (the header) has no column "foo" (columns: a, b, c)'],
    ['\na,b,c\n1,2,3\n', { target: 3 }, 'bad.csv line 2 (the header) has no column 3 (0-based) (columns: a, b, c)'],
    ['label\na\nb\n', {}, 'bad.csv has no feature columns besides "label"'],
    ['x,label\n1,a\n2,a\n', {}, 'column "label" in bad.csv has one value only; need at least 2 classes'],
  ];
  for (const [text, overrides, message] of targetCases) {
    assert.deepEqual(
      problemsOf(() => loadCsv('bad.csv', text, overrides)),
      [`dataset.target: ${message}`],
    );
  }
  const missing = datasetConfig({ kind: 'csv', path: 'missing.csv', target: 'label' });
  const expected = ['dataset.path: cannot read missing.csv (no such file)'];
  assert.deepEqual(
    problemsOf(() => loadDataset(missing, 1, dir)),
    expected,
  );
});
