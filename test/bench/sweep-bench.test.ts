import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSweepBench, torchSpec } from '../../src/bench/sweep-bench.js';
import { buildRawExperiment } from '../../src/experiments/config/load.js';
import { planRuns } from '../../src/experiments/sweep/plan.js';

test('torchSpec gives PyTorch every run with its shapes and settings', () => {
  const plan = planRuns(
    buildRawExperiment(
      {
        dataset: { kind: 'spirals', samples: 100 },
        model: { depth: 3, width: 5 },
        sweep: { 'model.activation': ['relu', 'leaky_relu'] },
      },
      'c.json',
    ),
  );
  const spec = torchSpec(plan, '.');
  assert.equal(spec.length, 2);
  assert.deepEqual(spec[1], {
    depth: 3,
    width: 5,
    activation: 'leaky_relu',
    alpha: 0.01,
    optimizer: 'adam',
    learning_rate: 0.001,
    momentum: null,
    batch_size: 64,
    epochs: 10,
    train: 80,
    test: 20,
    input_dim: 2,
    output_dim: 2,
    probe: 80,
    task: 'classification',
  });
});

test('formatSweepBench prints medians and the PyTorch-over-tool ratio', () => {
  const text = formatSweepBench('c.json', 9, [
    { name: 'tensorflow', threads: null, jobs: 2, seconds: [4, 5, 6], failure: null },
    { name: 'wasm', threads: null, jobs: 2, seconds: [], failure: 'no wasm' },
    { name: 'torch', threads: 1, jobs: 1, seconds: [10, 12, 11], failure: null, version: '2.15' },
    { name: 'torch', threads: 2, jobs: 1, seconds: [20, 20, 20], failure: null, version: '2.15' },
  ]);
  const lines = text.split('\n');
  assert.equal(lines[0], 'sweep: c.json, 9 run(s); median of 3 repeat(s)');
  assert.match(lines[1], /^tensorflow --jobs 2 +5\.00 s {2}\[4\.00, 5\.00, 6\.00\] {2}torch\/tool 2\.20$/);
  assert.match(lines[2], /^wasm --jobs 2 +not timed \(no wasm\)$/);
  assert.match(lines[3], /^torch 2\.15 1 thread\(s\) +11\.00 s/);
});
