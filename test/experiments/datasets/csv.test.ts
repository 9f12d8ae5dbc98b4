import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readCsvFile } from '../../../src/experiments/datasets/csv-read.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import type { Dataset, DatasetConfig } from '../../../src/experiments/datasets/types.js';
import { assertShapes, bytesOf, classCountsOf, datasetConfig, problemsOf } from '../../helpers/datasets.js';

const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to `name` in the temp folder and loads it as the csv kind. */
function loadCsv(name: string, text: string | Buffer, overrides: Partial<DatasetConfig> = {}): Dataset {
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

// Two files as scikit-learn ships them (sklearn/datasets/data/ in its wheel), cut to their first
// lines: digits.csv.gz (gzip, no header, the digit in column 64) and breast_cancer.csv (a count
// line "569,30,malignant,benign" above 31 numeric columns, the class in column 30).
const FIXTURES = fileURLToPath(new URL('../../fixtures/csv/', import.meta.url));
const DIGITS = readFileSync(join(FIXTURES, 'digits-head.csv.gz'));
const BREAST_CANCER = readFileSync(join(FIXTURES, 'breast-cancer-head.csv'), 'utf8');

test('gzip is told by its first bytes, not its name: the same rows from a .csv.gz, a gzip named .csv and the text named .gz', () => {
  const plain = gunzipSync(DIGITS).toString('utf8');
  const options = { header: false, target: 64, testFraction: 0 } as const;
  const fromGz = loadCsv('digits.csv.gz', DIGITS, options);
  assert.deepEqual([fromGz.train.n, fromGz.inputDim, fromGz.outputDim, fromGz.columns?.target], [20, 64, 10, '64']);
  assert.deepEqual(bytesOf(loadCsv('digits-packed.csv', DIGITS, options)), bytesOf(fromGz));
  assert.deepEqual(bytesOf(loadCsv('digits-text.gz', plain, options)), bytesOf(fromGz));
  // Every row kept: the first line is data, not names (rows are digits 0-9 twice).
  assert.deepEqual(
    [...fromGz.train.y].sort((a, b) => a - b),
    [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9],
  );
  // The target by index or by its name, which without a header is the index.
  assert.deepEqual(bytesOf(loadCsv('digits.csv.gz', DIGITS, { ...options, target: '64' })), bytesOf(fromGz));
});

test('header: false names columns by index and keeps the first line as data', () => {
  const dataset = loadCsv('noheader.csv', '1,10,a\n3,10,b\n', { header: false, target: 2, testFraction: 0 });
  assert.deepEqual(dataset.columns, { features: ['0', '1'], target: '2' });
  assert.deepEqual(rowsOf(dataset), [
    [-1, 0, 0],
    [1, 0, 1],
  ]);
});

test('skipRows skips lines (blank ones count) before the header', () => {
  const text = 'measured 2024-05-01\n\nx,label\n1,a\n3,b\n';
  const dataset = loadCsv('skip.csv', text, { skipRows: 2, testFraction: 0 });
  assert.deepEqual(rowsOf(dataset), [
    [-1, 0],
    [1, 1],
  ]);
  assert.deepEqual(dataset.columns, { features: ['x'], target: 'label' });
});

test("scikit-learn's files as they come: each layout problem names the option that fixes it, and that option reads the file", () => {
  const cases: [string, string | Buffer, Partial<DatasetConfig>, string][] = [
    [
      'digits.csv.gz',
      DIGITS,
      { target: 64 },
      'dataset.header: digits.csv.gz line 1 looks like data, not column names (all 65 fields are numbers); set dataset.header: false (columns are then named 0 to 64)',
    ],
    [
      'breast_cancer.csv',
      BREAST_CANCER,
      { target: 30 },
      'dataset.skipRows: breast_cancer.csv line 1 has 4 fields and the lines after it 31; set dataset.skipRows: 1 and dataset.header: false (line 2 is data, not column names)',
    ],
    [
      'breast_cancer.csv',
      BREAST_CANCER,
      { target: 30, skipRows: 1 },
      'dataset.header: breast_cancer.csv line 2 looks like data, not column names (all 31 fields are numbers); set dataset.header: false (columns are then named 0 to 30)',
    ],
    [
      'breast_cancer.csv',
      BREAST_CANCER,
      { target: 30, header: false },
      'dataset.skipRows: breast_cancer.csv line 1 has 4 fields and the lines after it 31; set dataset.skipRows: 1 to skip it (a title or count line?)',
    ],
  ];
  for (const [name, content, overrides, message] of cases) {
    assert.deepEqual(
      problemsOf(() => loadCsv(name, content, overrides)),
      [message],
      JSON.stringify(overrides),
    );
  }
  const fixed = loadCsv('breast_cancer.csv', BREAST_CANCER, {
    target: 30,
    skipRows: 1,
    header: false,
    testFraction: 0,
  });
  assert.deepEqual([fixed.train.n, fixed.inputDim, fixed.task, fixed.outputDim], [24, 30, 'classification', 2]);
  assert.deepEqual(classCountsOf(fixed), [21, 3]);
});

test('layout problems of other files: lines above a header, data too short for its header, too many lines skipped', () => {
  const cases: [string, Partial<DatasetConfig>, string][] = [
    // Two title lines: both counted, and a header below them is kept as the header.
    [
      'Survey\nwave 2,2024\nx,y,label\n1,2,a\n3,4,b\n',
      {},
      'dataset.skipRows: bad.csv lines 1 to 2 have fewer fields than the 3 of the lines after them; if they are title lines, set dataset.skipRows: 2; a header needs a name for each of the 3 columns',
    ],
    [
      'x,label\n1,2,a\n3,4,b\n',
      {},
      'dataset.skipRows: bad.csv line 1 has 2 fields and the lines after it 3; if it is a title or count line, set dataset.skipRows: 1; a header needs a name for each of the 3 columns',
    ],
    ['x,label\n1,a\n', { skipRows: 2 }, 'dataset.skipRows: bad.csv: skipping 2 of its 2 lines leaves no data'],
    [
      '1\n',
      { header: true },
      'dataset.header: bad.csv line 1 looks like data, not column names (its one field is a number); set dataset.header: false (columns are then named 0 to 0)',
    ],
  ];
  for (const [text, overrides, message] of cases) {
    assert.deepEqual(
      problemsOf(() => loadCsv('bad.csv', text, overrides)),
      [message],
      text,
    );
  }
  // More short lines than long ones: data with a few long lines, said as before.
  const ragged = problemsOf(() => loadCsv('bad.csv', 'x,label\n1,a\n2,b\n3,c,d\n'));
  assert.deepEqual(ragged, [
    'dataset.path: bad.csv line 4: expected 2 fields like the header, got 3 (column 3 has no header)',
  ]);
  const noHeader = problemsOf(() => loadCsv('bad.csv', '1,a\n2,b,c\n3,c\n', { header: false, target: 1 }));
  assert.deepEqual(noHeader, [
    'dataset.path: bad.csv line 2: expected 2 fields like line 1, got 3 (column 3 has no match in the lines above)',
  ]);
  const byName = problemsOf(() => loadCsv('bad.csv', '1,a\n2,b\n', { header: false, target: 'label' }));
  assert.deepEqual(byName, [
    'dataset.target: bad.csv has no column "label": with dataset.header: false columns are numbered 0 to 1',
  ]);
});

test('files that are not CSV text: zip, binary, broken gzip', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
  const binary = Buffer.from('x,label\n1,a\n\u0000\u0001', 'latin1');
  const broken = DIGITS.subarray(0, 40);
  const cases: [Buffer, string][] = [
    [zip, 'bad.csv is a zip archive; unzip it and give the CSV file inside'],
    [binary, 'bad.csv is not text (a zero byte on line 3); give a CSV file, plain or gzip-compressed'],
    [broken, 'bad.csv starts like a gzip file but does not decompress (unexpected end of file)'],
  ];
  for (const [content, message] of cases)
    assert.deepEqual(
      problemsOf(() => loadCsv('bad.csv', content)),
      [`dataset.path: ${message}`],
    );
});

test('UTF-16 with a byte-order mark, as spreadsheets export "Unicode text", reads like UTF-8', () => {
  const text = 'x,label\n1,a\n3,b\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.deepEqual(
    bytesOf(loadCsv('utf16.csv', utf16, { testFraction: 0 })),
    bytesOf(loadCsv('utf8.csv', text, { testFraction: 0 })),
  );
});

test('the shared reader names options as its caller does (inspect --data passes its flags)', () => {
  const naming = {
    path: '--data',
    header: '--header',
    skipRows: '--skip-rows',
    setting: (option: string, value: boolean | number) => `${option}=${value}`,
  };
  writeFileSync(join(dir, 'breast.csv'), BREAST_CANCER);
  const problems = problemsOf(() =>
    readCsvFile(join(dir, 'breast.csv'), 'breast.csv', { header: true, skipRows: 0 }, naming),
  );
  assert.deepEqual(problems, [
    '--skip-rows: breast.csv line 1 has 4 fields and the lines after it 31; set --skip-rows=1 and --header=false (line 2 is data, not column names)',
  ]);
  const table = readCsvFile(join(dir, 'breast.csv'), 'breast.csv', { header: false, skipRows: 1 }, naming);
  assert.deepEqual(
    [table.header.length, table.headerLine, table.rows.length, table.rows[0].line, table.rows[0].cells[0]],
    [31, null, 24, 2, '17.99'],
  );
});
