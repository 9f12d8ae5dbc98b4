import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCollapsed, layerMetrics, overallDeadFraction, positiveCounts } from '../../src/metrics/dead-units.js';

test('positiveCounts counts z > 0 per column; exact zeros are not positive', () => {
  const z = [
    [1, -1, 0, 0],
    [2, 0, -3, 0],
    [-0.5, 1e-7, -1, 0],
  ];
  assert.deepEqual(positiveCounts(z), [2, 1, 0, 0]);
  assert.deepEqual(positiveCounts([]), []);
});

test('an all-negative column (exact zeros included) is dead; one positive value is not', () => {
  const z = [
    [-1, -1],
    [0, 0],
    [-2, 0.001],
  ];
  const metrics = layerMetrics(positiveCounts(z), z.length, 0.01);
  assert.deepEqual(metrics.deadMask, [true, false]);
  assert.equal(metrics.deadUnits, 1);
  assert.equal(metrics.deadFraction, 0.5);
});

test('near-dead: with 1000 probes and threshold 0.01, 9 positives is near-dead and 10 is not', () => {
  const metrics = layerMetrics([9, 10, 0, 1000], 1000, 0.01);
  assert.equal(metrics.units, 4);
  assert.equal(metrics.deadUnits, 1);
  // 9 (under 1%) and 0 (dead) are near-dead; 10 (exactly 1%) and 1000 are not.
  assert.equal(metrics.nearDeadUnits, 2);
  assert.equal(metrics.nearDeadFraction, 0.5);
  assert.equal(metrics.activeRate, 1019 / 4000);
});

test('dead units count as near-dead even at threshold 0', () => {
  const metrics = layerMetrics([0, 1, 0], 50, 0);
  assert.equal(metrics.deadUnits, 2);
  assert.equal(metrics.nearDeadUnits, 2);
});

test('near-dead boundary is exact: 7 of 100 probes at threshold 0.07 is not "fewer than 7%"', () => {
  assert.equal(layerMetrics([7], 100, 0.07).nearDeadUnits, 0);
});

test('active rate is the mean of [z > 0] over units and probe inputs', () => {
  const z = [
    [1, -1, 2],
    [1, 1, -2],
  ];
  assert.equal(layerMetrics(positiveCounts(z), 2, 0.01).activeRate, 4 / 6);
});

test('revived and newly dead are counted against the previous dead mask', () => {
  const previous = [true, true, false, false];
  const metrics = layerMetrics([0, 5, 0, 5], 10, 0.01, previous);
  assert.deepEqual(metrics.deadMask, [true, false, true, false]);
  assert.equal(metrics.revived, 1); // unit 1
  assert.equal(metrics.newlyDead, 1); // unit 2
  const first = layerMetrics([0, 5, 0, 5], 10, 0.01);
  assert.equal(first.revived, 0);
  assert.equal(first.newlyDead, 0);
});

test('layerMetrics rejects an empty probe set', () => {
  assert.throws(() => layerMetrics([0], 0, 0.01), RangeError);
});

test('isCollapsed: some layer with every unit dead', () => {
  assert.equal(
    isCollapsed([
      { units: 3, deadUnits: 0 },
      { units: 3, deadUnits: 3 },
    ]),
    true,
  );
  assert.equal(
    isCollapsed([
      { units: 3, deadUnits: 2 },
      { units: 3, deadUnits: 2 },
    ]),
    false,
  );
  assert.equal(isCollapsed([{ units: 0, deadUnits: 0 }]), false);
  assert.equal(isCollapsed([]), false);
});

test('overallDeadFraction weighs layers by their units', () => {
  assert.equal(
    overallDeadFraction([
      { units: 4, deadUnits: 1 },
      { units: 6, deadUnits: 2 },
    ]),
    3 / 10,
  );
  assert.equal(overallDeadFraction([]), 0);
});
