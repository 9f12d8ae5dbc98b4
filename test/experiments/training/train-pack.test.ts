import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { probeBackends, useBackend } from '../../../src/experiments/backend/load.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import type { TrainOutcome } from '../../../src/experiments/training/outcome.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import type { EpochRecord } from '../../../src/experiments/types.js';
import { assertNoLeakedTensors, TEST_BACKENDS } from '../../helpers/tensors.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

/** Data, network, training and disposal of one run trained alone (a pack of one). */
async function trainRun(
  config: RunConfig,
  hooks: { onEpoch?: (record: EpochRecord) => void; signal?: AbortSignal } = {},
): Promise<TrainOutcome> {
  const dataset = loadDataset(config.dataset, config.seed, '.');
  const [outcome] = await trainPack([{ config, dataset }], {
    onEpoch: (_, record) => hooks.onEpoch?.(record),
    signal: hooks.signal,
  });
  return outcome;
}

// Plain SGD with a step of 1e6 on a regression target overflows to NaN in the first epoch.
const DIVERGING = tinyRunConfig({
  dataset: { kind: 'teacher', samples: 200 },
  training: { optimizer: 'sgd', learningRate: 1e6 },
});

test('records epoch 0 (initialisation) and every trained epoch', async () => {
  const { epochs, divergedAtEpoch } = await trainRun(tinyRunConfig());
  assert.equal(divergedAtEpoch, null);
  assert.deepEqual(
    epochs.map((record) => record.epoch),
    [0, 1, 2, 3],
  );
  assert.ok(epochs[0].layers.every((layer) => layer.revived === 0 && layer.newlyDead === 0));
  assert.deepEqual(
    epochs[0].layers.map((layer) => layer.layer),
    [1, 2, 3],
  );
  assert.ok(epochs.every((record) => record.layers.every((layer) => layer.units === 8 && layer.gradNorm > 0)));
  const [measureOnly] = (await trainRun(tinyRunConfig({ training: { epochs: 0 } }))).epochs;
  assert.deepEqual(measureOnly, epochs[0]);
});

test('the same config trains to identical records', async () => {
  const config = tinyRunConfig({ seed: 4 });
  assert.deepEqual(await trainRun(config), await trainRun(config));
});

test('tensor count is flat from epoch 1 on and back to its start after dispose', async () => {
  const counts: number[] = [];
  await assertNoLeakedTensors(() => trainRun(tinyRunConfig(), { onEpoch: () => counts.push(tf.memory().numTensors) }));
  assert.equal(counts.length, 4);
  // Epoch 0 comes before the optimizer creates its slots, so it may count fewer.
  assert.deepEqual(counts.slice(1), [counts[1], counts[1], counts[1]]);
});

test('a NaN loss marks the run diverged and stops training at that epoch', async () => {
  const { epochs, divergedAtEpoch } = await assertNoLeakedTensors(() => trainRun(DIVERGING));
  assert.notEqual(divergedAtEpoch, null);
  assert.equal(epochs.length, divergedAtEpoch! + 1);
  assert.ok(!Number.isFinite(epochs[divergedAtEpoch!].loss));
  assert.ok(epochs.slice(0, -1).every((record) => Number.isFinite(record.loss)));
});

test('a diverged epoch does not report its NaN units as dead', async () => {
  const { epochs } = await trainRun(DIVERGING);
  const diverged = epochs[epochs.length - 1];
  assert.equal(diverged.collapsed, false);
  assert.ok(!(diverged.deadFraction > 0), `deadFraction ${diverged.deadFraction}`);
});

test('an abort between epochs throws the reason and leaves no tensors behind', async () => {
  const controller = new AbortController();
  const reason = new Error('stop');
  await assertNoLeakedTensors(() =>
    assert.rejects(
      trainRun(tinyRunConfig(), {
        signal: controller.signal,
        onEpoch: (r) => r.epoch === 1 && controller.abort(reason),
      }),
      reason,
    ),
  );
});

test('an abort inside a long epoch stops it within a second, leaving no tensors behind', async () => {
  // One epoch of 20,000 examples in batches of 1 takes many seconds on the cpu backend.
  const long = tinyRunConfig({ dataset: { kind: 'spirals', samples: 25_000 }, training: { epochs: 1, batchSize: 1 } });
  const controller = new AbortController();
  const reason = new Error('stop');
  let abortedAt = 0;
  await assertNoLeakedTensors(async () => {
    const training = trainRun(long, {
      signal: controller.signal,
      // Epoch 0 is the measurement at initialisation; abort once the first real epoch is under way.
      onEpoch: () => void setTimeout(() => ((abortedAt = performance.now()), controller.abort(reason)), 300),
    });
    await assert.rejects(training, reason);
  });
  assert.ok(abortedAt > 0, 'the abort fired during the epoch');
  assert.ok(
    performance.now() - abortedAt < 1000,
    `stopped ${(performance.now() - abortedAt).toFixed(0)} ms after the abort`,
  );
});

test('wasm and cpu give the same dead-unit counts and losses within 1e-4', async () => {
  const config = tinyRunConfig();
  const cpu = await trainRun(config);
  await useBackend('wasm');
  try {
    const wasm = await trainRun(config);
    assert.equal(wasm.epochs.length, cpu.epochs.length);
    cpu.epochs.forEach((expected, epoch) => {
      const actual = wasm.epochs[epoch];
      const counts = (record: typeof expected) =>
        record.layers.map(({ deadUnits, nearDeadUnits, activeRate, revived, newlyDead }) => [
          deadUnits,
          nearDeadUnits,
          activeRate,
          revived,
          newlyDead,
        ]);
      assert.deepEqual(counts(actual), counts(expected), `epoch ${epoch}`);
      for (const key of ['loss', 'testLoss'] as const) {
        assert.ok(
          Math.abs(actual[key]! - expected[key]!) < 1e-4,
          `epoch ${epoch} ${key}: ${actual[key]} vs ${expected[key]}`,
        );
      }
    });
  } finally {
    await useBackend('cpu');
  }
});

test('elu with alpha 0.5 trains', async () => {
  const { epochs } = await trainRun(tinyRunConfig({ model: { activation: 'elu', alpha: 0.5 } }));
  assert.equal(epochs.length, 4);
});

test('every activation trains at depth 1 and 2, where a layer-first group holds a single layer', async () => {
  for (const activation of ['relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'gelu', 'silu', 'tanh'] as const) {
    for (const depth of [1, 2]) {
      const { epochs, divergedAtEpoch } = await assertNoLeakedTensors(() =>
        trainRun(tinyRunConfig({ model: { activation, depth }, training: { epochs: 1 } })),
      );
      assert.deepEqual(
        [epochs.length, divergedAtEpoch, epochs[1].layers.length],
        [2, null, depth],
        `${activation} at depth ${depth}`,
      );
      assert.ok(
        epochs[1].layers.every((layer) => layer.gradNorm > 0),
        `${activation} at depth ${depth}: every layer has a gradient`,
      );
    }
  }
});

/** Runs of one shape that differ in seed, activation (relu and leaky_relu share a pack), alpha and learning rate. */
const PACKED = [
  tinyRunConfig({ seed: 1 }),
  tinyRunConfig({ seed: 2, model: { activation: 'leaky_relu', alpha: 0.3 } }),
  tinyRunConfig({ seed: 3, training: { learningRate: 0.05 } }),
  tinyRunConfig({ seed: 4, model: { activation: 'leaky_relu', alpha: 0.01 } }),
];
const members = (configs: readonly RunConfig[]) =>
  configs.map((config) => ({ config, dataset: loadDataset(config.dataset, config.seed, '.') }));

test('a run that diverges in a pack is recorded as alone and leaves the other runs exactly as without it', async () => {
  // Native too where it loads (CI provisions it): its kernels work run by run as well.
  const native =
    (await probeBackends()).find((probe) => probe.name === 'tensorflow')?.loads ||
    process.env.DEAD_NEURONS_REQUIRE_NATIVE === '1';
  for (const backend of [...TEST_BACKENDS, ...(native ? (['tensorflow'] as const) : [])]) {
    await useBackend(backend);
    try {
      const exploding = tinyRunConfig({ seed: 5, training: { learningRate: 1e9 } });
      const withIt = await assertNoLeakedTensors(() =>
        trainPack(members([...PACKED.slice(0, 2), exploding, ...PACKED.slice(2)])),
      );
      const without = await trainPack(members(PACKED));
      assert.notEqual(withIt[2].divergedAtEpoch, null, `${backend}: the learning rate of 1e9 diverges`);
      assert.deepEqual([...withIt.slice(0, 2), ...withIt.slice(3)], without, backend);
      assert.ok(without.every((outcome) => outcome.divergedAtEpoch === null));
    } finally {
      await useBackend('cpu');
    }
  }
});

// Not on the native backend: there a pack of one multiplies by another code path than a pack of
// several, and the last bits differ; packs are recorded so that reproduce and resume re-form them.
test('on cpu and wasm a run trains to the same numbers alone and in a pack', async () => {
  for (const backend of TEST_BACKENDS) {
    await useBackend(backend);
    try {
      const packed = await trainPack(members(PACKED));
      for (const [r, config] of PACKED.entries())
        assert.deepEqual(packed[r], await trainRun(config), `${backend} run ${r}`);
    } finally {
      await useBackend('cpu');
    }
  }
});

test('a relu run whose first layer is dead stays dead in every layer and epoch, in a pack with leaky runs', async () => {
  // Layer 1 is off on every input (kernels of 0.1 on inputs of order 1, bias -10), so for the
  // relu run layers 2 and 3, with zero biases, see z = 0 exactly and must never get a gradient
  // (a slope mask of z >= 0 instead of z > 0 would let it through and bring units to life).
  const training = { learningRate: 0.05 };
  const data = members([
    tinyRunConfig({ seed: 1, training }),
    tinyRunConfig({ seed: 2, model: { activation: 'leaky_relu', alpha: 0.3 }, training }),
  ]);
  const { inputDim: D, outputDim: C } = data[0].dataset;
  const layer = (fanIn: number, fanOut: number, bias: number) => ({
    kernel: new Float32Array(fanIn * fanOut).fill(0.1),
    bias: new Float32Array(fanOut).fill(bias),
  });
  const initial = [layer(D, 8, -10), layer(8, 8, 0), layer(8, 8, 0), layer(8, C, 0)];
  const [relu] = await trainPack([{ ...data[0], initial }, data[1]]);
  assert.equal(relu.epochs.length, 4);
  for (const record of relu.epochs)
    assert.deepEqual(
      record.layers.map((layer) => layer.deadFraction),
      [1, 1, 1],
      `epoch ${record.epoch}`,
    );
});
