/**
 * `dead-neurons compare A B` end to end: the shared configurations side by side, paired when the
 * seeds match; --format markdown; --fail-on-difference exits 1 only when an interval excludes 0;
 * folders with nothing in common, or not results folders, are one line and exit 2. No TF.js.
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';
import { tfjsModulesLoadedBy } from '../helpers/tfjs-probe.js';

describe('compare', () => {
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });

  before(async () => {
    for (const args of [
      ['run', 'tiny.json', '--out', 'a', '-q', '--jobs', '1'],
      ['run', 'tiny.json', '--out', 'tanh', '-q', '--jobs', '1', '--sweep', 'model.activation=tanh'],
      ['run', 'tiny.json', '--out', 'slow', '-q', '--jobs', '1', '--set', 'training.learningRate=0.001'],
    ]) {
      const outcome = await cli(args, dir);
      assert.equal(outcome.code, 0, outcome.stderr);
    }
    // B: a copy of A whose relu runs all end 10 points more accurate, so that difference is certain.
    cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
    for (const file of readdirSync(join(dir, 'b/runs'))) {
      const path = join(dir, 'b/runs', file);
      const record = JSON.parse(readFileSync(path, 'utf8'));
      if (record.swept['model.activation'] === 'relu') record.epochs.at(-1).testAccuracy -= 0.1;
      writeFileSync(path, JSON.stringify(record));
    }
  });

  test('a folder against itself: every configuration, paired, no difference; exit 0 even with --fail-on-difference', async () => {
    const outcome = await cli(['compare', 'a', 'a', '--fail-on-difference'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stderr, '');
    const rows = outcome.stdout
      .split('\n')
      .filter((line) => line.startsWith('│ relu') || line.startsWith('│ leaky_relu'));
    assert.equal(rows.length, 2);
    for (const row of rows) assert.match(row, /│ 2\/2 +│ paired │/);
    assert.doesNotMatch(outcome.stdout, / \* +│/);
    assert.match(outcome.stdout, /A = a, B = a; Δ = B minus A/);
  });

  test('--format markdown marks the difference whose interval excludes 0; --fail-on-difference then exits 1', async () => {
    const outcome = await cli(['compare', 'a', 'b', '--format', 'markdown'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    const relu = outcome.stdout.split('\n').find((line) => line.startsWith('| relu |'))!;
    assert.match(relu, /\| -10\.0 \[-10\.0, -10\.0\] \* \|$/);
    const leaky = outcome.stdout.split('\n').find((line) => line.startsWith('| leaky_relu |'))!;
    assert.doesNotMatch(leaky, /\*/);
    const failing = await cli(['compare', 'a', 'b', '--fail-on-difference'], dir);
    assert.equal(failing.code, 1);
    assert.equal(failing.stderr, 'dead-neurons: --fail-on-difference: 1 difference(s) whose 95% interval excludes 0\n');
  });

  test('the config fields in which A and B differ: under the table (stdout), or on stderr beside a CSV', async () => {
    const table = await cli(['compare', 'a', 'slow'], dir);
    assert.equal(table.code, 0, table.stderr);
    assert.ok(
      table.stdout.endsWith('config fields that differ (A vs B):\n  training.learningRate: 0.01 vs 0.001\n'),
      table.stdout,
    );
    const same = await cli(['compare', 'a', 'b'], dir);
    assert.ok(same.stdout.endsWith('\nconfigs: the same in A and B\n'), same.stdout);
    const csv = await cli(['compare', 'a', 'slow', '--format', 'csv'], dir);
    assert.doesNotMatch(csv.stdout, /config fields/);
    assert.equal(csv.stderr, 'config fields that differ (A vs B):\n  training.learningRate: 0.01 vs 0.001\n');
  });

  test('nothing in common, or not a results folder: one line, exit 2, nothing printed', async () => {
    const none = await cli(['compare', 'a', 'tanh'], dir);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.equal(
      none.stderr,
      'dead-neurons: a and tanh have no configuration in common (a: "relu", "leaky_relu"; tanh: "tanh")\n',
    );
    const notResults = await cli(['compare', 'a', '.'], dir);
    assert.equal(notResults.code, 2);
    assert.equal(notResults.stderr, 'dead-neurons: .: not a dead-neurons results folder (no config.resolved.json)\n');
  });

  test('compare loads no TF.js module', () => {
    assert.deepEqual(tfjsModulesLoadedBy(['compare', 'a', 'b'], dir), { code: 0, tfjsModules: 0 });
  });
});
