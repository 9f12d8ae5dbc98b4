import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wilsonInterval } from '../../../src/metrics/intervals.js';
import {
  deadBar,
  decimal,
  percent,
  percentWithCi,
  runShare,
  summaryRow,
} from '../../../src/output/views/summary-row.js';
import { leakyConfiguration } from '../../helpers/records.js';

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

test('percentWithCi: mean and the ends of its interval, in percent', () => {
  assert.equal(percentWithCi({ n: 3, mean: 0.166, std: 0.0085, low: 0.147, high: 0.187 }), '16.6% [14.7, 18.7]');
  // The README's case: lopsided, and inside [0, 100].
  assert.equal(percentWithCi({ n: 3, mean: 0.797, std: 0.27, low: 0.0605064, high: 0.9958392 }), '79.7% [6.1, 99.6]');
  assert.equal(percentWithCi({ n: 1, mean: 0.5, std: null, low: null, high: null }), '50.0%');
  assert.equal(percentWithCi({ n: 0, mean: Number.NaN, std: null, low: null, high: null }), '–');
  assert.equal(percent(Number.NaN), '–');
});

test('decimal: the mean and its interval by its ends (the loss interval is longer upwards)', () => {
  assert.equal(decimal({ n: 2, mean: 123.456, std: 1, low: 121.116, high: 125.796 }), '123.5 [121.1, 125.8]');
  assert.equal(decimal({ n: 3, mean: 0.4, std: 0.2, low: 0.1155129, high: 1.3851269 }), '0.4000 [0.1155, 1.3851]');
  assert.equal(decimal({ n: 1, mean: 0.5, std: null, low: null, high: null }), '0.5000');
});

test('runShare: a count of runs with the Wilson interval of its share', () => {
  // Wilson for 1 of 10: [0.017876, 0.404150].
  assert.equal(runShare(1, 10, wilsonInterval(1, 10), 'born dead'), '1/10 born dead [1.8%, 40.4%]');
  assert.equal(runShare(0, 0, null, 'born dead'), '0/0 born dead');
});

test('summaryRow: intervals by their ends; notes count born-dead, diverged and unstable runs', () => {
  const row = summaryRow(leakyConfiguration({ diverged: 1, unstable: 1 }), 'experiment');
  assert.deepEqual(row, {
    configuration: 'leaky_relu alpha=0.01',
    runs: '3',
    deadAtInit: '12.5% [6.0, 22.0]',
    deadFinal: '16.6% [14.7, 18.7]',
    layers: '·▁▄█',
    loss: '0.4123 [0.4000, 0.4246]',
    accuracy: '90.0% [83.0, 95.0]',
    notes: '1/3 born dead [6.1%, 79.2%], 1/3 diverged, 1/3 unstable',
  });
});
