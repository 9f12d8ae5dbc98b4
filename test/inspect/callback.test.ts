/**
 * deadUnitsCallback in model.fit: when it measures, what it hands onMeasure, and the results folder
 * it keeps, which `report` and `report --html` read like a sweep's while resume and reproduce refuse it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/experiments/backend/load.js';
import { deadUnitsCallback, type DeadUnitsMeasurement } from '../../src/inspect/callback.js';
import { measureDeadUnits } from '../../src/inspect/measure.js';
import { METRICS_HEADER } from '../../src/output/results/csv.js';
import { runScalars } from '../../src/output/results/tensorboard.js';
import type { RunResult } from '../../src/experiments/types.js';
import { readScalars } from '../helpers/tfevents.js';
import { cli, workspace } from '../helpers/cli.js';
import { buildOwnModel, gaussianRows, INPUT_SHAPE, trainOwnModel } from '../helpers/own-model.js';
import { assertNoLeakedTensors } from '../helpers/tensors.js';

const probeRows = gaussianRows(100, 11);
const probeTensor = () => tf.tensor(probeRows.flat(), [probeRows.length, ...INPUT_SHAPE]);

test('measures at the start, every `every` epochs and after the last; onMeasure sees each; revived and newly dead count against the one before', async () => {
  await useBackend('cpu');
  const model = buildOwnModel(21);
  const probe = probeTensor();
  const seen: DeadUnitsMeasurement[] = [];
  const callback = deadUnitsCallback({ probe, every: 2, onMeasure: (measurement) => void seen.push(measurement) });
  const history = await trainOwnModel(model, gaussianRows(64, 4), 5, [callback]);
  assert.deepEqual(
    callback.measurements.map((m) => m.epoch),
    [0, 2, 4, 5],
  );
  assert.deepEqual(seen, callback.measurements);
  assert.deepEqual(seen[0].logs, {});
  assert.equal(seen[2].logs.loss, history.history.loss[3]);
  // The last measurement is what measureDeadUnits says of the trained model.
  const after = await measureDeadUnits(model, probe);
  assert.deepEqual(
    seen[3].report.layers.map((layer) => layer.positiveRows),
    after.layers.map((layer) => layer.positiveRows),
  );
  for (let i = 1; i < seen.length; i++) {
    seen[i].report.layers.forEach((layer, l) => {
      const before = new Set(seen[i - 1].report.layers[l].deadUnitIndices);
      const now = new Set(layer.deadUnitIndices);
      assert.equal(layer.revived, [...before].filter((unit) => !now.has(unit)).length);
      assert.equal(layer.newlyDead, [...now].filter((unit) => !before.has(unit)).length);
    });
  }
  assert.deepEqual(
    seen[0].report.layers.map((layer) => [layer.revived, layer.newlyDead]),
    [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
  );
  tf.dispose(probe);
  model.dispose();
});

test('called by your own loop with options.model, a measurement leaks no tensor', async () => {
  await useBackend('cpu');
  const model = buildOwnModel(22);
  const probe = probeTensor();
  const callback = deadUnitsCallback({ probe, model });
  await callback.onTrainBegin();
  await assertNoLeakedTensors(() => callback.onEpochEnd(0, { loss: 0.5 }));
  await callback.onTrainEnd();
  assert.deepEqual(
    callback.measurements.map((m) => m.epoch),
    [0, 1],
  );
  assert.throws(() => deadUnitsCallback({ probe, every: 0 }), {
    message: 'deadUnitsCallback: every must be an integer >= 1, got 0',
  });
  tf.dispose(probe);
  model.dispose();
});

test("with out, the folder is one run as `run` writes it: report and report --html read it, resume and reproduce refuse it; with tensorboard, run's scalars", async () => {
  await useBackend('cpu');
  const dir = workspace();
  const model = buildOwnModel(23);
  const probe = probeTensor();
  await trainOwnModel(model, gaussianRows(64, 5), 3, [
    deadUnitsCallback({ probe, out: join(dir, 'mine'), name: 'my-model', seed: 7, tensorboard: join(dir, 'tb') }),
  ]);

  const metrics = readFileSync(join(dir, 'mine', 'metrics.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(metrics[0], METRICS_HEADER.join(','));
  assert.equal(metrics.length, 1 + 4 * 3, 'epochs 0-3, three measured layers');
  assert.match(metrics[1], /^r001,0,1,4,/);
  assert.match(metrics[1], /,NaN$/, 'no gradient norms from a callback');
  const epochs = readFileSync(join(dir, 'mine', 'epochs.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(epochs[0], 'run_id,epoch,loss,train_accuracy,test_loss,test_accuracy,dead_fraction,collapsed');
  assert.match(epochs[1], /^r001,0,NaN,,,,/);
  assert.match(epochs[3], /^r001,2,\d\.\d+,\d(\.\d+)?,,,/);

  const report = await cli(['report', 'mine'], dir);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /│ my-model /);
  const html = await cli(['report', 'mine', '--html'], dir);
  assert.equal(html.code, 0, html.stderr);
  assert.ok(existsSync(join(dir, 'mine', 'report.html')));
  const runsCsv = readFileSync(join(dir, 'mine', 'runs.csv'), 'utf8').split('\n')[1];
  assert.match(runsCsv, /^r001,7,ok,/);

  // TensorBoard: the scalars run --tensorboard writes for this record, less the NaNs (loss before training, gradient norms).
  const record = JSON.parse(readFileSync(join(dir, 'mine', 'runs', 'r001.json'), 'utf8'), (_key, value) =>
    value?.$nonFinite ? Number(value.$nonFinite) : value,
  ) as RunResult;
  const events = readdirSync(join(dir, 'tb'));
  assert.equal(events.length, 1);
  assert.match(events[0], /^events\.out\.tfevents\./);
  const expected = runScalars(record).filter((scalar) => Number.isFinite(scalar.value));
  const written = readScalars(join(dir, 'tb', events[0]));
  assert.deepEqual(
    written.map(({ tag, step }) => [tag, step]),
    expected.map(({ tag, step }) => [tag, step]),
  );
  written.forEach((scalar, i) => assert.equal(scalar.value, Math.fround(expected[i].value), scalar.tag));
  assert.ok(written.some((scalar) => scalar.tag === 'dead_fraction/layer_03' && scalar.step === 3));

  const refusal =
    'dead-neurons: mine: the measurements of your own training (deadUnitsCallback); report and compare read it, there is no config to train again\n';
  for (const args of [
    ['run', '--resume', 'mine'],
    ['reproduce', 'mine'],
  ]) {
    const refused = await cli(args, dir);
    assert.equal(refused.code, 2, args.join(' '));
    assert.ok(
      refused.stderr.endsWith(refusal.replace('mine', join(dir, 'mine'))) || refused.stderr.endsWith(refusal),
      refused.stderr,
    );
  }
  tf.dispose(probe);
  model.dispose();
});
