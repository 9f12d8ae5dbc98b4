/**
 * The native TensorFlow backend against WebAssembly: the same seeded run gives the same dead-unit
 * counts and, within float32 rounding, the same losses and gradient norms. CI provisions the
 * native backend and sets DEAD_NEURONS_REQUIRE_NATIVE=1, so there a missing backend fails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probeBackends, useBackend } from '../../src/experiments/backend/load.js';
import { loadDataset } from '../../src/experiments/datasets/index.js';
import type { TrainOutcome } from '../../src/experiments/training/outcome.js';
import { trainPack } from '../../src/experiments/training/train-pack.js';
import type { RunConfig } from '../../src/experiments/config/schema.js';
import { tinyRunConfig } from '../helpers/tiny-config.js';

/** Relative tolerance: a few float32 ulps grow over three epochs of summation-order differences. */
const TOLERANCE = 1e-4;

const native = (await probeBackends()).find((probe) => probe.name === 'tensorflow');
const required = process.env.DEAD_NEURONS_REQUIRE_NATIVE === '1';
const skip = native?.loads || required ? false : `native backend not available: ${native?.reason}`;

async function trainOn(backend: 'tensorflow' | 'wasm', config: RunConfig): Promise<TrainOutcome> {
  await useBackend(backend);
  const [outcome] = await trainPack([{ config, dataset: loadDataset(config.dataset, config.seed, '.') }]);
  return outcome;
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)),
    `${what}: tensorflow ${actual} vs wasm ${expected}`,
  );

for (const activation of ['relu', 'leaky_relu'] as const) {
  test(`tensorflow and wasm agree on a seeded ${activation} run`, { skip }, async () => {
    assert.ok(native?.loads, `native backend required here but did not load: ${native?.reason}`);
    const config = tinyRunConfig({ model: { depth: 6, width: 12, activation }, training: { epochs: 3 } });
    const wasm = await trainOn('wasm', config);
    const tensorflow = await trainOn('tensorflow', config);
    assert.equal(tensorflow.epochs.length, wasm.epochs.length);
    wasm.epochs.forEach((expected, index) => {
      const actual = tensorflow.epochs[index];
      const where = `epoch ${expected.epoch}`;
      assert.deepEqual(
        actual.layers.map((layer) => layer.deadUnits),
        expected.layers.map((layer) => layer.deadUnits),
        `${where}: dead units per layer`,
      );
      close(actual.loss, expected.loss, `${where}: loss`);
      expected.layers.forEach((layer, i) =>
        close(actual.layers[i].gradNorm, layer.gradNorm, `${where}: layer ${i + 1} grad_norm`),
      );
    });
  });
}
