import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  comparisonRow,
  comparisonTitle,
  configurationLabels,
  difference,
} from '../../../src/output/views/comparisons.js';
import { leakyComparison, runSummary } from '../../helpers/records.js';

test('configurationLabels: one per configuration, seed aside, as the summary orders them', () => {
  const runs = [
    runSummary({ swept: { 'model.activation': 'relu', seed: 1 } }),
    runSummary({ swept: { 'model.activation': 'leaky_relu', seed: 1 } }),
    runSummary({ swept: { 'model.activation': 'relu', seed: 2 } }),
  ];
  assert.deepEqual(configurationLabels(runs, 'experiment'), ['relu', 'leaky_relu']);
  assert.deepEqual(configurationLabels([{ swept: { seed: 1 } }], 'experiment'), ['experiment']);
});

test('difference: signed mean and interval ends, scaled; no interval for one pair; – for none', () => {
  assert.equal(
    difference({ n: 3, mean: -0.2, std: 0.05, low: -0.3204209, high: -0.0732177 }, 100, 1),
    '-20.0 [-32.0, -7.3]',
  );
  assert.equal(
    difference({ n: 3, mean: -0.0233333, std: 0.015, low: -0.0612796, high: 0.0146129 }, 1, 4),
    '-0.0233 [-0.0613, +0.0146]',
  );
  // What rounds to zero is shown unsigned.
  assert.equal(difference({ n: 2, mean: -0.00001, std: 0.1, low: 0, high: 0.00002 }, 100, 1), '0.0 [0.0, 0.0]');
  assert.equal(difference({ n: 1, mean: 0.031, std: null, low: null, high: null }, 100, 1), '+3.1');
  assert.equal(difference({ n: 0, mean: Number.NaN, std: null, low: null, high: null }, 100, 1), '–');
});

test('comparisonRow: percentage points for shares, the loss as is, dropped and excluded seeds in the notes', () => {
  assert.deepEqual(comparisonRow(leakyComparison(), 'experiment'), {
    configuration: 'leaky_relu alpha=0.01',
    n: '3',
    deadAtInit: '0.0 [0.0, 0.0]',
    deadFinal: '-20.0 [-32.0, -7.3]',
    loss: '-0.0233 [-0.0613, +0.0146]',
    accuracy: '+5.0 [+2.5, +7.5]',
    notes: 'unpaired seeds dropped: 4',
  });
  const excluded = comparisonRow(
    leakyComparison({ seeds: [1], unpairedSeeds: [4, 5], divergedSeeds: [2, 3] }),
    'experiment',
  );
  assert.equal(excluded.n, '1');
  assert.equal(excluded.notes, 'unpaired seeds dropped: 4 5; diverged seeds excluded: 2 3');
});

test('comparisonTitle names the baseline, the sign and the test', () => {
  assert.equal(
    comparisonTitle([leakyComparison()], 'experiment'),
    'compared with relu: configuration minus baseline over the n seeds both have; mean [95% CI], paired t on per-seed differences (atanh scale for shares); pp = percentage points',
  );
});
