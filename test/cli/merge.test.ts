/**
 * `merge`'s refusals and `--partial`: folders planned from different configs are refused naming
 * the folder, with nothing written; a shard alone merges only with --partial, and then holds
 * exactly that shard's runs.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('dead-neurons merge', () => {
  // tiny.json plans 4 runs, each a pack of its own (shards take whole packs): r001 relu batch 16,
  // r002 relu 32, r003 tanh 16, r004 tanh 32. Shard 1/2 takes r001 and r003, shard 2/2 r002 and r004.
  const tiny = { ...TINY_CONFIG, sweep: { 'model.activation': ['relu', 'tanh'], 'training.batchSize': [16, 32] } };
  const dir = workspace({
    'tiny.json': JSON.stringify(tiny),
    // One field different, the sweep the same: same run ids, different plan.
    'deeper.json': JSON.stringify({ ...tiny, model: { ...tiny.model, depth: 4 } }),
  });

  before(async () => {
    for (const [config, shard, out] of [
      ['tiny.json', '1/2', 's1'],
      ['tiny.json', '2/2', 's2'],
      ['deeper.json', '2/2', 'd2'],
    ]) {
      const outcome = await cli(['run', config, '--shard', shard, '--out', out, '-q', '--jobs', '1'], dir);
      assert.equal(outcome.code, 0, outcome.stderr);
    }
  });

  test('folders planned from different configs: exit 2 naming the folder, nothing written to --out', async () => {
    const outcome = await cli(['merge', 's1', 'd2', '--out', 'mixed'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(
      outcome.stderr,
      'dead-neurons: d2: planned from a different config than s1 (compare their config.resolved.json)\n',
    );
    assert.equal(outcome.stdout, '');
    assert.equal(existsSync(join(dir, 'mixed')), false);
  });

  test('different configs are refused with --partial too, and an existing empty --out stays empty', async () => {
    mkdirSync(join(dir, 'empty-out'));
    const outcome = await cli(['merge', 'd2', 's2', '--partial', '--out', 'empty-out'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(
      outcome.stderr,
      'dead-neurons: s2: planned from a different config than d2 (compare their config.resolved.json)\n',
    );
    assert.deepEqual(readdirSync(join(dir, 'empty-out')), []);
  });

  test('a shard alone without --partial is refused (exit 2), naming the missing runs, with nothing written', async () => {
    const outcome = await cli(['merge', 's1', '--out', 'alone'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(outcome.stderr, 'dead-neurons: 2 of 4 runs missing (r002, r004); add their shards, or --partial\n');
    assert.equal(existsSync(join(dir, 'alone')), false);
  });

  test("--partial merges a shard alone; the result holds only that shard's runs", async () => {
    const outcome = await cli(['merge', 's1', '--partial', '--out', 'partial', '--format', 'csv'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stderr, 'merged 2 of 4 runs from 1 folder(s) into partial\n');
    const out = join(dir, 'partial');
    assert.deepEqual(readdirSync(join(out, 'runs')).sort(), ['r001.json', 'r003.json']);
    for (const file of [
      'runs/r001.json',
      'runs/r003.json',
      'config.resolved.json',
      'metrics.csv',
      'epochs.csv',
      'summary.csv',
    ]) {
      assert.equal(read(out, file), read(join(dir, 's1'), file), file);
    }
    assert.equal(outcome.stdout, read(out, 'summary.csv'));
    const runIds = read(out, 'runs.csv')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]);
    assert.deepEqual(runIds, ['r001', 'r003']);
    const manifest = JSON.parse(read(out, 'manifest.json'));
    assert.equal(manifest.runsPlanned, 4);
    assert.equal(manifest.runsCompleted, 2);
    assert.equal(manifest.complete, false);
    assert.deepEqual(manifest.mergedFrom, ['../s1']);
    assert.deepEqual(
      manifest.runs.map((run: { runId: string }) => run.runId),
      ['r001', 'r003'],
    );
  });

  test('--partial with every shard present gives a complete folder', async () => {
    const outcome = await cli(['merge', 's2', 's1', '--partial', '--out', 'all'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.deepEqual(readdirSync(join(dir, 'all', 'runs')).sort(), [
      'r001.json',
      'r002.json',
      'r003.json',
      'r004.json',
    ]);
    assert.equal(JSON.parse(read(join(dir, 'all'), 'manifest.json')).complete, true);
  });

  // Plans are compared byte for byte first (a thousand shards' plans are not parsed); these check
  // the two other paths: the same plan written differently, and a corrupt plan past the first folder.
  test('a shard whose plan is the same but written differently (re-indented) still merges', async () => {
    cpSync(join(dir, 's2'), join(dir, 's2-reindented'), { recursive: true });
    const plan = join(dir, 's2-reindented', 'config.resolved.json');
    writeFileSync(plan, JSON.stringify(JSON.parse(readFileSync(plan, 'utf8'))));
    const outcome = await cli(['merge', 's1', 's2-reindented', '--out', 'reindented'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(read(join(dir, 'reindented'), 'config.resolved.json'), read(join(dir, 's1'), 'config.resolved.json'));
  });

  test('a corrupt plan in a later folder is named, exit 2, nothing written', async () => {
    cpSync(join(dir, 's2'), join(dir, 's2-corrupt'), { recursive: true });
    const plan = join(dir, 's2-corrupt', 'config.resolved.json');
    const parsed = JSON.parse(readFileSync(plan, 'utf8'));
    parsed.runs[1].config.model.depth = 0;
    writeFileSync(plan, JSON.stringify(parsed, null, 2));
    const outcome = await cli(['merge', 's1', 's2-corrupt', '--out', 'corrupt'], dir);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /^dead-neurons: .*s2-corrupt\/config\.resolved\.json: run r002: model\.depth: .*\n$/);
    assert.equal(existsSync(join(dir, 'corrupt')), false);
  });
});
