/**
 * A run's numbers never depend on its pack (training/kernels.ts): over random small sweeps, each
 * run trains to the same records alone as in a random split of the sweep into packs, in a random
 * order, on cpu, on WebAssembly and, where it loads (always under DEAD_NEURONS_REQUIRE_NATIVE=1),
 * on the native backend. The shapes are drawn where the backends' kernels took other code paths
 * before: widths and row counts that are no multiple of a vector register, batches of one and of
 * one step, long sums (width 130), inputs past WebAssembly's 48-term blocks.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { probeBackends, useBackend } from '../../../src/experiments/backend/load.js';
import { runConfigSchema, type RunConfig } from '../../../src/experiments/config/schema.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { createRng, type Rng } from '../../../src/experiments/rng.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import type { EpochRecord } from '../../../src/experiments/types.js';

/** The activation families, with the activations each may mix in one pack. */
const FAMILIES = [['relu', 'leaky_relu'], ['prelu'], ['elu'], ['selu'], ['gelu'], ['silu'], ['tanh']];

const pick = <T>(rng: Rng, values: readonly T[]): T => values[rng.int(values.length)];

/** A random sweep of 3 to 5 runs of one shape: they differ in seed, alpha, learning rate and initialiser. */
function randomSweep(trial: number, backend: string): RunConfig[] {
  const rng = createRng(trial, 'pack-invariance');
  const family = pick(rng, FAMILIES);
  const kind = pick(rng, ['spirals', 'moons', 'gaussian', 'blobs', 'teacher']);
  const batchSize = pick(rng, [1, 7, 16, 30, 256]);
  const dataset = {
    kind,
    // Few rows when every row is a step: the kernels are what is tested, not the epochs.
    samples: batchSize === 1 ? 20 : pick(rng, [40, 97, 150]),
    ...(['gaussian', 'blobs', 'teacher'].includes(kind) && { inputDim: pick(rng, [3, 60]) }),
    ...(kind === 'blobs' && { classes: 3 }),
  };
  const model = { depth: pick(rng, [1, 2, 3]), width: pick(rng, [1, 3, 10, 16, 33]) };
  const training = {
    epochs: 2,
    batchSize,
    optimizer: pick(rng, ['sgd', 'momentum', 'adam']),
  };
  const metrics = { probeSize: pick(rng, [5, 33]) };
  return Array.from({ length: 3 + rng.int(3) }, () => {
    const activation = pick(rng, family);
    return runConfigSchema.parse({
      seed: 1 + rng.int(1000),
      backend,
      dataset,
      model: {
        ...model,
        activation,
        ...(['leaky_relu', 'prelu', 'elu'].includes(activation) && { alpha: pick(rng, [0.01, 0.3]) }),
        init: pick(rng, ['he_normal', 'glorot_uniform', 'rai']),
      },
      training: { ...training, learningRate: pick(rng, [0.001, 0.01, 0.1]) },
      metrics,
    });
  });
}

/** Each config's records, trained in packs given as lists of indices into `configs`. */
async function trainInPacks(configs: readonly RunConfig[], packs: readonly number[][]): Promise<EpochRecord[][]> {
  const records: EpochRecord[][] = new Array(configs.length);
  for (const pack of packs) {
    const members = pack.map((i) => ({
      config: configs[i],
      dataset: loadDataset(configs[i].dataset, configs[i].seed, '.'),
    }));
    const outcomes = await trainPack(members);
    pack.forEach((i, position) => (records[i] = outcomes[position].epochs));
  }
  return records;
}

/** A random split of 0..n-1 into packs, each in a random order. */
function randomPacks(rng: Rng, n: number): number[][] {
  const order = Array.from(rng.permutation(n));
  const cuts = new Set(Array.from({ length: rng.int(n) }, () => 1 + rng.int(n - 1)));
  const packs: number[][] = [];
  let start = 0;
  for (const cut of [...[...cuts].sort((a, b) => a - b), n]) {
    if (cut > start) packs.push(order.slice(start, cut));
    start = cut;
  }
  return packs;
}

let nativeLoads = false;
before(async () => {
  nativeLoads = (await probeBackends()).find((probe) => probe.name === 'tensorflow')?.loads ?? false;
});

/** Trials per backend: native kernels took other paths in most of these shapes before kernels.ts. */
const TRIALS = { cpu: 4, wasm: 8, tensorflow: 12 } as const;

for (const backend of ['cpu', 'wasm', 'tensorflow'] as const) {
  describe(`on ${backend}`, () => {
    test('every run of a random sweep trains to the same records alone and in random packs, in any order', async (t) => {
      if (backend === 'tensorflow' && !nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1')
        return t.skip('tfjs-node does not load here');
      await useBackend(backend);
      for (let trial = 1; trial <= TRIALS[backend]; trial++) {
        const configs = randomSweep(trial, backend);
        const alone = await trainInPacks(
          configs,
          configs.map((_, i) => [i]),
        );
        const packs = randomPacks(createRng(trial, 'packs'), configs.length);
        const packed = await trainInPacks(configs, packs);
        configs.forEach((config, i) =>
          assert.deepEqual(
            packed[i],
            alone[i],
            `trial ${trial}: run ${i} (seed ${config.seed}, ${config.model.activation}, width ${config.model.width}, ` +
              `batch ${config.training.batchSize}) in packs ${JSON.stringify(packs)}`,
          ),
        );
      }
    });

    // cpu computes every kernel element by element, with no vector tails to round otherwise: the
    // random sweeps above cover it, so the wide case is for the vectorised backends only.
    if (backend === 'cpu') return;
    test('a wide run (width 130: long sums that no vector register divides) trains alike alone and second in a pack', async (t) => {
      if (backend === 'tensorflow' && !nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1')
        return t.skip('tfjs-node does not load here');
      await useBackend(backend);
      const config = (seed: number) =>
        runConfigSchema.parse({
          seed,
          backend,
          dataset: { kind: 'spirals', samples: 97 },
          model: { depth: 3, width: 130 },
          training: { epochs: 1, batchSize: 30, optimizer: 'sgd' },
          metrics: { probeSize: 5 },
        });
      const configs = [config(1), config(2)];
      const [alone, packed] = [await trainInPacks(configs, [[0], [1]]), await trainInPacks(configs, [[0, 1]])];
      assert.deepEqual(packed[1], alone[1]);
    });
  });
}
