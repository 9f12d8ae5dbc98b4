import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.js';
import type { Dataset, DatasetConfig } from '../../src/experiments/datasets/types.js';

/** A resolved dataset config as the schema would produce it, with overrides. */
export function datasetConfig(overrides: Partial<DatasetConfig>): DatasetConfig {
  return {
    kind: 'spirals',
    samples: 2000,
    inputDim: null,
    classes: null,
    noise: 0.1,
    testFraction: 0.2,
    path: null,
    target: null,
    header: null,
    skipRows: null,
    ...overrides,
  };
}

/** Raw bytes of every array, for byte-identical comparisons. */
export function bytesOf(dataset: Dataset): Buffer {
  const { train, test } = dataset;
  const arrays = [train.x, train.y, test.x, test.y];
  return Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
}

/** How many examples of each class across train and test. */
export function classCountsOf(dataset: Dataset): number[] {
  const counts = new Array<number>(dataset.outputDim).fill(0);
  for (const y of [...dataset.train.y, ...dataset.test.y]) counts[y]++;
  return counts;
}

/** The problems of the ConfigError that `run` throws. */
export function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected a ConfigError, nothing was thrown');
}

/** Checks the shapes every dataset must satisfy. */
export function assertShapes(dataset: Dataset, n: number, testFraction: number): void {
  const nTest = Math.round(n * testFraction);
  const yDim = dataset.task === 'classification' ? 1 : dataset.outputDim;
  assert.equal(dataset.test.n, nTest);
  assert.equal(dataset.train.n, n - nTest);
  for (const side of [dataset.train, dataset.test]) {
    assert.ok(side.x instanceof Float32Array && side.y instanceof Float32Array);
    assert.equal(side.x.length, side.n * dataset.inputDim);
    assert.equal(side.y.length, side.n * yDim);
  }
}
