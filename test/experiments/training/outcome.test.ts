import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunMeasurement } from '../../../src/experiments/training/measure.js';
import { isLive, recordEpoch, type RunProgress } from '../../../src/experiments/training/outcome.js';

const PROBE = { probeCount: 10, nearDeadThreshold: 0.15 };
const measurement = (loss: number, counts: number[][]): RunMeasurement => ({
  loss,
  accuracy: 0.5,
  test: { loss: loss + 1, accuracy: 0.25 },
  counts,
  gradNorms: counts.map((_, layer) => layer + 0.5),
});

test("records carry the scores, each layer's dead-unit metrics, and what died or revived since the last record", () => {
  const progress: RunProgress = { outcome: { epochs: [], divergedAtEpoch: null } };
  const first = recordEpoch(
    progress,
    0,
    measurement(2, [
      [0, 1, 10],
      [0, 0, 0],
    ]),
    PROBE,
  );
  assert.deepEqual(first, {
    epoch: 0,
    loss: 2,
    trainAccuracy: 0.5,
    testLoss: 3,
    testAccuracy: 0.25,
    deadFraction: 4 / 6,
    collapsed: true,
    layers: [
      // Unit 2 is on for 1 of 10 probe inputs: near-dead below 15%, not dead.
      {
        layer: 1,
        units: 3,
        deadUnits: 1,
        nearDeadUnits: 2,
        deadFraction: 1 / 3,
        nearDeadFraction: 2 / 3,
        activeRate: 11 / 30,
        revived: 0,
        newlyDead: 0,
        gradNorm: 0.5,
      },
      {
        layer: 2,
        units: 3,
        deadUnits: 3,
        nearDeadUnits: 3,
        deadFraction: 1,
        nearDeadFraction: 1,
        activeRate: 0,
        revived: 0,
        newlyDead: 0,
        gradNorm: 1.5,
      },
    ],
  });
  const second = recordEpoch(
    progress,
    1,
    measurement(1, [
      [4, 0, 10],
      [0, 5, 0],
    ]),
    PROBE,
  );
  assert.deepEqual(
    second.layers.map(({ revived, newlyDead }) => [revived, newlyDead]),
    [
      [1, 1],
      [1, 0],
    ],
  );
  assert.deepEqual(progress.outcome, { epochs: [first, second], divergedAtEpoch: null });
  assert.equal(isLive(progress), true);
});

test('a NaN or infinite loss records nothing about dead units and marks the run diverged at that epoch', () => {
  for (const loss of [Number.NaN, Number.POSITIVE_INFINITY]) {
    const progress: RunProgress = { outcome: { epochs: [], divergedAtEpoch: null } };
    recordEpoch(progress, 0, measurement(1, [[0, 3]]), PROBE);
    const diverged = recordEpoch(progress, 1, measurement(loss, [[Number.NaN, Number.NaN]]), PROBE);
    assert.equal(diverged.collapsed, false);
    assert.ok(Number.isNaN(diverged.deadFraction));
    assert.deepEqual(diverged.layers, [
      {
        layer: 1,
        units: 2,
        deadUnits: Number.NaN,
        nearDeadUnits: Number.NaN,
        deadFraction: Number.NaN,
        nearDeadFraction: Number.NaN,
        activeRate: Number.NaN,
        revived: Number.NaN,
        newlyDead: Number.NaN,
        gradNorm: 0.5,
      },
    ]);
    assert.equal(progress.outcome.divergedAtEpoch, 1);
    assert.equal(isLive(progress), false);
  }
});
