import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { ConcreteBackend } from '../../src/experiments/config/tables.js';

/** The backends every tensor test runs on: both always install (tfjs-node may not). */
export const TEST_BACKENDS: readonly ConcreteBackend[] = ['cpu', 'wasm'];

/** Asserts every element of `actual` is within `tolerance` of `expected`. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  label = '',
): void {
  assert.equal(actual.length, expected.length, `${label} length`);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= tolerance;
    assert.ok(ok, `${label}[${i}]: got ${actual[i]}, expected ${expected[i]} ± ${tolerance}`);
  }
}

/** Runs `body` and asserts it leaves `tf.memory().numTensors` where it found it. */
export async function assertNoLeakedTensors<T>(body: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await body();
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  return result;
}
