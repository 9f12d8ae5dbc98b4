import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configurationSeries, selectSeries } from '../../../../src/output/views/charts/series.js';
import { shareInterval } from '../../../../src/metrics/intervals.js';
import { divergedRun, reluRun } from '../../../helpers/records.js';

test("configurationSeries: means over seeds per epoch, the tables' intervals, a diverged seed left out", () => {
  const [relu] = configurationSeries([reluRun(), divergedRun()], 'tiny');
  assert.equal(relu.label, 'relu');
  assert.equal(relu.runs, 2);
  // Epoch 0: 0.125 and 0.5; the logit-scale interval, as summary.csv's.
  assert.equal(relu.deadFraction[0].mean, 0.3125);
  assert.deepEqual(
    { low: relu.deadFraction[0].low, high: relu.deadFraction[0].high },
    shareInterval(0.3125, Math.sqrt(2 * 0.1875 ** 2), 2),
  );
  // Epoch 1: both have a dead fraction; the diverged seed's loss is NaN and left out.
  assert.equal(relu.deadFraction[1].mean, 0.5);
  assert.deepEqual([relu.loss[1].n, relu.loss[1].mean, relu.loss[1].low], [1, 0.5, null]);
  // Test accuracy at epoch 1: null for seed 1, 0.5 for seed 2.
  assert.deepEqual([relu.testAccuracy[1].n, relu.testAccuracy[1].mean], [1, 0.5]);
  // layers[layer][epoch]: layer 2 is 1/4 and 4/4 dead at epoch 0.
  assert.deepEqual(relu.layers, [
    [0, 0.375],
    [0.625, 0.625],
  ]);
});

test('configurationSeries: a regression-like series without accuracy has none; epochs only some seeds reached', () => {
  const short = {
    ...reluRun(),
    epochs: reluRun()
      .epochs.slice(0, 1)
      .map((epoch) => ({ ...epoch, testAccuracy: null })),
  };
  const long = {
    ...reluRun(),
    runId: 'r2',
    config: { ...reluRun().config, seed: 2 },
    epochs: reluRun().epochs.map((epoch) => ({ ...epoch, testAccuracy: null })),
  };
  const [series] = configurationSeries([short, long], 'tiny');
  assert.deepEqual(series.testAccuracy, []);
  assert.deepEqual(
    series.deadFraction.map((point) => point.n),
    [2, 1],
  );
  assert.deepEqual(series.layers, [
    [0, 0.25],
    [0.25, 0.25],
  ]);
});

test('selectSeries: an exact label, a row number, part of a label; a string naming the choices otherwise', () => {
  const series = [{ label: 'relu' }, { label: 'leaky_relu alpha=0.01' }, { label: 'leaky_relu alpha=0.3' }];
  assert.deepEqual(selectSeries(series, undefined), series);
  assert.deepEqual(selectSeries(series, 'relu'), [series[0]]);
  assert.deepEqual(selectSeries(series, '2'), [series[1]]);
  assert.deepEqual(selectSeries(series, 'leaky'), [series[1], series[2]]);
  assert.equal(
    selectSeries(series, 'tanh'),
    'no configuration matches "tanh"; give a label ("relu", "leaky_relu alpha=0.01", "leaky_relu alpha=0.3"), part of one, or a row number from 1 to 3',
  );
});
