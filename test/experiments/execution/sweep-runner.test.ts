import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { buildRawExperiment } from '../../../src/experiments/config/load.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { runSweep } from '../../../src/experiments/execution/sweep-runner.js';
import { parseShard, inShard } from '../../../src/experiments/sweep/shard.js';

test('tensor count stays flat across the epochs and runs of a sweep', async () => {
  await useBackend('cpu');
  const plan = planRuns(
    buildRawExperiment(
      {
        backend: 'cpu',
        dataset: { kind: 'moons', samples: 100 },
        model: { depth: 3, width: 5 },
        training: { epochs: 4, batchSize: 25 },
        sweep: { 'model.activation': ['relu', 'prelu', 'elu'], seed: [1, 2] },
      },
      'c.json',
    ),
  );
  const before = tf.memory().numTensors;
  const afterRun: number[] = [];
  const duringEpochs = new Map<string, number[]>();
  await runSweep(plan, {
    baseDir: '.',
    onEpoch: (run, record) => {
      if (record.epoch >= 1)
        duringEpochs.set(run.runId, [...(duringEpochs.get(run.runId) ?? []), tf.memory().numTensors]);
    },
    onRunDone: () => afterRun.push(tf.memory().numTensors),
  });
  assert.deepEqual(
    afterRun,
    plan.map(() => before),
  );
  for (const [runId, counts] of duringEpochs)
    assert.ok(
      counts.every((count) => count === counts[0]),
      `${runId}: ${counts.join(',')}`,
    );
});

test('shards: every run in exactly one, round-robin', () => {
  const runs = Array.from({ length: 10 }, (_, index) => ({ index }));
  const shards = [1, 2, 3].map((index) => inShard(runs, { index, count: 3 }).map((run) => run.index));
  assert.deepEqual(shards, [
    [0, 3, 6, 9],
    [1, 4, 7],
    [2, 5, 8],
  ]);
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  assert.equal(parseShard('0/4'), 'shard index must be between 1 and 4, got "0/4"');
  assert.equal(parseShard('2-4'), 'expected i/n, e.g. --shard 2/4, got "2-4"');
});
