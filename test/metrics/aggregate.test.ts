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

test('summarizeRun: a run that ends more than 5% above its initial training loss is unstable; a stall just above is not', () => {
  const blownUp = reluRun();
  blownUp.epochs[1].loss = 61; // from 0.75 at epoch 0: finite, so not diverged, but worse than untrained
  assert.equal(summarizeRun(blownUp).status, 'unstable');
  const justOver = reluRun();
  justOver.epochs[1].loss = 0.75 * 1.051;
  assert.equal(summarizeRun(justOver).status, 'unstable');
  // configs/deep.json's ReLU seed 2: collapsed to a constant output at the class shares' loss, 0.4% up.
  const stalled = reluRun();
  [stalled.epochs[0].loss, stalled.epochs[1].loss] = [0.69044281, 0.69350449];
  assert.equal(summarizeRun(stalled).status, 'ok');
  const flat = reluRun();
  flat.epochs[1].loss = 0.75 * 1.049;
  assert.equal(summarizeRun(flat).status, 'ok');
  // epochs: 0 measures the initial network only: nothing to compare.
  const untrained = reluRun();
  untrained.epochs.length = 1;
  assert.equal(summarizeRun(untrained).status, 'ok');
  // Diverged stays diverged (its NaN loss compares false anyway).
  assert.equal(summarizeRun(divergedRun()).status, 'diverged');

  const [group] = groupOverSeeds(
    [summarizeRun(blownUp), summarizeRun(flat), summarizeRun(divergedRun())].map((run, i) => ({ ...run, seed: i + 1 })),
  );
  assert.deepEqual([group.unstable, group.diverged, group.loss.n], [1, 1, 2]);
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
  // The loss gets the log-scale interval, above 0 where the t-interval 0.5 ± 3.17655 is not:
  // h = 12.7062 * sqrt(0.125) / sqrt(2) / 0.5 = 6.3531, so [0.5 e^-6.3531, 0.5 e^6.3531].
  near(leaky.loss.low!, 0.000870670302296);
  assert.ok(Math.abs(leaky.loss.high! - 287.135095041903) < 1e-9);
  assert.deepEqual(leaky.layerDeadFinal, [0, 0]);
  assert.equal(leaky.collapsedAtInit, 0);
  assert.equal(leaky.diverged, 0);
  assert.equal(leaky.unstable, 0);
});

test('groupOverSeeds: missing accuracies give an empty summary, not zero', () => {
  const [only] = groupOverSeeds([runSummary({ trainAccuracy: null, testAccuracy: null })]);
  assert.equal(only.testAccuracy.n, 0);
  assert.ok(Number.isNaN(only.testAccuracy.mean));
  assert.deepEqual(only.key, {});
});
