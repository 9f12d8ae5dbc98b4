import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRawExperiment } from '../../../src/experiments/config/load.js';
import {
  assignPacks,
  nextPack,
  packCapacity,
  packsOf,
  planPacks,
  MAX_PACK_RUNS,
} from '../../../src/experiments/sweep/packs.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { inShard } from '../../../src/experiments/sweep/shard.js';
import { TINY_CONFIG } from '../../helpers/cli.js';

const plan = (sweep: Record<string, unknown[]>, extra: Record<string, unknown> = {}) =>
  planPacks(planRuns(buildRawExperiment({ ...TINY_CONFIG, ...extra, sweep }, 'c.json')), '.');

test('runs differing in seed, alpha, learning rate, init and bias init share a pack; relu and leaky_relu too', () => {
  const runs = plan({
    'model.activation': ['relu', 'leaky_relu'],
    'model.alpha': [0.01, 0.3],
    'model.init': ['he_normal', 'rai'],
    'training.learningRate': [0.01, 0.1],
    seed: [1, 2],
  });
  assert.deepEqual(new Set(runs.map((run) => run.pack)), new Set([0]));
});

test('runs differing in a shape, the activation family, the optimizer or the epochs do not', () => {
  for (const sweep of <Record<string, unknown[]>[]>[
    { 'model.depth': [2, 3] },
    { 'model.width': [4, 5] },
    { 'training.batchSize': [16, 32] },
    { 'model.activation': ['relu', 'tanh'] },
    { 'training.optimizer': ['adam', 'sgd'] },
    { 'training.epochs': [1, 2] },
    { 'dataset.samples': [100, 120] },
    { 'metrics.probeSize': [10, 20] },
  ]) {
    assert.deepEqual(
      plan(sweep).map((run) => run.pack),
      [0, 1],
      JSON.stringify(sweep),
    );
  }
});

test('packs are numbered by their first run; shards and lanes take whole packs', () => {
  const runs = plan({ seed: [1, 2], 'model.activation': ['relu', 'tanh', 'leaky_relu'] });
  // seed 1: relu r001, tanh r002, leaky r003; seed 2: relu r004, tanh r005, leaky r006
  assert.deepEqual(
    runs.map((run) => run.pack),
    [0, 1, 0, 0, 1, 0],
  );
  assert.deepEqual(
    packsOf(runs).map((pack) => pack.map((run) => run.runId)),
    [
      ['r001', 'r003', 'r004', 'r006'],
      ['r002', 'r005'],
    ],
  );
  assert.deepEqual(
    inShard(runs, { index: 2, count: 2 }).map((run) => run.runId),
    ['r002', 'r005'],
  );
  const queue = packsOf(runs).flat();
  assert.deepEqual(
    nextPack(queue)?.map((run) => run.runId),
    ['r001', 'r003', 'r004', 'r006'],
  );
  assert.deepEqual(
    nextPack(queue)?.map((run) => run.runId),
    ['r002', 'r005'],
  );
  assert.equal(nextPack(queue), undefined);
});

test('a memory budget caps a pack: a big group splits into packs of near-equal size', () => {
  const mnist = { task: 'classification' as const, inputDim: 784, outputDim: 10, train: 60_000, test: 10_000 };
  const runs = planRuns(
    buildRawExperiment({ ...TINY_CONFIG, model: { depth: 8, width: 256 }, sweep: { seed: [1, 2, 3, 4, 5] } }, 'c.json'),
  );
  assert.equal(packCapacity(runs[0].config, mnist), 1, 'all of MNIST: over 0.5 GiB a run');
  assert.deepEqual(
    assignPacks(runs, () => mnist).map((run) => run.pack),
    [0, 1, 2, 3, 4],
  );
  const part = { ...mnist, train: 16_000, test: 4_000 };
  assert.equal(packCapacity(runs[0].config, part), 2);
  assert.deepEqual(
    assignPacks(runs, () => part).map((run) => run.pack),
    [0, 0, 1, 1, 2],
    'three packs of 2, 2 and 1',
  );
  assert.equal(
    packCapacity(runs[0].config, { ...mnist, inputDim: 2, train: 100, test: 20 }),
    24,
    'width 256: about 42 MiB a run',
  );
  assert.equal(packCapacity(plan({})[0].config, { ...mnist, inputDim: 2, train: 100, test: 20 }), MAX_PACK_RUNS);
});
