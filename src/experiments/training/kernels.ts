/**
 * The kernels of a pack whose results could depend on where a run sits in its pack, in forms that
 * do not: a run trains to the same bits alone, in any pack and in any position of a pack.
 * Profiled per kernel on each backend (a slice of a pack's result against the same run computed
 * alone or beside another run), three things moved a run's numbers, all on the native backend but
 * the last:
 *
 * - TensorFlow multiplies a batch of one matrix by another code path than a batch of several:
 *   Eigen's tensor contraction where every matrix dimension exceeds 1 and the product is at most
 *   128·128 multiply-adds, Eigen's matrix product for a batch (batch_matmul_op_impl.h). A pack
 *   of one multiplies such products as a batch of two, itself twice.
 * - Vectorised exp, log, expm1 and sigmoid round differently from their scalar tails, and Eigen
 *   computes the last (size mod packet) elements of a buffer, or of an internal block of a fused
 *   kernel such as Softmax, with the scalar code; which elements those are depends on the pack's
 *   size and the run's place in it. Such functions run here on a buffer padded by one packet, so
 *   that every element of every run takes the vectorised path, and softmax and log-softmax are
 *   built from those elementwise kernels and exact ones (max, subtract, divide, row sums).
 * - A sum over the rows of [R, rows, W] reduces a middle axis, which Eigen vectorises across the
 *   R·W outputs, a packet straddling two runs when W is no multiple of it. As a product with a
 *   row of ones ([R, 1, rows] · [R, rows, W]) each run's sum is its own matrix-vector product.
 * - A long sum (a kernel's squared gradient, a loss over many rows) is summed as a tree whose
 *   splits fall on packet boundaries of the whole buffer, so they move with the sum's offset in
 *   it. Each sum padded with zeros to a whole number of packets starts on such a boundary.
 * - On WebAssembly a batch of one, untransposed, goes to XNNPACK, a batch of several to a loop
 *   that sums the products 48 at a time: they agree up to 48 terms. Beyond that a pack of one
 *   multiplies with its right operand transposed, which takes the loop.
 *
 * On cpu every kernel is already a plain loop per element, so it takes TF.js's own kernels, as
 * do the kernels a backend computes the same way in every position. The property test
 * (test/experiments/training/pack-invariance.test.ts) holds all of this to a run's records.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface PackKernels {
  /** a·b (either transposed) for [R, ·, ·] operands, R ≥ 1. */
  matMul: (a: tf.Tensor3D, b: tf.Tensor3D, transposeA?: boolean, transposeB?: boolean) => tf.Tensor3D;
  /** Σ over axis 1 of [R, rows, W], kept: [R, 1, W]. */
  sumRows: (x: tf.Tensor3D) => tf.Tensor3D;
  /** Σ over every axis after the first: [n, ...] → [n]. */
  sumEach: (x: tf.Tensor) => tf.Tensor1D;
  /** z + b for z [R, rows, W] and b [R, 1, W]; `differentiable`: under tf.grads, b's gradient by sumRows. */
  addBias: (z: tf.Tensor3D, b: tf.Tensor3D, differentiable?: boolean) => tf.Tensor3D;
  /** Softmax and log-softmax over the last axis of [R, rows, C]. */
  softmax: (x: tf.Tensor3D) => tf.Tensor3D;
  logSoftmax: (x: tf.Tensor3D) => tf.Tensor3D;
  /** An elementwise function whose vectorised and scalar code round differently (exp, expm1, sigmoid, erf, selu). */
  elementwise: <T extends tf.Tensor>(fn: (x: tf.Tensor) => tf.Tensor, x: T) => T;
}

/**
 * Products of at most this many multiply-adds go through Eigen's matrix product when batched and
 * its tensor contraction alone (TensorFlow's kMaxCostOuterParallelism).
 */
const NATIVE_BATCHED_PRODUCT_MAX = 128 * 128;
/** Elements of the widest vector register TensorFlow's Eigen may use (AVX-512: 16 floats). */
const NATIVE_PACKET = 16;
/** Terms the WebAssembly backend's batched loop sums before adding to the output. */
const WASM_BLOCK = 48;

const plain: PackKernels = {
  matMul: (a, b, transposeA = false, transposeB = false) => tf.matMul(a, b, transposeA, transposeB),
  sumRows: (x) => tf.sum(x, 1, true),
  sumEach: (x) =>
    tf.sum<tf.Tensor1D>(
      x,
      x.shape.slice(1).map((_, i) => i + 1),
    ),
  addBias: (z, b) => tf.add(z, b),
  softmax: (x) => tf.softmax(x),
  logSoftmax: (x) => tf.logSoftmax(x),
  elementwise: (fn, x) => fn(x) as typeof x,
};

/** m·k·n and the smallest of m, k, n of a product. */
function productShape(a: tf.Tensor3D, b: tf.Tensor3D, transposeB: boolean): { cost: number; smallest: number } {
  const n = transposeB ? b.shape[1] : b.shape[2];
  return { cost: a.shape[1] * a.shape[2] * n, smallest: Math.min(a.shape[1], a.shape[2], n) };
}

/** fn on x's elements with one packet of zeros after them, so none falls in the scalar tail. */
function vectorised<T extends tf.Tensor>(fn: (x: tf.Tensor) => tf.Tensor, x: T): T {
  if (x.size % NATIVE_PACKET === 0) return fn(x) as T; // no tail at all, in any pack
  const padded = tf.concat([tf.reshape(x, [-1]), tf.zeros([NATIVE_PACKET])]);
  return tf.reshape(tf.slice(fn(padded), 0, x.size), x.shape) as T;
}

const onesRows = (x: tf.Tensor3D) => tf.ones<tf.Rank.R3>([x.shape[0], 1, x.shape[1]]);

/** A middle-axis sum is safe where every run's W outputs fill whole packets. */
const nativeSumRows = (x: tf.Tensor3D): tf.Tensor3D =>
  x.shape[2] % NATIVE_PACKET === 0 ? tf.sum<tf.Tensor3D>(x, 1, true) : tf.matMul(onesRows(x), x);

/** z + b whose gradient for b is nativeSumRows (TF.js's own sums the middle axis). */
const nativeBiasAdd = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [z, b] = args as [tf.Tensor3D, tf.Tensor3D];
  return { value: tf.add(z, b), gradFunc: (dy: tf.Tensor) => [dy, nativeSumRows(dy as tf.Tensor3D)] };
}) as (z: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

const native: PackKernels = {
  matMul: (a, b, transposeA = false, transposeB = false) => {
    const { cost, smallest } = productShape(a, b, transposeB);
    if (a.shape[0] > 1 || smallest <= 1 || cost > NATIVE_BATCHED_PRODUCT_MAX)
      return tf.matMul(a, b, transposeA, transposeB);
    // A batch of two takes the batched path; the first is the product. (Broadcasting b instead
    // would save a copy, but TF.js's gradient of a broadcast batch product has the wrong shape.)
    const twice = tf.matMul(tf.concat([a, a]), tf.concat([b, b]), transposeA, transposeB);
    return tf.slice(twice, [0, 0, 0], [1, -1, -1]) as tf.Tensor3D;
  },
  sumRows: nativeSumRows,
  sumEach: (x) => {
    const [n, ...rest] = x.shape;
    const length = rest.reduce((a, b) => a * b, 1);
    const rows = tf.reshape(x, [n, length]);
    const pad = (NATIVE_PACKET - (length % NATIVE_PACKET)) % NATIVE_PACKET;
    return tf.sum(
      pad === 0
        ? rows
        : tf.pad(rows, [
            [0, 0],
            [0, pad],
          ]),
      1,
    );
  },
  addBias: (z, b, differentiable = false) =>
    differentiable && z.shape[2] % NATIVE_PACKET !== 0 ? nativeBiasAdd(z, b) : tf.add(z, b),
  softmax: (x) => {
    const e = vectorised(tf.exp, tf.sub(x, tf.max(x, 2, true)));
    return tf.div(e, tf.sum(e, 2, true));
  },
  logSoftmax: (x) => {
    const shifted = tf.sub(x, tf.max(x, 2, true));
    return tf.sub(shifted, vectorised(tf.log, tf.sum(vectorised(tf.exp, shifted), 2, true)));
  },
  elementwise: vectorised,
};

/**
 * a·b on WebAssembly's loop for a batch of one: as a·(bᵀ)ᵀ. Its gradient is TF.js's own for a·b
 * (dy·bᵀ and aᵀ·dy), whose products are transposed and so take the loop too.
 */
const wasmLoopMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, tf.transpose(b, [0, 2, 1]), false, true),
    gradFunc: (dy: tf.Tensor, [x, y]: tf.Tensor[]) => [tf.matMul(dy, y, false, true), tf.matMul(x, dy, true, false)],
  };
}) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

const wasm: PackKernels = {
  ...plain,
  matMul: (a, b, transposeA = false, transposeB = false) => {
    if (a.shape[0] > 1 || transposeA || transposeB || a.shape[2] <= WASM_BLOCK)
      return tf.matMul(a, b, transposeA, transposeB);
    return wasmLoopMatMul(a, b);
  },
};

/**
 * Whether a pack of one trains beside a twin, a copy of itself whose records are dropped: on
 * native where its hidden layers' products ([rows, width] · [width, width]) are small enough for
 * TensorFlow's batch-of-one path. There a pack of two costs less than making every product a batch
 * of two (profiled: depth 32, width 16, batch 64, 10.3 against 19.8 ms a step); wider packs of one
 * multiply their few small products as batches of two instead.
 */
export function trainsWithTwin(
  pack: { runs: number; rows: number; width: number },
  backend: string = tf.getBackend(),
): boolean {
  return (
    backend === 'tensorflow' &&
    pack.runs === 1 &&
    pack.width > 1 &&
    pack.rows * pack.width ** 2 <= NATIVE_BATCHED_PRODUCT_MAX
  );
}

/** The kernels for the backend TF.js computes on now. */
export function packKernels(backend = tf.getBackend()): PackKernels {
  return backend === 'tensorflow' ? native : backend === 'wasm' ? wasm : plain;
}
