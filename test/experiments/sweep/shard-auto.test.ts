/**
 * `--shard auto`: the shard each scheduler's environment stands for. The Slurm environments are
 * the variables Slurm 22.05 gave array tasks on this project's test cluster (test/helpers/slurm.ts)
 * for `--array=0-3`, `1-4`, `0-6:3` and `1,3,7`, copied from the tasks' output.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveShard, shardFromEnvironment } from '../../../src/experiments/sweep/shard-auto.js';

/** What Slurm sets in every task of an array: the task's id, and the array's min, max, step and count. */
const slurm = (id: number, min: number, max: number, step: number, count: number) => ({
  SLURM_JOB_ID: String(100 + id),
  SLURM_ARRAY_JOB_ID: '99',
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: String(min),
  SLURM_ARRAY_TASK_MAX: String(max),
  SLURM_ARRAY_TASK_STEP: String(step),
  SLURM_ARRAY_TASK_COUNT: String(count),
});

const NONE_FOUND =
  'auto: found no array task in the environment (looked for SLURM_ARRAY_TASK_ID of a Slurm array and JOB_COMPLETION_INDEX of a Kubernetes indexed Job); outside a scheduler give i/n';

test('Slurm --array=0-3 and --array=1-4 both make shards 1..4 of 4', () => {
  assert.deepEqual(
    [0, 1, 2, 3].map((id) => shardFromEnvironment(slurm(id, 0, 3, 1, 4))),
    [1, 2, 3, 4].map((index) => ({ index, count: 4 })),
  );
  assert.deepEqual(
    [1, 2, 3, 4].map((id) => shardFromEnvironment(slurm(id, 1, 4, 1, 4))),
    [1, 2, 3, 4].map((index) => ({ index, count: 4 })),
  );
});

test('Slurm --array=0-15 and 1-16: the first and last task', () => {
  assert.deepEqual(shardFromEnvironment(slurm(0, 0, 15, 1, 16)), { index: 1, count: 16 });
  assert.deepEqual(shardFromEnvironment(slurm(15, 0, 15, 1, 16)), { index: 16, count: 16 });
  assert.deepEqual(shardFromEnvironment(slurm(16, 1, 16, 1, 16)), { index: 16, count: 16 });
});

test('Slurm with a step: --array=0-6:3 is tasks 0, 3, 6, shards 1..3 of 3', () => {
  assert.deepEqual(
    [0, 3, 6].map((id) => shardFromEnvironment(slurm(id, 0, 6, 3, 3))),
    [1, 2, 3].map((index) => ({ index, count: 3 })),
  );
});

test('Slurm without one of min or count: each follows from the others; without both it is refused', () => {
  const { SLURM_ARRAY_TASK_COUNT: _count, ...noCount } = slurm(4, 4, 10, 2, 4);
  assert.deepEqual(shardFromEnvironment(noCount), { index: 1, count: 4 });
  const { SLURM_ARRAY_TASK_MIN: _min, ...noMin } = slurm(8, 4, 10, 2, 4);
  assert.deepEqual(shardFromEnvironment(noMin), { index: 3, count: 4 });
  assert.equal(
    shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' }),
    "auto: SLURM_ARRAY_TASK_ID=3 without the array's extent (needs SLURM_ARRAY_TASK_MIN with _MAX or _COUNT); give i/n",
  );
});

test('Slurm --array=1,3,7 (not evenly spaced) is refused: its variables cannot place a task', () => {
  assert.equal(
    shardFromEnvironment(slurm(3, 1, 7, 1, 3)),
    'auto: the Slurm array is not an evenly spaced range (SLURM_ARRAY_TASK_ID=3, _MIN=1, _MAX=7, _STEP=1, _COUNT=3); submit it as --array=A-B or A-B:S, or give i/n',
  );
  // The first task of such a list would fit a range; its siblings would not, so it is refused too.
  assert.match(shardFromEnvironment(slurm(1, 1, 7, 1, 3)) as string, /not an evenly spaced range/);
});

test("Slurm with auto/N: N must be the array's task count", () => {
  assert.deepEqual(resolveShard('auto/16', slurm(2, 1, 16, 1, 16)), { index: 2, count: 16 });
  assert.equal(
    resolveShard('auto/8', slurm(2, 1, 16, 1, 16)),
    'auto/8: the Slurm array has 16 tasks (SLURM_ARRAY_TASK_COUNT); give auto or auto/16',
  );
});

test('a Slurm job that is not an array task is named as such', () => {
  assert.equal(
    shardFromEnvironment({ SLURM_JOB_ID: '42' }),
    'auto: this Slurm job (SLURM_JOB_ID=42) is not an array task (no SLURM_ARRAY_TASK_ID); submit it with sbatch --array=1-N, or give i/n',
  );
});

test('Kubernetes indexed Job: JOB_COMPLETION_INDEX is 0-based, the count from auto/N or DEAD_NEURONS_SHARD_COUNT', () => {
  assert.deepEqual(resolveShard('auto/4', { JOB_COMPLETION_INDEX: '0' }), { index: 1, count: 4 });
  assert.deepEqual(resolveShard('auto/4', { JOB_COMPLETION_INDEX: '3' }), { index: 4, count: 4 });
  assert.deepEqual(resolveShard('auto', { JOB_COMPLETION_INDEX: '2', DEAD_NEURONS_SHARD_COUNT: '5' }), {
    index: 3,
    count: 5,
  });
  assert.deepEqual(resolveShard('auto/5', { JOB_COMPLETION_INDEX: '2', DEAD_NEURONS_SHARD_COUNT: '5' }), {
    index: 3,
    count: 5,
  });
});

test('Kubernetes: no count, an index past it, or two counts that disagree are refused', () => {
  assert.equal(
    resolveShard('auto', { JOB_COMPLETION_INDEX: '2' }),
    "auto: JOB_COMPLETION_INDEX=2 (a Kubernetes indexed Job) gives no task count; use auto/N with N the Job's completions, or set DEAD_NEURONS_SHARD_COUNT",
  );
  assert.equal(
    resolveShard('auto/4', { JOB_COMPLETION_INDEX: '4' }),
    'auto: JOB_COMPLETION_INDEX=4 is not below the task count 4',
  );
  assert.equal(
    resolveShard('auto/4', { JOB_COMPLETION_INDEX: '1', DEAD_NEURONS_SHARD_COUNT: '8' }),
    'auto/4 disagrees with DEAD_NEURONS_SHARD_COUNT=8',
  );
  assert.equal(
    resolveShard('auto', { JOB_COMPLETION_INDEX: 'x', DEAD_NEURONS_SHARD_COUNT: '8' }),
    'auto: JOB_COMPLETION_INDEX must be a whole number, got "x"',
  );
  assert.equal(
    resolveShard('auto', { JOB_COMPLETION_INDEX: '1', DEAD_NEURONS_SHARD_COUNT: '0' }),
    'auto: DEAD_NEURONS_SHARD_COUNT must be a whole number >= 1, got "0"',
  );
});

test('Slurm wins over an index variable a pod template might also set', () => {
  assert.deepEqual(
    shardFromEnvironment({ ...slurm(1, 0, 1, 1, 2), JOB_COMPLETION_INDEX: '0', DEAD_NEURONS_SHARD_COUNT: '2' }),
    { index: 2, count: 2 },
  );
});

test('no scheduler: one line naming what was looked for', () => {
  assert.equal(resolveShard('auto', {}), NONE_FOUND);
  assert.equal(resolveShard('auto/4', { HOME: '/root' }), NONE_FOUND);
});

test('i/n still parses as before; auto/N needs N >= 1', () => {
  assert.deepEqual(resolveShard('2/4', {}), { index: 2, count: 4 });
  assert.equal(resolveShard('0/4', {}), 'shard index must be between 1 and 4, got "0/4"');
  assert.equal(
    resolveShard('auto/0', { JOB_COMPLETION_INDEX: '0' }),
    'auto/N needs a whole number N >= 1 (the number of array tasks), got "auto/0"',
  );
  assert.equal(
    resolveShard('auto/x', {}),
    'auto/N needs a whole number N >= 1 (the number of array tasks), got "auto/x"',
  );
  assert.equal(resolveShard('autox', {}), 'expected i/n, e.g. --shard 2/4, got "autox"');
});

test('non-numeric Slurm variables are named', () => {
  assert.equal(
    shardFromEnvironment({ ...slurm(1, 1, 4, 1, 4), SLURM_ARRAY_TASK_STEP: '2x' }),
    'auto: SLURM_ARRAY_TASK_STEP must be a whole number, got "2x"',
  );
});
