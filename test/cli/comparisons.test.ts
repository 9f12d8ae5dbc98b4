/**
 * Paired comparisons end to end: `run` prints them under the summary and writes comparisons.csv
 * against the baseline it records in config.resolved.json (--baseline, the config's, or the
 * default); `report --baseline` changes what is printed only; a baseline that names nothing is a
 * usage error before anything is written; unstable runs are flagged in runs.csv and the notes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const TITLE = (baseline: string) =>
  `compared with ${baseline}: configuration minus baseline over the n seeds both have; mean [95% CI], paired t on per-seed differences (atanh scale for shares); pp = percentage points`;

describe('paired comparisons', () => {
  // relu and leaky_relu, seeds 1 and 2: one comparison over two pairs.
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  let run: Awaited<ReturnType<typeof cli>>;

  test('run prints the comparison with the default baseline (model.activation=relu), records it and writes comparisons.csv', async () => {
    run = await cli(['run', 'tiny.json', '--out', 'out', '-q'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      JSON.parse(readFileSync(join(dir, 'out/config.resolved.json'), 'utf8')).baseline,
      'model.activation=relu',
    );
    assert.ok(run.stdout.includes(`┘\n${TITLE('relu')}\n┌`), run.stdout);
    assert.match(run.stdout, /│ leaky_relu +│ 2 │ /);
    const csv = readFileSync(join(dir, 'out/comparisons.csv'), 'utf8').trim().split('\n');
    assert.equal(csv.length, 2);
    assert.match(
      csv[0],
      /^model\.activation,baseline,n,seeds,unpaired_seeds,diverged_seeds,dead_fraction_init_diff_mean,/,
    );
    assert.match(csv[1], /^leaky_relu,relu,2,1 2,,,.*,paired t on per-seed differences \(atanh scale for shares\)$/);
  });

  test('report --baseline, by label or row number, prints the comparison the other way round', async () => {
    const byLabel = await cli(['report', 'out', '--baseline', 'leaky_relu'], dir);
    assert.equal(byLabel.code, 0, byLabel.stderr);
    assert.ok(byLabel.stdout.includes(TITLE('leaky_relu')));
    assert.match(byLabel.stdout, /│ relu +│ 2 │ /);
    assert.equal((await cli(['report', 'out', '--baseline', '2'], dir)).stdout, byLabel.stdout);
    // Without --baseline, report prints what run printed.
    assert.equal((await cli(['report', 'out'], dir)).stdout, run.stdout);
    const markdown = await cli(['report', 'out', '--format', 'markdown', '--baseline', '2'], dir);
    assert.ok(
      markdown.stdout.includes(`\n\n${TITLE('leaky_relu')}\n\n| configuration | n | Δ dead @init (pp) |`),
      markdown.stdout,
    );
  });

  test('report --baseline naming nothing: one line, exit 2', async () => {
    const cases: [string, string][] = [
      [
        'elu',
        'no configuration "elu"; give FIELD=VALUE, e.g. model.activation=relu (each with its own), a label ("relu", "leaky_relu") or a row number from 1 to 2',
      ],
      ['model.activation=elu', 'no configuration has model.activation=elu (its values: relu, leaky_relu)'],
      ['model.depth=3', 'model.depth is not swept (swept: model.activation)'],
    ];
    for (const [wanted, message] of cases) {
      const outcome = await cli(['report', 'out', '--baseline', wanted], dir);
      assert.deepEqual(
        [outcome.code, outcome.stderr, outcome.stdout],
        [2, `dead-neurons: --baseline: ${message}\n`, ''],
      );
    }
  });

  test('run --baseline compares with it, records it, and comparisons.csv follows; report then prints the same', async () => {
    const outcome = await cli(['run', 'tiny.json', '--out', 'other', '-q', '--baseline', '2'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.ok(outcome.stdout.includes(TITLE('leaky_relu')));
    // A row number is recorded as the label it names.
    assert.equal(JSON.parse(readFileSync(join(dir, 'other/config.resolved.json'), 'utf8')).baseline, 'leaky_relu');
    assert.match(readFileSync(join(dir, 'other/comparisons.csv'), 'utf8').split('\n')[1], /^relu,leaky_relu,2,1 2,,,/);
    assert.equal((await cli(['report', 'other'], dir)).stdout, outcome.stdout);
  });

  test('run --baseline naming nothing fails before training or writing (exit 2)', async () => {
    const cases: [string, string][] = [
      [
        '3',
        'no configuration "3"; give FIELD=VALUE, e.g. model.activation=relu (each with its own), a label ("relu", "leaky_relu") or a row number from 1 to 2',
      ],
      ['model.activation=elu', 'model.activation=elu: model.activation is swept over relu, leaky_relu'],
      ['model.depth=3', 'model.depth is not swept (swept: model.activation)'],
      ['seed=1', 'seed pairs the runs of a comparison; name another swept field, e.g. model.activation=relu'],
    ];
    for (const [wanted, message] of cases) {
      const outcome = await cli(['run', 'tiny.json', '--out', 'never', '-q', '--baseline', wanted], dir);
      assert.deepEqual(
        [outcome.code, outcome.stderr, outcome.stdout],
        [2, `dead-neurons: --baseline: ${message}\n`, ''],
        wanted,
      );
    }
    assert.equal(existsSync(join(dir, 'never')), false);
    // The same, written in the config file, is named by the file and the field; validate says so too.
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...TINY_CONFIG, baseline: 'model.depth=3' }));
    const validate = await cli(['validate', 'bad.json'], dir);
    assert.deepEqual(
      [validate.code, validate.stderr],
      [2, 'dead-neurons: bad.json: baseline: model.depth is not swept (swept: model.activation)\n'],
    );
  });

  test('a depth × activation sweep: each configuration against relu of its own depth, in the table, comparisons.csv, report and reproduce', async () => {
    const sweep = workspace({
      'grid.json': JSON.stringify({ ...TINY_CONFIG, sweep: { 'model.depth': [2, 3], ...TINY_CONFIG.sweep } }),
    });
    // model.depth is swept first, yet the default baseline is the activation's first value.
    const outcome = await cli(['run', 'grid.json', '--out', 'g', '-q', '--jobs', '1'], sweep);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.ok(
      outcome.stdout.includes(
        '┘\neach compared with the model.activation=relu configuration that shares its other swept values: configuration minus baseline',
      ),
    );
    const csv = readFileSync(join(sweep, 'g/comparisons.csv'), 'utf8');
    assert.deepEqual(
      csv
        .trimEnd()
        .split('\n')
        .map((line) => line.split(',').slice(0, 5).join(',')),
      [
        'model.depth,model.activation,baseline,n,seeds',
        '2,leaky_relu,depth=2 relu,2,1 2',
        '3,leaky_relu,depth=3 relu,2,1 2',
      ],
    );
    assert.equal((await cli(['report', 'g'], sweep)).stdout, outcome.stdout);
    // reproduce re-checks every CSV, comparisons.csv included, against the recorded baseline.
    const reproduce = await cli(['reproduce', 'g', '-q', '--jobs', '1'], sweep);
    assert.deepEqual([reproduce.code, reproduce.stdout], [0, 'reproduced: 8 run(s), every metric identical\n']);
  });

  test('runs that end well above their initial training loss are unstable: runs.csv status, summary.csv count, notes', async () => {
    const steep = workspace({
      'steep.json': JSON.stringify({
        ...TINY_CONFIG,
        training: { ...TINY_CONFIG.training, optimizer: 'sgd' },
        sweep: { 'training.learningRate': [1, 3] },
      }),
    });
    const outcome = await cli(['run', 'steep.json', '--out', 's', '-q', '--jobs', '1', '--format', 'markdown'], steep);
    assert.equal(outcome.code, 0, outcome.stderr);
    const runs = readFileSync(join(steep, 's/runs.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split(',').slice(0, 5).join(','));
    assert.deepEqual(runs, [
      'run_id,training.learningRate,seed,status,diverged_at_epoch',
      'r001,1,1,ok,',
      'r002,3,1,unstable,',
    ]);
    const epochs = readFileSync(join(steep, 's/epochs.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => /^r002,[02],/.test(line));
    const [first, last] = epochs.map((line) => Number(line.split(',')[2]));
    assert.ok(last > 1.05 * first && Number.isFinite(last), `r002: loss ${first} at epoch 0, ${last} at the end`);
    const summary = readFileSync(join(steep, 's/summary.csv'), 'utf8').trimEnd().split('\n');
    assert.ok(
      summary[0].endsWith(',diverged,unstable') && summary[1].endsWith(',0,0') && summary[2].endsWith(',0,1'),
      summary.join('\n'),
    );
    assert.match(outcome.stdout, /^\| learningRate=3 \| 1 \| .* \| 1\/1 unstable \|$/m);
  });

  test('one configuration: no comparison table, and comparisons.csv holds only its header', async () => {
    const single = workspace({ 'one.json': JSON.stringify({ ...TINY_CONFIG, sweep: { seed: [1, 2] } }) });
    const outcome = await cli(['run', 'one.json', '--out', 'o', '-q'], single);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.doesNotMatch(outcome.stdout, /compared with/);
    assert.equal(readFileSync(join(single, 'o/comparisons.csv'), 'utf8').split('\n').length, 2);
    assert.equal(JSON.parse(readFileSync(join(single, 'o/config.resolved.json'), 'utf8')).baseline, null);
  });
});
