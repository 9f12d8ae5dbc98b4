/**
 * measureDeadUnits and `inspect` on a model built and trained with tfjs-layers: per layer, the
 * units with no positive pre-activation on the probe rows are exactly those a plain float64 loop
 * over the weights finds (test/helpers/own-model.ts), on every backend, with no tensor leaked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { probeBackends, useBackend } from '../../src/experiments/backend/load.js';
import { measureDeadUnits, positiveRowsPerUnit, type DeadUnitsReport } from '../../src/inspect/measure.js';
import { cli, workspace } from '../helpers/cli.js';
import {
  buildOwnModel,
  csvOf,
  gaussianRows,
  INPUT_SHAPE,
  referenceCounts,
  saveOwnModel,
  trainOwnModel,
} from '../helpers/own-model.js';
import { assertNoLeakedTensors, TEST_BACKENDS } from '../helpers/tensors.js';

const PROBE = gaussianRows(200, 7);

// Probed before any test is registered: tests start at once, and probing switches backends.
const native = (await probeBackends()).find((probe) => probe.name === 'tensorflow');
const skip =
  native?.loads || process.env.DEAD_NEURONS_REQUIRE_NATIVE === '1'
    ? false
    : `native backend not available: ${native?.reason}`;

/** The report's numbers against the reference counts, field by field. */
function assertMatchesReference(report: DeadUnitsReport, counts: Record<string, number[]>, rows: number): void {
  assert.deepEqual(
    report.layers.map((layer) => layer.layer),
    ['conv', 'hidden', 'mid'],
  );
  for (const layer of report.layers) {
    const expected = counts[layer.layer];
    const dead = expected.flatMap((count, unit) => (count === 0 ? [unit] : []));
    assert.deepEqual(layer.deadUnitIndices, dead, `${layer.layer} dead units`);
    assert.equal(layer.units, expected.length);
    assert.equal(layer.deadUnits, dead.length);
    assert.equal(
      layer.nearDeadUnits,
      expected.filter((count) => count / rows < 0.01).length,
      `${layer.layer} near-dead`,
    );
    assert.equal(
      layer.activeRate,
      expected.reduce((sum, count) => sum + count, 0) / (expected.length * rows),
      `${layer.layer} active rate`,
    );
  }
}

for (const backend of TEST_BACKENDS) {
  test(`measureDeadUnits on ${backend} equals a plain loop over the pre-activations of a trained model`, async () => {
    await useBackend('cpu'); // wasm has no convolution gradients to train with
    const model = buildOwnModel(3);
    await trainOwnModel(model, gaussianRows(64, 1), 3);
    await useBackend(backend);
    const x = tf.tensor(PROBE.flat(), [PROBE.length, ...INPUT_SHAPE]);
    const report = await assertNoLeakedTensors(() => measureDeadUnits(model, x, { batchSize: 64 }));
    const counts = referenceCounts(model, PROBE);
    assertMatchesReference(report, counts, PROBE.length);
    // The bias of -0.5 and training leave some dead and some live units: the check is not vacuous.
    const dead = report.layers.reduce((sum, layer) => sum + layer.deadUnits, 0);
    assert.ok(dead > 0 && dead < 22, `dead units: ${dead}`);
    assert.deepEqual(report.notMeasured, [
      { layer: 'out', kind: 'Dense', reason: 'activation softmax and no rectifier after it' },
    ]);
    tf.dispose(x);
    model.dispose();
  });
}

test('a channel counts a row once when it is positive at any position, whichever axis holds the channels', async () => {
  await useBackend('cpu');
  // [rows 3, channels 2, positions 2] channels-first: channel 0 positive at one position of row 0 only.
  const z = tf.tensor3d([
    [
      [-1, 2],
      [-1, -1],
    ],
    [
      [-3, -1],
      [0, 5],
    ],
    [
      [0, 0],
      [4, 4],
    ],
  ]);
  assert.deepEqual(Array.from(positiveRowsPerUnit(z, 1).dataSync()), [1, 2]);
  assert.deepEqual(Array.from(positiveRowsPerUnit(tf.transpose(z, [0, 2, 1]), 2).dataSync()), [1, 2]);
});

test("inspect reads a model trained on native kernels and saved with model.save('file://...')", { skip }, async () => {
  await useBackend('tensorflow'); // tfjs-node registers the file:// handler
  const dir = workspace({ 'probe.csv': csvOf(PROBE) });
  const model = buildOwnModel(5);
  await trainOwnModel(model, gaussianRows(64, 2), 3);
  await model.save(`file://${join(dir, 'model')}`);
  const counts = referenceCounts(model, PROBE);
  const { code, stdout, stderr } = await cli(
    ['inspect', 'model/model.json', '--data', 'probe.csv', '--format', 'json', '--backend', 'cpu'],
    dir,
  );
  assert.equal(code, 0, stderr);
  assertMatchesReference(JSON.parse(stdout) as DeadUnitsReport, counts, PROBE.length);
  // The same files read on native give the same counts.
  const again = await cli(
    ['inspect', 'model/model.json', '--data', 'probe.csv', '--format', 'json', '--backend', 'tensorflow'],
    dir,
  );
  assert.deepEqual(
    (JSON.parse(again.stdout) as DeadUnitsReport).layers,
    (JSON.parse(stdout) as DeadUnitsReport).layers,
  );
  model.dispose();
});

test('inspect reads the files saveOwnModel writes as tfjs-node writes them', async () => {
  await useBackend('cpu');
  const dir = workspace({ 'probe.csv': csvOf(PROBE) });
  const model = buildOwnModel(9);
  await saveOwnModel(model, join(dir, 'model'));
  const json = JSON.parse(readFileSync(join(dir, 'model', 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
    format: string;
  };
  assert.deepEqual([json.format, json.weightsManifest[0].paths], ['layers-model', ['weights.bin']]);
  const { code, stdout } = await cli(
    ['inspect', 'model/model.json', '--data', 'probe.csv', '--format', 'json', '--backend', 'cpu'],
    dir,
  );
  assert.equal(code, 0);
  assertMatchesReference(JSON.parse(stdout) as DeadUnitsReport, referenceCounts(model, PROBE), PROBE.length);
  model.dispose();
});
