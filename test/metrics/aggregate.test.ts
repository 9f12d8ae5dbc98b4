import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupOverSeeds, summarizeRun } from '../../src/metrics/aggregate.js';
import { divergedRun, reluRun, runSummary } from '../helpers/records.js';

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `got ${actual}, expected ${expected}`);

test('summarizeRun takes init values from epoch 0 and final values from the last epoch', () => {
  assert.deepEqual(summarizeRun(reluRun()), {
    runId: 'r000-relu-s1',
    swept: { 'model.activation': 'relu', seed: 1 },
    seed: 1,
    status: 'ok',
    divergedAtEpoch: null,
    collapsedAtInit: false,
    deadAtInit: 0.125,
    deadFinal: 0.25,
    layerDeadAtInit: [0, 0.25],
    layerDeadFinal: [0.25, 0.25],
    loss: 0.5,
    trainAccuracy: 0.75,
    testAccuracy: null,
    seconds: 1.5,
  });
  const diverged = summarizeRun(divergedRun());
  assert.equal(diverged.status, 'diverged');
  assert.equal(diverged.divergedAtEpoch, 1);
  assert.equal(diverged.collapsedAtInit, true);
  assert.ok(Number.isNaN(diverged.loss));
});

test('groupOverSeeds groups by swept values without seed, in first-appearance order', () => {
  const swept = (activation: string, seed: number) => ({ 'model.activation': activation, 'model.depth': 10, seed });
  const runs = [
    runSummary({ runId: 'a', swept: swept('relu', 1), seed: 1, deadFinal: 0.2, layerDeadFinal: [0.1, 0.3], loss: 0.5 }),
    runSummary({
      runId: 'b',
      swept: swept('leaky_relu', 1),
      seed: 1,
      deadFinal: 0,
      layerDeadFinal: [0, 0],
      loss: 0.25,
    }),
    runSummary({
      runId: 'c',
      swept: swept('relu', 2),
      seed: 2,
      deadFinal: 0.4,
      layerDeadFinal: [0.3, 0.5],
      loss: Number.NaN,
      status: 'diverged',
      divergedAtEpoch: 3,
      collapsedAtInit: true,
      testAccuracy: 0.25,
    }),
    runSummary({
      runId: 'd',
      swept: swept('leaky_relu', 2),
      seed: 2,
      deadFinal: 0,
      layerDeadFinal: [0, 0],
      loss: 0.75,
    }),
  ];
  const [relu, leaky, ...rest] = groupOverSeeds(runs);
  assert.equal(rest.length, 0);

  assert.deepEqual(relu.key, { 'model.activation': 'relu', 'model.depth': 10 });
  assert.deepEqual(relu.runIds, ['a', 'c']);
  assert.deepEqual(relu.seeds, [1, 2]);
  assert.equal(relu.deadFinal.n, 2);
  near(relu.deadFinal.mean, 0.3);
  // A share gets the logit-scale interval: sd sqrt(0.02), se 0.1, half-width 12.7062 * 0.1 / 0.21 = 6.050571
  // around logit(0.3) = -0.847298, so [expit(-6.897869), expit(5.203273)].
  near(relu.deadFinal.low!, 0.0010089160781751407);
  near(relu.deadFinal.high!, 0.9945315334580117);
  // The diverged run's NaN loss is left out; its accuracy is not.
  assert.deepEqual(relu.loss, { n: 1, mean: 0.5, std: null, low: null, high: null });
  assert.equal(relu.testAccuracy.mean, 0.5);
  relu.layerDeadFinal.forEach((value, layer) => near(value, [0.2, 0.4][layer]));
  assert.equal(relu.collapsedAtInit, 1);
  // Wilson's interval for 1 born-dead run of 2.
  near(relu.collapsedAtInitInterval!.low, 0.09453120463920084);
  near(relu.collapsedAtInitInterval!.high, 0.9054687953607992);
  assert.equal(relu.diverged, 1);

  assert.deepEqual(leaky.key, { 'model.activation': 'leaky_relu', 'model.depth': 10 });
  assert.deepEqual(leaky.runIds, ['b', 'd']);
  assert.equal(leaky.loss.mean, 0.5);
  near(leaky.loss.std!, Math.sqrt(0.125));
  // The loss gets a t-interval: 0.5 ± 12.7062 * sqrt(0.125) / sqrt(2) = 0.5 ± 3.17655.
  near(leaky.loss.low!, 0.5 - 3.17655);
  near(leaky.loss.high!, 0.5 + 3.17655);
  assert.deepEqual(leaky.layerDeadFinal, [0, 0]);
  assert.equal(leaky.collapsedAtInit, 0);
  assert.equal(leaky.diverged, 0);
});

test('groupOverSeeds: missing accuracies give an empty summary, not zero', () => {
  const [only] = groupOverSeeds([runSummary({ trainAccuracy: null, testAccuracy: null })]);
  assert.equal(only.testAccuracy.n, 0);
  assert.ok(Number.isNaN(only.testAccuracy.mean));
  assert.deepEqual(only.key, {});
});
