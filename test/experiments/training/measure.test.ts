/**
 * The packed measurement against plain loops: on seeded random networks of every activation
 * family, packed several runs at a time, the probe counts equal a plain count of z > 0 over the
 * probe rows' pre-activations (computed here from the runs' initial weights with plain arrays), and
 * the losses and accuracies equal plain float64 ones. For relu and leaky_relu the training split has
 * more rows than an evaluation chunk, so probe rows and scores come from two chunks.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import type { Dataset } from '../../../src/experiments/datasets/types.js';
import { createRng } from '../../../src/experiments/rng.js';
import { measurePack } from '../../../src/experiments/training/measure.js';
import { EVAL_CHUNK, measurementLayout } from '../../../src/experiments/training/measurement-layout.js';
import { closePack, openPack } from '../../../src/experiments/training/pack.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import { isCollapsed, layerMetrics, overallDeadFraction, positiveCounts } from '../../../src/metrics/dead-units.js';
import { referenceForward, referenceLayers, referenceScores, rowsOf } from '../../helpers/reference-network.js';
import { assertClose, assertNoLeakedTensors, TEST_BACKENDS } from '../../helpers/tensors.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

/** 6,000 spiral points: 4,800 training rows, more than one evaluation chunk. */
const CHUNKED = { kind: 'spirals', samples: 6000 } as const;
const PROBES = 1000;

/**
 * Three runs of one family that differ in seed, alpha (where it has one) and initialiser; biases of
 * RAI or -0.1 kill some units. The first run of the leaky family is relu.
 */
function familyPack(
  activation: RunConfig['model']['activation'],
  alphas: (number | undefined)[],
  samples = 1500,
): RunConfig[] {
  return alphas.map((alpha, r) =>
    tinyRunConfig({
      seed: 11 + r,
      dataset: { kind: 'spirals', samples },
      model: {
        depth: 4,
        width: 7,
        ...(r === 0 && activation === 'leaky_relu' ? { activation: 'relu' } : { activation, alpha }),
        ...(r === 1 ? { init: 'rai' } : { biasInit: -0.1 }),
      },
      // One step for epoch 0's gradient measurement over the probe rows.
      training: { epochs: 0, batchSize: PROBES },
      metrics: { probeSize: PROBES },
    }),
  );
}

const PACKS: [string, RunConfig[]][] = [
  ['relu and leaky_relu', familyPack('leaky_relu', [undefined, 0.3, 0.01], CHUNKED.samples)],
  ['prelu', familyPack('prelu', [0.25, 0.1, 0.5])],
  ['elu', familyPack('elu', [1, 0.5, 2])],
  ['selu', familyPack('selu', [undefined, undefined, undefined])],
  ['gelu', familyPack('gelu', [undefined, undefined, undefined])],
  ['silu', familyPack('silu', [undefined, undefined, undefined])],
  ['tanh', familyPack('tanh', [undefined, undefined, undefined])],
];

/** What the plain loops give for one run: probe counts per layer, and train and test scores. */
function reference(config: RunConfig, dataset: Dataset) {
  const layers = referenceLayers(config, dataset.inputDim, dataset.outputDim);
  const probeRows = createRng(config.seed, 'probe').permutation(dataset.train.n).slice(0, PROBES);
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  const train = referenceForward(layers, config.model, rowsOf(dataset.train.x, dataset.inputDim, all(dataset.train.n)));
  const test = referenceForward(layers, config.model, rowsOf(dataset.test.x, dataset.inputDim, all(dataset.test.n)));
  return {
    counts: train.z.map((z) => positiveCounts(Array.from(probeRows, (row) => z[row]))),
    train: referenceScores(train.output, dataset.train.y),
    test: referenceScores(test.output, dataset.test.y),
  };
}

test('the data spans two evaluation chunks, probe rows in both', () => {
  const dataset = loadDataset(PACKS[0][1][0].dataset, 11, '.');
  const layout = measurementLayout({ runs: 3, depth: 4, width: 7, n: dataset.train.n, nTest: dataset.test.n });
  assert.equal(dataset.train.n, 4800);
  assert.deepEqual(
    layout.chunks.map((chunk) => [chunk.start, chunk.probed]),
    [
      [0, true],
      [EVAL_CHUNK, true],
    ],
  );
  const probeRows = createRng(11, 'probe').permutation(dataset.train.n).slice(0, PROBES);
  assert.ok(probeRows.some((row) => row < EVAL_CHUNK) && probeRows.some((row) => row >= EVAL_CHUNK));
});

// Every family on wasm (the faster of the two here), the leaky family on cpu too.
for (const backend of TEST_BACKENDS) {
  describe(`measurePack on ${backend}`, () => {
    before(() => useBackend(backend));

    for (const [name, configs] of backend === 'wasm' ? PACKS : PACKS.slice(0, 1)) {
      test(`${name}: probe counts equal the plain count of z > 0, scores the plain float64 ones, run by run`, async () => {
        const members = configs.map((config) => ({ config, dataset: loadDataset(config.dataset, config.seed, '.') }));
        const measured = await assertNoLeakedTensors(() => {
          const pack = openPack(members);
          const sums = tf.zeros<tf.Rank.R2>([4, members.length]);
          try {
            return measurePack(pack, { sums, steps: 1 });
          } finally {
            sums.dispose();
            closePack(pack);
          }
        });
        const allCounts: number[] = [];
        members.forEach(({ config, dataset }, r) => {
          const expected = reference(config, dataset);
          assert.deepEqual(measured[r].counts, expected.counts, `run ${r} counts`);
          allCounts.push(...expected.counts.flat());
          assertClose(
            [measured[r].loss, measured[r].test!.loss],
            [expected.train.loss, expected.test.loss],
            1e-5,
            `run ${r} losses`,
          );
          assert.deepEqual(
            [measured[r].accuracy, measured[r].test!.accuracy],
            [expected.train.accuracy, expected.test.accuracy],
            `run ${r} accuracies`,
          );
        });
        // Not vacuous: units dead on the probe set, and units neither always on nor always off.
        assert.ok(allCounts.includes(0), 'a dead unit');
        assert.ok(
          allCounts.some((count) => count > 0 && count < PROBES),
          'a unit that is sometimes on',
        );
      });
    }
  });
}

describe('epoch 0 through trainPack', () => {
  before(() => useBackend('wasm'));

  test('each layer record holds the dead-unit metrics of the plain counts', async () => {
    const configs = PACKS[0][1];
    const members = configs.map((config) => ({ config, dataset: loadDataset(config.dataset, config.seed, '.') }));
    const outcomes = await trainPack(members);
    members.forEach(({ config, dataset }, r) => {
      const [record] = outcomes[r].epochs;
      const metrics = reference(config, dataset).counts.map((counts) =>
        layerMetrics(counts, PROBES, config.metrics.nearDeadThreshold),
      );
      assert.deepEqual(
        record.layers.map(({ gradNorm: _norm, ...layer }) => layer),
        metrics.map(({ deadMask: _mask, ...layer }, index) => ({ layer: index + 1, ...layer })),
      );
      assert.equal(record.deadFraction, overallDeadFraction(metrics));
      assert.equal(record.collapsed, isCollapsed(metrics));
    });
  });

  test('zero kernels with a negative bias leave every layer 100% dead and the network collapsed', async () => {
    for (const activation of ['relu', 'tanh'] as const) {
      const config = tinyRunConfig({ model: { depth: 4, width: 7, activation }, training: { epochs: 0 } });
      const dataset = loadDataset(config.dataset, config.seed, '.');
      const initial = referenceLayers(config, dataset.inputDim, dataset.outputDim).map(({ kernel, bias }) => ({
        kernel: new Float32Array(kernel.length),
        bias: new Float32Array(bias.length).fill(-1),
      }));
      const [{ epochs }] = await trainPack([{ config, dataset, initial }]);
      assert.deepEqual(
        epochs[0].layers.map((layer) => layer.deadFraction),
        [1, 1, 1, 1],
        activation,
      );
      assert.equal(epochs[0].collapsed, true, activation);
      assert.equal(epochs[0].deadFraction, 1, activation);
    }
  });
});
