/**
 * Pre-flight checks at the command line: bad data, a missing file or a run too large for the
 * machine stop `run` before it writes anything (exit 2, one line naming the file, line and column),
 * and `validate` reports the same problems, all of them, without training.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
const CSV_CONFIG = `name: bad
backend: cpu
dataset: {kind: csv, path: data.csv, target: label}
model: {depth: 2, width: 4}
training: {epochs: 1}
`;

const CSV_CASES: { name: string; data?: string; message: string }[] = [
  {
    name: 'a non-numeric cell',
    data: 'x,y,label\n1,2,a\n3,abc,b\n',
    message: 'dataset.path: data.csv line 3, column 2 ("y"): "abc" is not a number',
  },
  {
    name: 'a missing target column',
    data: 'x,y,kind\n1,2,a\n3,4,b\n',
    message: 'dataset.target: data.csv line 1 (the header) has no column "label" (columns: x, y, kind)',
  },
  { name: 'an empty file', data: '', message: 'dataset.path: data.csv is empty' },
  {
    name: 'ragged rows',
    data: 'x,y,label\n1,2,a\n3,4\n',
    message: 'dataset.path: data.csv line 3: expected 3 fields like the header, got 2 (column 3 ("label") is missing)',
  },
  { name: 'a missing file', message: 'dataset.path: cannot read data.csv (no such file)' },
];

describe('bad data stops run and validate before anything is written', () => {
  for (const { name, data, message } of CSV_CASES) {
    test(`${name}: exit 2, one line naming the file, no folder`, async () => {
      const dir = workspace({ 'c.yaml': CSV_CONFIG, ...(data === undefined ? {} : { 'data.csv': data }) });
      const expected = `dead-neurons: c.yaml: ${message}\n`;
      for (const args of [
        ['run', 'c.yaml', '--out', 'out'],
        ['run', 'c.yaml'],
        ['validate', 'c.yaml'],
      ]) {
        const outcome = await cli(args, dir);
        assert.deepEqual([outcome.code, outcome.stderr, outcome.stdout], [2, expected, ''], args.join(' '));
      }
      assert.equal(existsSync(join(dir, 'out')), false, '--out not created');
      assert.equal(existsSync(join(dir, 'results')), false, 'results/ not created');
    });
  }

  test('the real executable prints the same line before any backend line', () => {
    const dir = workspace({ 'c.yaml': CSV_CONFIG, 'data.csv': CSV_CASES[0].data! });
    const child = spawnSync(process.execPath, [BIN, 'run', 'c.yaml', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual([child.status, child.stderr], [2, `dead-neurons: c.yaml: ${CSV_CASES[0].message}\n`]);
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  test('validate lists every problem of a sweep, one line each', async () => {
    const dir = workspace({
      'c.yaml': `${CSV_CONFIG}sweep: {dataset.path: [data.csv, empty.csv, gone.csv]}\n`,
      'data.csv': CSV_CASES[0].data!,
      'empty.csv': '\n',
    });
    const outcome = await cli(['validate', 'c.yaml'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(
      outcome.stderr,
      [
        `dead-neurons: c.yaml: ${CSV_CASES[0].message}`,
        'dead-neurons: c.yaml: dataset.path: empty.csv is empty',
        'dead-neurons: c.yaml: dataset.path: cannot read gone.csv (no such file)',
        '',
      ].join('\n'),
    );
  });
});

describe("scikit-learn's CSVs as they come (test/fixtures/csv/)", () => {
  const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));
  const config = (path: string, target: number) =>
    `name: sk\nbackend: cpu\ndataset: {kind: csv, path: ${path}, target: ${target}}\nmodel: {depth: 2, width: 4}\n`;

  test('a layout problem is one line naming the option, exit 2, nothing written; with that option set, validate and run accept the file', async () => {
    const dir = workspace({
      'digits.yaml': config('digits.csv.gz', 64),
      'breast.yaml': config('breast_cancer.csv', 30),
    });
    copyFileSync(join(FIXTURES, 'digits-head.csv.gz'), join(dir, 'digits.csv.gz'));
    copyFileSync(join(FIXTURES, 'breast-cancer-head.csv'), join(dir, 'breast_cancer.csv'));
    const refused: [string[], string][] = [
      [
        ['run', 'digits.yaml', '--out', 'out'],
        'digits.yaml: dataset.header: digits.csv.gz line 1 looks like data, not column names (all 65 fields are numbers); set dataset.header: false (columns are then named 0 to 64)',
      ],
      [
        ['run', 'breast.yaml', '--out', 'out'],
        'breast.yaml: dataset.skipRows: breast_cancer.csv line 1 has 4 fields and the lines after it 31; set dataset.skipRows: 1 and dataset.header: false (line 2 is data, not column names)',
      ],
      [
        ['validate', 'breast.yaml', '--set', 'dataset.skipRows=1'],
        'breast.yaml: dataset.header: breast_cancer.csv line 2 looks like data, not column names (all 31 fields are numbers); set dataset.header: false (columns are then named 0 to 30)',
      ],
    ];
    for (const [args, message] of refused) {
      const outcome = await cli(args, dir);
      assert.deepEqual(
        [outcome.code, outcome.stderr, outcome.stdout],
        [2, `dead-neurons: ${message}\n`, ''],
        args.join(' '),
      );
    }
    assert.equal(existsSync(join(dir, 'out')), false, '--out not created');
    const digits = await cli(['validate', 'digits.yaml', '--set', 'dataset.header=false'], dir);
    assert.equal(digits.code, 0, digits.stderr);
    assert.match(digits.stderr, /^data: csv digits.csv.gz 16 train \/ 4 test, 64 features, 10 classes in column 64$/m);
    const breast = await cli(
      [
        'run',
        'breast.yaml',
        '--set',
        'dataset.skipRows=1',
        '--set',
        'dataset.header=false',
        '--set',
        'training.epochs=1',
        '--out',
        'out',
        '-q',
      ],
      dir,
    );
    assert.equal(breast.code, 0, breast.stderr);
    assert.match(readFileSync(join(dir, 'out', 'runs.csv'), 'utf8'), /^r001,1,ok,/m);
  });
});

describe('sizes', () => {
  const LIMIT = { DEAD_NEURONS_MEMORY_LIMIT_MB: '1024' };

  test('a run larger than the memory limit is refused with its estimate, the limit and its swept values', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify({ ...TINY_CONFIG, sweep: { 'model.width': [6, 8192] } }) });
    // Depth 3 at width 8192: 134,275,074 parameters of 4 bytes, x 22 with Adam (the weights, their
    // flat copy, learning rates, 2 moments; 17 during an update), plus 400 MiB of runtime: 11.4 GiB.
    const expected =
      'dead-neurons: tiny.json: run r002 (model.width=8192) needs about 11.4 GiB of memory, more than the 1.0 GiB set by ' +
      'DEAD_NEURONS_MEMORY_LIMIT_MB (mostly the weights, their gradients and optimizer state; lower model.width or model.depth)\n';
    for (const args of [
      ['run', 'tiny.json', '--out', 'out'],
      ['validate', 'tiny.json'],
    ]) {
      const outcome = await cli(args, dir, { env: LIMIT });
      assert.deepEqual([outcome.code, outcome.stderr], [2, expected], args.join(' '));
    }
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  test('absurd values stop at the schema, naming the bound', async () => {
    const dir = workspace({ 'c.yaml': 'model: {depth: 100000}\ntraining: {batchSize: 2000000}\n' });
    const outcome = await cli(['validate', 'c.yaml'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(
      outcome.stderr,
      'dead-neurons: c.yaml: model.depth: must be an integer <= 10000, got 100000\n' +
        'dead-neurons: c.yaml: training.batchSize: must be an integer <= 1048576, got 2000000\n',
    );
  });

  test('validate says what data each run uses and how much memory the largest needs', async () => {
    const dir = workspace({ 'c.yaml': 'dataset: {kind: iris}\nmodel: {depth: 3, width: 8}\n' });
    const outcome = await cli(['validate', 'c.yaml'], dir, { env: LIMIT });
    assert.equal(outcome.code, 0);
    assert.equal(JSON.parse(outcome.stdout).dataset.samples, null);
    assert.equal(
      outcome.stderr,
      'data: iris 120 train / 30 test, 4 features, 3 classes\n' +
        'memory: about 400 MiB at most (r001), within the 1.0 GiB set by DEAD_NEURONS_MEMORY_LIMIT_MB\n' +
        'c.yaml: valid; 1 run(s)\n',
    );
  });
});

describe('the run header', () => {
  test('names the backend, why auto chose it, and the data used', async () => {
    const dir = workspace({
      'tiny.json': JSON.stringify({ ...TINY_CONFIG, backend: 'auto', sweep: { seed: [1, 2] } }),
    });
    const outcome = await cli(['run', 'tiny.json', '--out', 'out', '--jobs', '1'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(
      outcome.stderr,
      // The two seeds form one pack: 2 x 6² x 32 per step, wasm's side of the threshold.
      /^backend: wasm \(tfjs [\d.]+, \d+ threads?\), auto: faster than native below runs×width²×batch 2\^15 per pack step \(largest here 2×6²×32\); 2 run\(s\); 1 job\(s\)\n/,
    );
    assert.match(outcome.stderr, /\ndata: moons 96 train \/ 24 test, 2 features, 2 classes\n/);
  });

  test('an explicit backend needs no reason', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify({ ...TINY_CONFIG, sweep: {} }) });
    const outcome = await cli(['run', 'tiny.json', '--out', 'out', '--jobs', '1'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(
      outcome.stderr,
      /^backend: cpu \(tfjs [\d.]+, 1 thread\); 1 run\(s\); 1 job\(s\)\ndata: moons 96 train \/ 24 test, 2 features, 2 classes\n/,
    );
  });
});
