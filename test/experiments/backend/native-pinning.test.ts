/**
 * The native backend's kernels pinned to one code path (src/experiments/native-pinning.ts): the
 * environment oneDNN reads, and Softmax, Reciprocal and Rsqrt computed from exactly rounded
 * kernels, so their bits no longer follow the CPU's approximate rcpps/rsqrtps.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { probeBackends, useBackend } from '../../../src/experiments/backend/load.js';
import { pinNativeEnvironment, PINNED_ONEDNN_ISA } from '../../../src/experiments/backend/native-pinning.js';

describe('pinNativeEnvironment', () => {
  test('caps oneDNN at AVX2 when nothing is set', () => {
    const env: NodeJS.ProcessEnv = {};
    pinNativeEnvironment(env);
    assert.deepEqual(env, { ONEDNN_MAX_CPU_ISA: 'AVX2' });
    assert.equal(PINNED_ONEDNN_ISA, 'AVX2');
  });

  test('leaves a cap the user set', () => {
    const env: NodeJS.ProcessEnv = { ONEDNN_MAX_CPU_ISA: 'ALL' };
    pinNativeEnvironment(env);
    assert.equal(env.ONEDNN_MAX_CPU_ISA, 'ALL');
  });
});

const native = (await probeBackends()).find((probe) => probe.name === 'tensorflow');
const required = process.env.DEAD_NEURONS_REQUIRE_NATIVE === '1';
const skip = native?.loads || required ? false : `native backend not available: ${native?.reason}`;

/** Inputs whose reciprocals Eigen's rcpps-plus-Newton step rounds wrongly in about a third of cases on an Intel CPU. */
const inputs = Float32Array.from({ length: 4096 }, (_, i) => Math.fround(0.1 + i * 0.001));

/** The values of what `make` returns; every tensor made on the way disposed. */
function read(make: () => tf.Tensor): Float32Array {
  const tensor = tf.tidy(make);
  const values = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return values;
}

describe('exact native kernels', () => {
  test(
    'Reciprocal and Rsqrt on tensorflow give the correctly rounded 1/x and the rounding of 1/sqrt(x)',
    { skip },
    async () => {
      await useBackend('tensorflow');
      const x = tf.tensor1d(inputs);
      const reciprocal = tf.reciprocal(x).dataSync();
      const rsqrt = tf.rsqrt(x).dataSync();
      inputs.forEach((value, i) => {
        assert.equal(reciprocal[i], Math.fround(1 / value), `1/${value}`);
        assert.equal(rsqrt[i], Math.fround(1 / Math.fround(Math.sqrt(value))), `1/sqrt(${value})`);
      });
      x.dispose();
    },
  );

  test(
    'Softmax on tensorflow is exp(x - max) / sum, divided exactly, with tfjs-core gradient and no leaked tensor',
    { skip },
    async () => {
      await useBackend('tensorflow');
      const rows = 512;
      const logits = Float32Array.from({ length: rows * 3 }, (_, i) => Math.fround(Math.sin(i) * 4));
      const before = tf.memory().numTensors;
      const x = tf.tensor2d(logits, [rows, 3]);
      const softmax = read(() => tf.softmax(x));
      const gradient = read(() =>
        tf.grad((z: tf.Tensor) => tf.sum(tf.mul(tf.softmax(z), tf.tensor2d([1, 2, 3], [1, 3]))))(x),
      );
      x.dispose();
      assert.equal(tf.memory().numTensors, before);
      // The same arithmetic as the kernel, one float32 operation at a time, with the native exp.
      const exps = read(() => {
        const t = tf.tensor2d(logits, [rows, 3]);
        return tf.exp(tf.sub(t, tf.max(t, 1, true)));
      });
      for (let r = 0; r < rows; r++) {
        const [a, b, c] = [exps[3 * r], exps[3 * r + 1], exps[3 * r + 2]];
        const sum = Math.fround(Math.fround(a + b) + c);
        for (let k = 0; k < 3; k++)
          assert.equal(softmax[3 * r + k], Math.fround(exps[3 * r + k] / sum), `row ${r}, class ${k}`);
        // d/dz Σ w·softmax(z) = s·(w - Σ s·w): finite and summing to about zero per row.
        const g = [0, 1, 2].map((k) => gradient[3 * r + k]);
        assert.ok(Math.abs(g[0] + g[1] + g[2]) < 1e-5, `row ${r}: gradient sums to ${g[0] + g[1] + g[2]}`);
      }
    },
  );
});
