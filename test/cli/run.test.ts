import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, TINY_CONFIG, TINY_YAML, workspace } from '../helpers/cli.js';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** runs.csv without its seconds column, the one field that differs between identical runs. */
const withoutSeconds = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');

describe('dead-neurons run', () => {
  test('writes every file of the results folder and prints the summary table', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    const outcome = await cli(['run', 'tiny.json', '--out', 'out', '--quiet'], dir);
    assert.equal(outcome.stderr, 'results: out\n');
    assert.equal(outcome.code, 0);
    const out = join(dir, 'out');
    assert.deepEqual(readdirSync(out).sort(), [
      'comparisons.csv',
      'config.resolved.json',
      'epochs.csv',
      'manifest.json',
      'metrics.csv',
      'runs',
      'runs.csv',
      'summary.csv',
    ]);
    assert.deepEqual(readdirSync(join(out, 'runs')).sort(), ['r001.json', 'r002.json', 'r003.json', 'r004.json']);
    assert.match(outcome.stdout, /│ relu +│ 2 +│/);
    assert.match(outcome.stdout, /│ leaky_relu +│ 2 +│/);

    const metrics = read(out, 'metrics.csv').trim().split('\n');
    assert.equal(
      metrics[0],
      'run_id,epoch,layer,units,dead_units,dead_fraction,near_dead_units,near_dead_fraction,active_rate,revived,newly_dead,grad_norm',
    );
    // 4 runs x 3 measurements (init + 2 epochs) x 3 layers.
    assert.equal(metrics.length - 1, 4 * 3 * 3);
    assert.match(metrics[1], /^r001,0,1,6,\d,[\d.]+,\d,[\d.]+,[\d.]+,0,0,[\d.e-]+$/);

    const runs = read(out, 'runs.csv').trim().split('\n');
    assert.equal(
      runs[0],
      'run_id,model.activation,seed,status,diverged_at_epoch,collapsed_at_init,dead_fraction_init,dead_fraction_final,loss,train_accuracy,test_accuracy,seconds',
    );
    assert.deepEqual(
      runs.slice(1).map((row) => row.split(',').slice(0, 4).join(',')),
      ['r001,relu,1,ok', 'r002,relu,2,ok', 'r003,leaky_relu,1,ok', 'r004,leaky_relu,2,ok'],
    );
    const summary = read(out, 'summary.csv').trim().split('\n');
    assert.equal(summary.length, 3);
    assert.match(summary[1], /^relu,2,1 2,/);

    const manifest = JSON.parse(read(out, 'manifest.json'));
    assert.equal(manifest.complete, true);
    assert.equal(manifest.runsCompleted, 4);
    assert.equal(manifest.backend.name, 'cpu');
    assert.equal(manifest.startedAt, '2026-01-02T03:04:05.678Z');
    const resolved = JSON.parse(read(out, 'config.resolved.json'));
    assert.equal(resolved.model.width, 6);
    assert.equal(resolved.training.optimizer, 'adam');
    assert.equal(resolved.runs.length, 4);
    assert.equal(resolved.runs[2].config.model.alpha, 0.01);
  });

  test('same config and seed give byte-identical metrics, epochs and runs (timing aside)', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    assert.equal((await cli(['run', 'tiny.json', '--out', 'a', '-q'], dir)).code, 0);
    assert.equal((await cli(['run', 'tiny.json', '--out', 'b', '-q'], dir)).code, 0);
    for (const file of ['metrics.csv', 'epochs.csv', 'summary.csv', 'comparisons.csv']) {
      assert.equal(read(dir, `b/${file}`), read(dir, `a/${file}`), file);
    }
    assert.equal(withoutSeconds(read(dir, 'b/runs.csv')), withoutSeconds(read(dir, 'a/runs.csv')));
  });

  test('YAML and JSON spellings of one config give identical results', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG), 'tiny.yaml': TINY_YAML });
    assert.equal((await cli(['run', 'tiny.json', '--out', 'json', '-q'], dir)).code, 0);
    assert.equal((await cli(['run', 'tiny.yaml', '--out', 'yaml', '-q'], dir)).code, 0);
    assert.equal(read(dir, 'yaml/metrics.csv'), read(dir, 'json/metrics.csv'));
    assert.equal(withoutSeconds(read(dir, 'yaml/runs.csv')), withoutSeconds(read(dir, 'json/runs.csv')));
  });

  test('--format csv prints summary.csv; --format json and markdown print those views', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify({ ...TINY_CONFIG, sweep: { seed: [1, 2] } }) });
    const csv = await cli(['run', 'tiny.json', '--out', 'c', '-q', '--format', 'csv'], dir);
    assert.equal(csv.stdout, read(dir, 'c/summary.csv'));
    const json = await cli(['report', 'c', '--format', 'json'], dir);
    assert.equal(JSON.parse(json.stdout).runs.length, 2);
    const markdown = await cli(['report', 'c', '--format', 'markdown'], dir);
    assert.match(markdown.stdout, /^\| configuration \| runs \|/);
    assert.match(markdown.stdout, /\n\| tiny \| 2 \|/);
  });

  test('--set and --sweep override the file', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify({ ...TINY_CONFIG, sweep: {} }) });
    const outcome = await cli(
      ['run', 'tiny.json', '--out', 'o', '-q', '--set', 'training.epochs=0', '--sweep', 'model.depth=1,2'],
      dir,
    );
    assert.equal(outcome.code, 0);
    const resolved = JSON.parse(read(dir, 'o/config.resolved.json'));
    assert.equal(resolved.training.epochs, 0);
    assert.deepEqual(
      resolved.runs.map((run: { swept: object }) => run.swept),
      [{ 'model.depth': 1 }, { 'model.depth': 2 }],
    );
    // epochs 0: one measurement per layer, at initialisation.
    assert.equal(read(dir, 'o/metrics.csv').trim().split('\n').length - 1, 1 + 2);
  });

  test('report re-renders the table of a results folder without training', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    const run = await cli(['run', 'tiny.json', '--out', 'r', '-q'], dir);
    const report = await cli(['report', 'r'], dir);
    assert.equal(report.code, 0);
    assert.equal(report.stdout, run.stdout);
  });
});

describe('bad input', () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    [
      'depth 0',
      ['run', 'c.json'],
      { 'c.json': '{"model":{"depth":0}}' },
      'dead-neurons: c.json: model.depth: must be an integer >= 1, got 0\n',
    ],
    [
      'negative alpha',
      ['run', 'c.json'],
      { 'c.json': '{"model":{"activation":"leaky_relu","alpha":-1}}' },
      'dead-neurons: c.json: model.alpha: must be a number >= 0, got -1\n',
    ],
    [
      'batchSize 0',
      ['run', 'c.json'],
      { 'c.json': '{"training":{"batchSize":0}}' },
      'dead-neurons: c.json: training.batchSize: must be an integer >= 1, got 0\n',
    ],
    [
      'unknown activation',
      ['run', 'c.yaml'],
      { 'c.yaml': 'model:\n  activation: relux\n' },
      'dead-neurons: c.yaml: model.activation: must be one of relu, leaky_relu, prelu, elu, selu, gelu, silu, tanh, got "relux" (did you mean relu?)\n',
    ],
    [
      'unknown key',
      ['run', 'c.yaml'],
      { 'c.yaml': 'model:\n  dept: 3\n' },
      'dead-neurons: c.yaml: model.dept: unknown key (did you mean model.depth?)\n',
    ],
    [
      'wrong type',
      ['run', 'c.json'],
      { 'c.json': '{"training":{"epochs":"ten"}}' },
      'dead-neurons: c.json: training.epochs: must be an integer >= 0, got "ten"\n',
    ],
    [
      'malformed JSON',
      ['run', 'c.json'],
      { 'c.json': '{"model": ' },
      'dead-neurons: c.json: invalid JSON: Unexpected end of JSON input\n',
    ],
    [
      'malformed YAML',
      ['run', 'c.yaml'],
      { 'c.yaml': 'model:\n  depth: [1\n' },
      'dead-neurons: c.yaml: invalid YAML: line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    ],
    ['missing file', ['run', 'nope.yaml'], {}, 'dead-neurons: nope.yaml: cannot read config (no such file)\n'],
    [
      'bad --set path',
      ['run', 'c.json', '--set', 'model.dept=3'],
      { 'c.json': '{}' },
      'dead-neurons: --set model.dept=3: unknown config path "model.dept" (did you mean model.depth?)\n',
    ],
    [
      'bad --set value',
      ['run', 'c.json', '--set', 'model.depth=0'],
      { 'c.json': '{}' },
      'dead-neurons: --set model.depth=0: model.depth: must be an integer >= 1, got 0\n',
    ],
    [
      'bad sweep value',
      ['run', 'c.json'],
      { 'c.json': '{"sweep":{"model.width":[4,0]}}' },
      'dead-neurons: c.json: sweep.model.width: must be an integer >= 1, got 0\n',
    ],
    [
      'bad sweep path',
      ['run', 'c.json'],
      { 'c.json': '{"sweep":{"model.widht":[4]}}' },
      'dead-neurons: c.json: sweep.model.widht: unknown config path "model.widht" (did you mean model.width?)\n',
    ],
    [
      'csv without path',
      ['run', 'c.json'],
      { 'c.json': '{"dataset":{"kind":"csv","target":"y"}}' },
      'dead-neurons: c.json: dataset.path: is required when kind is csv\n',
    ],
    // Integer flags are read like integer config fields (src/experiments/config/integer.ts), named as typed.
    [
      '--jobs 0',
      ['run', 'c.json', '--jobs', '0'],
      { 'c.json': '{}' },
      'dead-neurons: --jobs: must be an integer >= 1, got "0"\n',
    ],
    ['-j 1.5', ['reproduce', 'r', '-j', '1.5'], {}, 'dead-neurons: --jobs: must be an integer >= 1, got "1.5"\n'],
    ['blank --warmup', ['bench', '--warmup', ' '], {}, 'dead-neurons: --warmup: must be an integer >= 0, got " "\n'],
    [
      '--tolerance -1',
      ['reproduce', 'r', '--tolerance', '-1'],
      {},
      'dead-neurons: --tolerance: must be a number >= 0\n',
    ],
    [
      '--tolerance abc',
      ['reproduce', 'r', '--tolerance', 'abc'],
      {},
      'dead-neurons: --tolerance: must be a number >= 0\n',
    ],
  ];
  for (const [name, args, files, expected] of cases) {
    test(`${name}: one line naming the path, exit 2, nothing written`, async () => {
      const dir = workspace(files);
      const outcome = await cli(args, dir);
      assert.equal(outcome.stderr, expected);
      assert.equal(outcome.code, 2);
      assert.equal(outcome.stdout, '');
      assert.equal(existsSync(join(dir, 'results')), false);
    });
  }

  test('an unknown option is a usage error (exit 2)', async () => {
    const outcome = await cli(['run', 'c.json', '--epochs', '3'], workspace());
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /^error: unknown option '--epochs'/);
  });

  test('a non-empty --out folder is refused before training', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    assert.equal((await cli(['run', 'tiny.json', '--out', '.', '-q'], dir)).code, 2);
  });

  test('paths in messages as the user gave them: an absolute --out stays absolute, a relative one relative', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    mkdirSync(join(dir, 'sub'));
    const absolute = join(dir, 'abs', 'res');
    const first = await cli(['run', '../tiny.json', '--out', absolute, '-q', '--html'], join(dir, 'sub'));
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, `html report: ${absolute}/report.html\nresults: ${absolute}\n`);
    const again = await cli(['run', '../tiny.json', '--out', absolute, '-q'], join(dir, 'sub'));
    assert.equal(again.code, 2);
    assert.equal(
      again.stderr,
      `dead-neurons: --out ${absolute}: folder exists and is not empty; choose another, or resume it: dead-neurons run --resume ${absolute}\n`,
    );
    const relative = await cli(['run', '../tiny.json', '--out', '../abs/res', '-q'], join(dir, 'sub'));
    assert.equal(
      relative.stderr,
      'dead-neurons: --out ../abs/res: folder exists and is not empty; choose another, or resume it: dead-neurons run --resume ../abs/res\n',
    );
    const report = await cli(['report', absolute, '--html'], join(dir, 'sub'));
    assert.equal(report.stderr, `html report: ${absolute}/report.html\n`);
  });

  test('report on a folder that is not a results folder is a usage error (exit 2)', async () => {
    const outcome = await cli(['report', 'nowhere'], workspace());
    assert.equal(outcome.code, 2);
    assert.equal(
      outcome.stderr,
      'dead-neurons: nowhere: not a dead-neurons results folder (no config.resolved.json)\n',
    );
  });
});

describe('validate and list', () => {
  test('validate prints the resolved config with our defaults', async () => {
    const dir = workspace({ 'c.yaml': 'model:\n  activation: leaky_relu\n' });
    const outcome = await cli(['validate', 'c.yaml'], dir, { env: { DEAD_NEURONS_MEMORY_LIMIT_MB: '1024' } });
    assert.equal(outcome.code, 0);
    const resolved = JSON.parse(outcome.stdout);
    assert.equal(resolved.model.alpha, 0.01);
    assert.equal(resolved.model.depth, 20);
    assert.equal(
      outcome.stderr,
      'data: spirals 1,600 train / 400 test, 2 features, 2 classes\n' +
        'memory: about 453 MiB at most (r001), within the 1.0 GiB set by DEAD_NEURONS_MEMORY_LIMIT_MB\n' +
        'c.yaml: valid; 1 run(s)\n',
    );
  });

  test('list names every activation with its default alpha', async () => {
    const outcome = await cli(['list'], workspace());
    assert.equal(outcome.code, 0);
    assert.match(
      outcome.stdout,
      /leaky_relu +z for z > 0, alpha\*z otherwise \(Maas et al. 2013\) \[default alpha 0.01\]/,
    );
    assert.match(outcome.stdout, /prelu .*\[default alpha 0.25\]/);
    assert.match(outcome.stdout, /model.depth +number of hidden layers, at most 10,000 \(default 20\)/);
  });
});
