import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configurationLabel, deadBar, decimal, percent, percentWithCi, summaryRow } from '../../src/output/view.js';
import { leakyConfiguration } from '../helpers/records.js';

test('deadBar: one character per layer, · for none dead, any dead unit visible', () => {
  assert.equal(deadBar([0, 0.1, 0.5, 1]), '·▁▄█');
  // Eighths: 1/8 is the lowest bar, just above it the next.
  assert.equal(deadBar([0.001, 0.125, 0.126, 0.875, 0.876]), '▁▁▂▇█');
  assert.equal(deadBar([]), '');
});

test('deadBar: past 30 layers, neighbouring layers are averaged into 30 characters', () => {
  const alternating = Array.from({ length: 60 }, (_, layer) => layer % 2);
  assert.equal(deadBar(alternating), '▄'.repeat(30));
  const rising = Array.from({ length: 45 }, (_, layer) => (layer < 15 ? 0 : 1));
  assert.equal(deadBar(rising), `${'·'.repeat(10)}${'█'.repeat(20)}`);
});

test('configurationLabel: activation bare, other paths by their last part, nulls dropped', () => {
  const key = { 'model.activation': 'leaky_relu', 'model.alpha': 0.01, 'model.depth': 20 };
  assert.equal(configurationLabel(key, 'fallback'), 'leaky_relu alpha=0.01 depth=20');
  assert.equal(configurationLabel({ 'model.activation': 'relu', 'model.alpha': null }, 'fallback'), 'relu');
  assert.equal(configurationLabel({}, 'experiment'), 'experiment');
});

test('percentWithCi: mean and CI half-width in percentage points', () => {
  assert.equal(percentWithCi({ n: 3, mean: 0.166, std: 0.0085, ci95: 0.021 }), '16.6% ± 2.1');
  assert.equal(percentWithCi({ n: 1, mean: 0.5, std: null, ci95: null }), '50.0%');
  assert.equal(percentWithCi({ n: 0, mean: Number.NaN, std: null, ci95: null }), '–');
  assert.equal(percent(Number.NaN), '–');
  assert.equal(decimal({ n: 2, mean: 123.456, std: 1, ci95: 2.34 }), '123.5 ± 2.3');
});

test('summaryRow: notes name the born-dead and diverged seeds', () => {
  const row = summaryRow(leakyConfiguration({ diverged: 2 }), 'experiment');
  assert.deepEqual(row, {
    configuration: 'leaky_relu alpha=0.01',
    runs: '3',
    deadAtInit: '12.5% ± 12.4',
    deadFinal: '16.6% ± 2.1',
    layers: '·▁▄█',
    loss: '0.4123 ± 0.0123',
    accuracy: '90.0% ± 5.0',
    notes: '1/3 born dead, 2/3 diverged',
  });
});
