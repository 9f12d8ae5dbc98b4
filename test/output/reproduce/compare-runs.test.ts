/**
 * `reproduce`'s comparison: which values it compares, when two values agree (exactly, or within a
 * tolerance relative to max(1, |stored|)), and what it reports for values that do not.
 * Boundary cases use powers of two, so the hand-computed thresholds are exact in binary.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agrees, compareRuns, measuredValues } from '../../../src/output/reproduce/compare-runs.js';
import { divergedRun, reluRun } from '../../helpers/records.js';

/** The next double above a positive finite x: a change of one ulp. */
function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}

describe('measuredValues', () => {
  test('keys every status, epoch score and layer metric by epoch/layer/metric, under CSV column names', () => {
    const values = measuredValues(reluRun());
    // status and diverged_at_epoch, then 2 epochs x (6 scores + 2 layers x 9 layer metrics).
    assert.equal(values.size, 2 + 2 * (6 + 2 * 9));
    assert.deepEqual(values.get('null/null/status'), { epoch: null, layer: null, metric: 'status', value: 'ok' });
    assert.deepEqual(values.get('null/null/diverged_at_epoch'), {
      epoch: null,
      layer: null,
      metric: 'diverged_at_epoch',
      value: null,
    });
    assert.deepEqual(values.get('1/null/trainAccuracy'), {
      epoch: 1,
      layer: null,
      metric: 'train_accuracy',
      value: 0.75,
    });
    assert.deepEqual(values.get('1/null/testLoss'), { epoch: 1, layer: null, metric: 'test_loss', value: null });
    assert.deepEqual(values.get('0/null/collapsed'), { epoch: 0, layer: null, metric: 'collapsed', value: false });
    assert.deepEqual(values.get('1/2/gradNorm'), { epoch: 1, layer: 2, metric: 'grad_norm', value: 0.05 });
    assert.deepEqual(values.get('1/2/nearDeadUnits'), { epoch: 1, layer: 2, metric: 'near_dead_units', value: 2 });
  });

  test('leaves out timings, the backend, the config and the ids', () => {
    const metrics = new Set([...measuredValues(reluRun()).values()].map((value) => value.metric));
    for (const excluded of ['seconds', 'backend', 'config', 'run_id', 'index', 'swept', 'task', 'layer', 'epoch']) {
      assert.equal(metrics.has(excluded), false, excluded);
    }
    const slower = { ...reluRun(), seconds: 99, backend: 'wasm' };
    assert.deepEqual(compareRuns(reluRun(), slower, 0), []);
  });
});

describe('agrees', () => {
  test('NaN equals NaN, exactly and under any tolerance', () => {
    assert.equal(agrees(Number.NaN, Number.NaN, 0), true);
    assert.equal(agrees(Number.NaN, Number.NaN, 0.5), true);
  });

  test('NaN and a number differ, either way round and under any tolerance', () => {
    for (const tolerance of [0, 1e-3, 1e9]) {
      assert.equal(agrees(Number.NaN, 0.5, tolerance), false, `stored NaN, tolerance ${tolerance}`);
      assert.equal(agrees(0.5, Number.NaN, tolerance), false, `reproduced NaN, tolerance ${tolerance}`);
    }
  });

  test('exact mode (tolerance 0) catches a one-ulp change', () => {
    for (const value of [0.1, 0.5, 1, 1234.5678, 1e-12]) {
      assert.equal(agrees(value, value, 0), true);
      assert.equal(agrees(value, nextUp(value), 0), false, `${value} vs next double`);
      assert.equal(agrees(nextUp(value), value, 0), false, `next double vs ${value}`);
    }
    assert.equal(agrees(Infinity, Infinity, 0), true);
    assert.equal(agrees(Infinity, -Infinity, 0), false);
  });

  test('below |stored| = 1 the tolerance is absolute: allowed = tolerance * 1', () => {
    // stored 0.25, tolerance 2^-4: allowed difference 2^-4 = 0.0625, not 0.25 * 2^-4.
    const tolerance = 2 ** -4;
    assert.equal(agrees(0.25, 0.3125, tolerance), true, 'difference exactly 0.0625');
    assert.equal(agrees(0.25, 0.1875, tolerance), true, 'difference exactly -0.0625');
    assert.equal(agrees(0.25, nextUp(0.3125), tolerance), false, 'one ulp over above');
    assert.equal(agrees(0.25, 0.1875 - 2 ** -50, tolerance), false, 'just over below');
    assert.equal(agrees(0, 0.0625, tolerance), true, 'stored 0');
    assert.equal(agrees(0, 0.0625 + 2 ** -40, tolerance), false, 'stored 0, just over');
  });

  test('above |stored| = 1 the tolerance is relative to |stored|', () => {
    // stored 2048, tolerance 2^-10: allowed difference 2048 * 2^-10 = 2.
    const tolerance = 2 ** -10;
    assert.equal(agrees(2048, 2050, tolerance), true, 'difference exactly 2');
    assert.equal(agrees(2048, 2046, tolerance), true, 'difference exactly -2');
    assert.equal(agrees(2048, nextUp(2050), tolerance), false, 'one ulp over');
    assert.equal(agrees(2048, 2045.999, tolerance), false, 'just over below');
    // Negative stored values use |stored|: -2048 allows 2 as well.
    assert.equal(agrees(-2048, -2050, tolerance), true);
    assert.equal(agrees(-2048, -2050.001, tolerance), false);
  });

  test('the scale is the stored value, not the reproduced one', () => {
    // stored -8, tolerance 1/2: allowed 4, and |-8 - -4| = 4 agrees. Swapped, stored -4 allows 2.
    assert.equal(agrees(-8, -4, 0.5), true);
    assert.equal(agrees(-4, -8, 0.5), false);
  });

  test('non-numbers compare exactly, whatever the tolerance', () => {
    assert.equal(agrees('ok', 'ok', 0), true);
    assert.equal(agrees('ok', 'diverged', 1e9), false);
    assert.equal(agrees(true, true, 0), true);
    assert.equal(agrees(true, false, 1e9), false);
    assert.equal(agrees(null, null, 0), true);
    assert.equal(agrees(null, 0, 1e9), false);
    assert.equal(agrees(1, '1', 1e9), false);
    assert.equal(agrees(1, true, 1e9), false);
  });

  test('a missing value never agrees with a present one', () => {
    assert.equal(agrees(undefined, 0, 1e9), false);
    assert.equal(agrees(0.5, undefined, 1e9), false);
    assert.equal(agrees(null, undefined, 1e9), false);
  });

  test('an infinite stored value does not agree with a finite or opposite one under a tolerance', () => {
    assert.equal(agrees(Infinity, 5, 1e-3), false);
    assert.equal(agrees(Infinity, -Infinity, 1e-3), false);
    assert.equal(agrees(-Infinity, 0, 1e-3), false);
    assert.equal(agrees(Infinity, Infinity, 1e-3), true);
  });
});

describe('compareRuns', () => {
  test('a run compared with a copy of itself has no differences, NaN losses included', () => {
    assert.deepEqual(compareRuns(reluRun(), structuredClone(reluRun()), 0), []);
    // divergedRun's epoch 1 has loss and test loss NaN.
    assert.ok(Number.isNaN(divergedRun().epochs[1].loss));
    assert.deepEqual(compareRuns(divergedRun(), structuredClone(divergedRun()), 0), []);
  });

  test('a one-ulp change is one difference in exact mode, and none under a tolerance', () => {
    const changed = reluRun();
    changed.epochs[1].layers[0].gradNorm = nextUp(0.3);
    assert.deepEqual(compareRuns(reluRun(), changed, 0), [
      { runId: 'r000-relu-s1', epoch: 1, layer: 1, metric: 'grad_norm', stored: 0.3, reproduced: nextUp(0.3) },
    ]);
    assert.deepEqual(compareRuns(reluRun(), changed, 1e-12), []);
  });

  test('a stored NaN reproduced as a number is a difference', () => {
    const reproduced = divergedRun();
    reproduced.epochs[1].loss = 0.7;
    const differences = compareRuns(divergedRun(), reproduced, 1e-3);
    assert.equal(differences.length, 1);
    assert.equal(differences[0].metric, 'loss');
    assert.equal(differences[0].epoch, 1);
    assert.equal(differences[0].layer, null);
    assert.ok(Number.isNaN(differences[0].stored));
    assert.equal(differences[0].reproduced, 0.7);
  });

  test('status, diverged epoch and collapsed compare exactly even under a huge tolerance', () => {
    const reproduced = reluRun();
    reproduced.status = 'diverged';
    reproduced.divergedAtEpoch = 1;
    reproduced.epochs[0].collapsed = true;
    const differences = compareRuns(reluRun(), reproduced, 1e9);
    assert.deepEqual(
      differences.map(({ epoch, layer, metric, stored, reproduced: value }) => [epoch, layer, metric, stored, value]),
      [
        [null, null, 'status', 'ok', 'diverged'],
        [null, null, 'diverged_at_epoch', null, 1],
        [0, null, 'collapsed', false, true],
      ],
    );
  });

  test('an epoch missing from the re-run is reported value by value, with reproduced undefined', () => {
    const short = reluRun();
    short.epochs.pop();
    const differences = compareRuns(reluRun(), short, 0);
    // Epoch 1's 6 scores and 2 layers x 9 metrics.
    assert.equal(differences.length, 6 + 2 * 9);
    assert.ok(differences.every((difference) => difference.epoch === 1 && difference.reproduced === undefined));
    const lossRow = differences.find((difference) => difference.metric === 'loss');
    assert.deepEqual(lossRow, {
      runId: 'r000-relu-s1',
      epoch: 1,
      layer: null,
      metric: 'loss',
      stored: 0.5,
      reproduced: undefined,
    });
  });

  test('an extra layer in the re-run is reported with stored undefined', () => {
    const long = reluRun();
    long.epochs[1].layers.push({ ...long.epochs[1].layers[1], layer: 3 });
    const differences = compareRuns(reluRun(), long, 0);
    assert.equal(differences.length, 9);
    assert.ok(
      differences.every(
        (difference) => difference.epoch === 1 && difference.layer === 3 && difference.stored === undefined,
      ),
    );
    assert.deepEqual(differences.map((difference) => difference.metric).sort(), [
      'active_rate',
      'dead_fraction',
      'dead_units',
      'grad_norm',
      'near_dead_fraction',
      'near_dead_units',
      'newly_dead',
      'revived',
      'units',
    ]);
  });

  test('differences carry the stored run id', () => {
    const other = { ...reluRun(), runId: 'renamed' };
    other.epochs = structuredClone(other.epochs);
    other.epochs[0].loss = 1;
    const differences = compareRuns(reluRun(), other, 0);
    assert.deepEqual(
      differences.map((difference) => difference.runId),
      ['r000-relu-s1'],
    );
  });
});
