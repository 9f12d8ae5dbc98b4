/**
 * Keras models converted by the real tensorflowjs_converter (test/fixtures/keras-model/, made by
 * scripts/fixtures/keras-model.sh): Keras 3 (.keras, keras_keras) and Keras 2 (tf_keras, HDF5),
 * functional and Sequential. inspect's per-unit counts equal what Keras itself computed on the same
 * probe rows, and the loaded model predicts what Keras predicted.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/experiments/backend/load.js';
import { buildModel, readModelFiles } from '../../src/inspect/load-model.js';
import type { DeadUnitsReport } from '../../src/inspect/measure.js';
import { cli } from '../helpers/cli.js';

const FIXTURES = 'test/fixtures/keras-model';
const ROOT = new URL('../..', import.meta.url).pathname;

interface Expected {
  versions: Record<string, string>;
  positive_counts: Record<string, number[]>;
  predictions_first_row: number[];
}

const VARIANTS = [
  { dir: 'keras3', probe: 'probe.csv', layers: ['conv', 'dense_a', 'dense_b', 'dense_c'], shape: [6, 6, 2] },
  { dir: 'keras2', probe: 'probe.csv', layers: ['conv', 'dense_a', 'dense_b', 'dense_c'], shape: [6, 6, 2] },
  { dir: 'keras3-sequential', probe: 'probe-sequential.csv', layers: ['dense1', 'dense2'], shape: [5] },
  { dir: 'keras2-sequential', probe: 'probe-sequential.csv', layers: ['dense1', 'dense2'], shape: [5] },
];

for (const variant of VARIANTS) {
  const expected = JSON.parse(readFileSync(join(ROOT, FIXTURES, variant.dir, 'expected.json'), 'utf8')) as Expected;
  const made = `Keras ${expected.versions.keras ?? `(tf_keras) ${expected.versions.tf_keras}`}, tensorflowjs ${expected.versions.tensorflowjs}`;

  test(`${variant.dir} (${made}): inspect counts what Keras counts`, async () => {
    const model = join(FIXTURES, variant.dir, 'model.json');
    const { code, stdout, stderr } = await cli(
      ['inspect', model, '--data', join(FIXTURES, variant.probe), '--format', 'json', '--backend', 'cpu'],
      ROOT,
    );
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as DeadUnitsReport;
    assert.equal(report.probeRows, 64);
    assert.deepEqual(
      report.layers.map((layer) => layer.layer),
      variant.layers,
    );
    for (const layer of report.layers)
      assert.deepEqual(layer.positiveRows, expected.positive_counts[layer.layer], layer.layer);
  });

  test(`${variant.dir}: the loaded model predicts what Keras predicted`, async () => {
    await useBackend('cpu');
    const model = await buildModel(readModelFiles(join(ROOT, FIXTURES, variant.dir, 'model.json'), variant.dir));
    const firstRow = readFileSync(join(ROOT, FIXTURES, variant.probe), 'utf8')
      .split('\n')[1]
      .split(',')
      .map(Number);
    const prediction = tf.tidy(() =>
      (model.predict(tf.tensor(firstRow, [1, ...variant.shape])) as tf.Tensor).dataSync(),
    );
    expected.predictions_first_row.forEach((value, i) =>
      assert.ok(Math.abs(prediction[i] - value) < 1e-5, `output ${i}: ${prediction[i]} vs ${value}`),
    );
    model.dispose();
  });
}
