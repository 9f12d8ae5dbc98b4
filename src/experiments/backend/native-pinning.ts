/**
 * What keeps TensorFlow's native CPU kernels on one code path on every x86-64 CPU with AVX2, so
 * a results folder made on one such machine reproduces bit for bit on another (measured under
 * qemu's CPU models and on an AVX-512 host: docs/reproducibility.md). Two things moved the bits:
 *
 * - oneDNN's sgemm, which TensorFlow's Eigen contractions (MatMul, BatchMatMul) call even with
 *   TF_ENABLE_ONEDNN_OPTS=0, picks its JIT kernels by the CPU's instruction set at run time:
 *   48 of 200 matMul shapes probed round differently with AVX-512 than with AVX2.
 *   ONEDNN_MAX_CPU_ISA=AVX2 caps it, and then all 200 match a Haswell's.
 * - Eigen's reciprocal (Softmax multiplies by it, and Reciprocal and Rsqrt are it) starts from
 *   the CPU's approximate rcpps/rsqrtps and refines it by one Newton step, so its last bit
 *   follows that CPU's approximation table (Intel's and AMD's differ; qemu computes it exactly).
 *   Softmax, Reciprocal and Rsqrt are therefore computed here from exactly rounded kernels
 *   (max, sub, exp, sum, div, sqrt), which every CPU rounds alike.
 *
 * Only backend.ts calls this, when it loads tfjs-node; nothing here loads tfjs-node itself.
 */
import * as tf from '@tensorflow/tfjs-core';

/** oneDNN's instruction-set cap: the level every x86-64 CPU since 2013 (Haswell, Zen) has. */
export const PINNED_ONEDNN_ISA = 'AVX2';

/**
 * Sets the environment oneDNN reads when it first runs a kernel, unless the caller set it: an
 * explicit ONEDNN_MAX_CPU_ISA (e.g. ALL, for AVX-512 speed) wins and the manifest records it.
 */
export function pinNativeEnvironment(env: NodeJS.ProcessEnv): void {
  env.ONEDNN_MAX_CPU_ISA ??= PINNED_ONEDNN_ISA;
}

const FLOAT_ONLY = (name: string, dtype: string) => {
  if (dtype !== 'float32') throw new Error(`${name}: exact kernel takes float32, got ${dtype}`);
};

/** softmax = exp(x - max) / Σ exp(x - max) over the last axis, divided exactly. */
function exactSoftmax(logits: tf.Tensor): tf.Tensor {
  const axis = logits.rank - 1;
  const shifted = tf.exp(tf.sub(logits, tf.max(logits, axis, true)));
  return tf.div(shifted, tf.sum(shifted, axis, true));
}

const EXACT_KERNELS: { kernelName: string; kernelFunc: (inputs: tf.NamedTensorMap) => tf.Tensor }[] = [
  { kernelName: 'Softmax', kernelFunc: ({ logits }) => (FLOAT_ONLY('Softmax', logits.dtype), exactSoftmax(logits)) },
  { kernelName: 'Reciprocal', kernelFunc: ({ x }) => (FLOAT_ONLY('Reciprocal', x.dtype), tf.div(1, x)) },
  { kernelName: 'Rsqrt', kernelFunc: ({ x }) => (FLOAT_ONLY('Rsqrt', x.dtype), tf.div(1, tf.sqrt(x))) },
];

/**
 * Replaces the native backend's Softmax, Reciprocal and Rsqrt kernels by compositions of
 * exactly rounded kernels. Ops run inside a kernel are not taped, so gradients stay those of
 * tfjs-core's ops. Call once, after tfjs-node has registered its own kernels.
 */
export function registerExactNativeKernels(backendName = 'tensorflow'): void {
  for (const { kernelName, kernelFunc } of EXACT_KERNELS) {
    if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs }) => tf.tidy(() => kernelFunc(inputs as tf.NamedTensorMap)),
    });
  }
}
