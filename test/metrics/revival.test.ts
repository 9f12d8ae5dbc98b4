import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerMetrics } from '../../src/metrics/dead-units.js';
import { revival } from '../../src/metrics/revival.js';
import { createRng } from '../../src/experiments/rng.js';

const counts = (layer: number, deadUnits: number, revived: number) => ({ layer, deadUnits, revived });

test('revivals per dead unit-epoch, by hand: dead units at every measurement but the last are at risk', () => {
  // Two layers, epochs 0-2. Layer 1: dead 2, 1, 0 with 1 and 1 revived; layer 2: dead 4, 4, 3, with
  // 0 and 1 revived (and one new death at epoch 2, which the counts hold in newly_dead, not here).
  const epochs = [
    { layers: [counts(1, 2, 0), counts(2, 4, 0)] },
    { layers: [counts(1, 1, 1), counts(2, 4, 0)] },
    { layers: [counts(1, 0, 1), counts(2, 3, 1)] },
  ];
  // At risk: (2 + 4) at epoch 0 and (1 + 4) at epoch 1 = 11; revived 1 + 0 + 1 + 1 = 3.
  assert.deepEqual(revival(epochs), { atRisk: 11, revived: 3, rate: 3 / 11 });
  // Layer 1 alone: at risk 2 + 1 = 3, revived 1 + 1 = 2.
  assert.deepEqual(revival(epochs, [1]), { atRisk: 3, revived: 2, rate: 2 / 3 });
});

test('no dead unit before the last measurement: nothing could revive, so the rate is NaN, not 0', () => {
  const epochs = [{ layers: [counts(1, 0, 0)] }, { layers: [counts(1, 3, 0)] }];
  assert.deepEqual(revival(epochs), { atRisk: 0, revived: 0, rate: Number.NaN });
  assert.deepEqual(revival([{ layers: [counts(1, 5, 0)] }]), { atRisk: 0, revived: 0, rate: Number.NaN });
});

test('a diverged run (NaN counts) gives NaN, never a rate', () => {
  const epochs = [{ layers: [counts(1, 2, 0)] }, { layers: [counts(1, Number.NaN, Number.NaN)] }];
  assert.deepEqual(revival(epochs), { atRisk: Number.NaN, revived: Number.NaN, rate: Number.NaN });
});

test('from the counts layerMetrics records, the rate equals the unit-by-unit share of dead units alive at the next measurement', () => {
  // Random dead masks for 3 layers of 20 units over 9 measurements; each unit is dead with
  // probability 0.4 and keeps its state with probability 0.7, so deaths and revivals both happen.
  const rng = createRng(7, 'revival-test');
  const [layers, units, measurements] = [3, 20, 9];
  const masks: boolean[][][] = [];
  for (let e = 0; e < measurements; e++) {
    masks.push(
      Array.from({ length: layers }, (_, l) =>
        Array.from({ length: units }, (_, u) =>
          e > 0 && rng.uniform() < 0.7 ? masks[e - 1][l][u] : rng.uniform() < 0.4,
        ),
      ),
    );
  }
  const epochs = masks.map((layerMasks, e) => ({
    layers: layerMasks.map((mask, l) => {
      const metrics = layerMetrics(
        mask.map((dead) => (dead ? 0 : 5)),
        10,
        0.01,
        e > 0 ? masks[e - 1][l] : undefined,
      );
      return { layer: l + 1, deadUnits: metrics.deadUnits, revived: metrics.revived };
    }),
  }));
  let atRisk = 0;
  let revived = 0;
  for (let e = 1; e < measurements; e++) {
    for (let l = 0; l < layers; l++) {
      for (let u = 0; u < units; u++) {
        if (masks[e - 1][l][u]) {
          atRisk++;
          if (!masks[e][l][u]) revived++;
        }
      }
    }
  }
  assert.ok(revived > 10 && atRisk > revived, `a test with something to count: ${revived} of ${atRisk}`);
  assert.deepEqual(revival(epochs), { atRisk, revived, rate: revived / atRisk });
});
