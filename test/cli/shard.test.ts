/**
 * `--shard` and `merge` end to end: `--shard auto` in a Slurm array task's and a Kubernetes indexed
 * Job's environment, and every bad input of sharding (auto outside a scheduler, a shard index out
 * of range, shards of different configs, a shard folder missing or left out) refused in one line
 * with exit 2 and nothing written.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Four runs, each a pack of its own (two families, two depths), no training: shard i of 2 holds runs i and i + 2. */
const SWEEP = {
  ...TINY_CONFIG,
  training: { ...TINY_CONFIG.training, epochs: 0 },
  sweep: { 'model.activation': ['relu', 'tanh'], 'model.depth': [3, 4] },
};

/** The variables Slurm gives task `id` of `--array=0-1` (min 0, max 1, step 1, count 2). */
const slurmTask = (id: number) => ({
  SLURM_JOB_ID: String(10 + id),
  SLURM_ARRAY_JOB_ID: '10',
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: '0',
  SLURM_ARRAY_TASK_MAX: '1',
  SLURM_ARRAY_TASK_STEP: '1',
  SLURM_ARRAY_TASK_COUNT: '2',
});

describe('--shard auto', () => {
  const dir = workspace({ 'sweep.json': JSON.stringify(SWEEP) });

  test('in Slurm tasks 0 and 1 of --array=0-1: shards 1/2 and 2/2, merged equal to --shard i/n merged', async () => {
    for (const id of [0, 1]) {
      const outcome = await cli(
        ['run', 'sweep.json', '--shard', 'auto', '--out', `auto${id}`, '-q', '--jobs', '1'],
        dir,
        { env: slurmTask(id) },
      );
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.deepEqual(JSON.parse(read(join(dir, `auto${id}`), 'manifest.json')).shard, { index: id + 1, count: 2 });
    }
    assert.deepEqual(readdirSync(join(dir, 'auto0/runs')), ['r001.json', 'r003.json']);
    assert.deepEqual(readdirSync(join(dir, 'auto1/runs')), ['r002.json', 'r004.json']);
    for (const shard of ['1/2', '2/2']) {
      assert.equal(
        (await cli(['run', 'sweep.json', '--shard', shard, '--out', `fixed${shard[0]}`, '-q', '--jobs', '1'], dir))
          .code,
        0,
      );
    }
    assert.equal((await cli(['merge', 'auto0', 'auto1', '--out', 'auto-merged'], dir)).code, 0);
    assert.equal((await cli(['merge', 'fixed1', 'fixed2', '--out', 'fixed-merged'], dir)).code, 0);
    for (const file of ['metrics.csv', 'epochs.csv', 'summary.csv', 'config.resolved.json']) {
      assert.equal(read(join(dir, 'auto-merged'), file), read(join(dir, 'fixed-merged'), file), file);
    }
  });

  test('in a Kubernetes indexed Job: JOB_COMPLETION_INDEX=1 with auto/2 is shard 2/2', async () => {
    const outcome = await cli(['run', 'sweep.json', '--shard', 'auto/2', '--out', 'k8s', '-q', '--jobs', '1'], dir, {
      env: { JOB_COMPLETION_INDEX: '1' },
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.deepEqual(JSON.parse(read(join(dir, 'k8s'), 'manifest.json')).shard, { index: 2, count: 2 });
    assert.deepEqual(readdirSync(join(dir, 'k8s/runs')), ['r002.json', 'r004.json']);
  });
});

describe('bad shard input: one line, exit 2, nothing written', () => {
  const dir = workspace({
    'sweep.json': JSON.stringify(SWEEP),
    // One field different, the sweep the same: same run ids, different plan.
    'other.json': JSON.stringify({ ...SWEEP, seed: 9 }),
  });

  before(async () => {
    for (const [config, shard, out] of [
      ['sweep.json', '1/2', 's1'],
      ['sweep.json', '2/2', 's2'],
      ['other.json', '2/2', 'o2'],
    ]) {
      const outcome = await cli(['run', config, '--shard', shard, '--out', out, '-q', '--jobs', '1'], dir);
      assert.equal(outcome.code, 0, outcome.stderr);
    }
  });

  const cases: [string, string[], Record<string, string>, string][] = [
    [
      '--shard auto outside a scheduler',
      ['run', 'sweep.json', '--shard', 'auto', '--out', 'out'],
      {},
      '--shard: auto: found no array task in the environment (looked for SLURM_ARRAY_TASK_ID of a Slurm array and JOB_COMPLETION_INDEX of a Kubernetes indexed Job); outside a scheduler give i/n',
    ],
    [
      '--shard auto in a Slurm job that is not an array',
      ['run', 'sweep.json', '--shard', 'auto', '--out', 'out'],
      { SLURM_JOB_ID: '7' },
      '--shard: auto: this Slurm job (SLURM_JOB_ID=7) is not an array task (no SLURM_ARRAY_TASK_ID); submit it with sbatch --array=1-N, or give i/n',
    ],
    [
      '--shard 0/4',
      ['run', 'sweep.json', '--shard', '0/4', '--out', 'out'],
      {},
      '--shard: shard index must be between 1 and 4, got "0/4"',
    ],
    [
      '--shard 5/4',
      ['run', 'sweep.json', '--shard', '5/4', '--out', 'out'],
      {},
      '--shard: shard index must be between 1 and 4, got "5/4"',
    ],
    [
      'shards of different configs given to merge',
      ['merge', 's1', 'o2', '--out', 'out'],
      {},
      'o2: planned from a different config than s1 (compare their config.resolved.json)',
    ],
    [
      'a shard folder missing',
      ['merge', 's1', 's2', 's3', '--out', 'out'],
      {},
      's3: not a dead-neurons results folder (no config.resolved.json)',
    ],
    [
      'a shard left out',
      ['merge', 's1', '--out', 'out'],
      {},
      '2 of 4 runs missing (r002, r004); add their shards, or --partial',
    ],
  ];
  for (const [name, args, env, message] of cases) {
    test(name, async () => {
      const outcome = await cli(args, dir, { env });
      assert.equal(outcome.stderr, `dead-neurons: ${message}\n`);
      assert.equal(outcome.code, 2);
      assert.equal(outcome.stdout, '');
      assert.equal(existsSync(join(dir, 'out')), false);
    });
  }
});
