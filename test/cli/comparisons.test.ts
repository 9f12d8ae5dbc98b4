/**
 * Paired comparisons end to end: `run` prints them under the summary and writes comparisons.csv
 * against the first configuration; `--baseline` (on run and report) changes what is printed; a
 * baseline that names no configuration is a usage error before anything is written.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const TITLE = (baseline: string) =>
  `compared with ${baseline}: configuration minus baseline over the n seeds both have; mean [95% CI], paired t on per-seed differences (atanh scale for shares); pp = percentage points`;

describe('paired comparisons', () => {
  // relu and leaky_relu, seeds 1 and 2: one comparison over two pairs.
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  let run: Awaited<ReturnType<typeof cli>>;

  test('run prints the comparison with the first configuration and writes comparisons.csv', async () => {
    run = await cli(['run', 'tiny.json', '--out', 'out', '-q'], dir);
    assert.equal(run.code, 0, run.stderr);
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

  test('report --baseline naming no configuration: one line, exit 2', async () => {
    const outcome = await cli(['report', 'out', '--baseline', 'elu'], dir);
    assert.equal(
      outcome.stderr,
      'dead-neurons: --baseline: no configuration "elu"; give a label ("relu", "leaky_relu") or a row number from 1 to 2\n',
    );
    assert.equal(outcome.stdout, '');
    assert.equal(outcome.code, 2);
  });

  test('run --baseline prints against it, and comparisons.csv stays against the first configuration', async () => {
    const outcome = await cli(['run', 'tiny.json', '--out', 'other', '-q', '--baseline', 'leaky_relu'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.ok(outcome.stdout.includes(TITLE('leaky_relu')));
    assert.equal(
      readFileSync(join(dir, 'other/comparisons.csv'), 'utf8'),
      readFileSync(join(dir, 'out/comparisons.csv'), 'utf8'),
    );
  });

  test('run --baseline naming no configuration fails before training or writing (exit 2)', async () => {
    const outcome = await cli(['run', 'tiny.json', '--out', 'never', '-q', '--baseline', '3'], dir);
    assert.equal(
      outcome.stderr,
      'dead-neurons: --baseline: no configuration "3"; give a label ("relu", "leaky_relu") or a row number from 1 to 2\n',
    );
    assert.equal(outcome.code, 2);
    assert.equal(existsSync(join(dir, 'never')), false);
  });

  test('one configuration: no comparison table, and comparisons.csv holds only its header', async () => {
    const single = workspace({ 'one.json': JSON.stringify({ ...TINY_CONFIG, sweep: { seed: [1, 2] } }) });
    const outcome = await cli(['run', 'one.json', '--out', 'o', '-q'], single);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.doesNotMatch(outcome.stdout, /compared with/);
    assert.equal(readFileSync(join(single, 'o/comparisons.csv'), 'utf8').split('\n').length, 2);
  });
});
