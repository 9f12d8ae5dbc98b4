/**
 * The one train/test split every kind goes through, so all kinds hold out data the same way.
 */
import { createRng } from '../rng.js';
import type { Examples } from './examples.js';
import type { Split } from './types.js';

/**
 * Shuffles the examples with the seed's 'split' stream, keeps the first `limit` of them (real
 * datasets can hold more than `samples` asks for, and this picks which ones; null keeps all), then holds out
 * round(kept * testFraction) as the test set. Generated kinds list examples class by class, so the
 * shuffle also mixes classes within each side.
 */
export function splitExamples(
  all: Examples,
  limit: number | null,
  testFraction: number,
  seed: number,
): { train: Split; test: Split } {
  const order = createRng(seed, 'split').permutation(all.n);
  const { train, test } = splitSizes(all.n, limit, testFraction);
  return {
    train: gather(all, order.subarray(test, test + train)),
    test: gather(all, order.subarray(0, test)),
  };
}

/** How many of `n` examples splitExamples puts on each side, without touching any data. */
export function splitSizes(n: number, limit: number | null, testFraction: number): { train: number; test: number } {
  const kept = Math.min(limit ?? n, n);
  const test = Math.round(kept * testFraction);
  return { train: kept - test, test };
}

function gather(all: Examples, rows: Int32Array): Split {
  const { inputDim, yDim } = all;
  const x = new Float32Array(rows.length * inputDim);
  const y = new Float32Array(rows.length * yDim);
  rows.forEach((row, i) => {
    x.set(all.x.subarray(row * inputDim, (row + 1) * inputDim), i * inputDim);
    y.set(all.y.subarray(row * yDim, (row + 1) * yDim), i * yDim);
  });
  return { n: rows.length, x, y };
}
