#!/usr/bin/env node
// Which kernels round differently on this CPU? Runs the kernels a pack's training step and its
// measurements use, at configs/deep.json's and the wide model's shapes, on seeded inputs, and
// prints a short hash of each output's bytes. Run it on two CPUs (or under `qemu-x86_64 -cpu
// MODEL node ...`) and diff the lines: a kernel whose hash differs takes another code path there.
//
//   node scripts/lab/kernel-probe.mjs [tensorflow|wasm|cpu] [threads]   (after npm run build)
//
// The inputs are drawn in double precision from a fixed LCG and rounded to float32, so they are
// identical everywhere; only the kernels can make the hashes differ.
import { createHash } from 'node:crypto';

const backendName = process.argv[2] ?? 'tensorflow';
const threads = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const { useBackend, describeBackend } = await import('../../dist/experiments/backend.js');
const tf = await import('@tensorflow/tfjs-core');
const info = await useBackend(backendName, threads === undefined ? {} : { threads });

let state = 12345;
/** Uniform in [-1, 1) from a 31-bit LCG: the same numbers on every machine. */
const uniform = () => {
  state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
  return state / 2 ** 30 - 1;
};
const random = (shape, scale = 1) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => uniform() * scale),
    shape,
  );
const hash = (tensor) => createHash('sha256').update(Buffer.from(tensor.dataSync().buffer)).digest('hex').slice(0, 12);

const cases = [];
const probe = (name, make) => cases.push([name, make]);

// configs/deep.json: one pack of 9 runs, batch 64, width 16, 2 inputs, 2 classes, 2,000 rows.
for (const [a, b] of [
  [
    [9, 64, 2],
    [9, 2, 16],
  ],
  [
    [9, 64, 16],
    [9, 16, 16],
  ],
  [
    [9, 64, 16],
    [9, 16, 2],
  ],
  [
    [9, 2000, 16],
    [9, 16, 16],
  ],
  [
    [9, 1, 2000],
    [9, 2000, 16],
  ],
]) {
  probe(`matMul ${JSON.stringify(a)}x${JSON.stringify(b)}`, () => tf.matMul(random(a), random(b)));
}
probe('matMul [9,64,16]^T x [9,64,16] (dK)', () => tf.matMul(random([9, 64, 16]), random([9, 64, 16]), true, false));
probe('matMul [9,64,16] x [9,16,16]^T (da)', () => tf.matMul(random([9, 64, 16]), random([9, 16, 16]), false, true));
// The wide model: one run, batch 256, width 256.
probe('matMul [1,256,256]x[1,256,256]', () => tf.matMul(random([1, 256, 256]), random([1, 256, 256])));
probe('matMul [1,256,256]^T x [1,256,256] (dK)', () =>
  tf.matMul(random([1, 256, 256]), random([1, 256, 256]), true, false),
);
probe('matMul 2-D [64,16]x[16,16]', () => tf.matMul(random([64, 16]), random([16, 16])));
probe('matMul 2-D [256,256]x[256,256]', () => tf.matMul(random([256, 256]), random([256, 256])));
// Reductions, as the loss, the bias gradients and the gradient norms use them.
probe('sum [9,64,16] axis 1', () => tf.sum(random([9, 64, 16]), 1, true));
probe('sum [9,1600,2] axes 1,2', () => tf.sum(random([9, 1600, 2]), [1, 2]));
probe('sum [31,9,16,16] axes 2,3 of squares', () => tf.sum(tf.square(random([31, 9, 16, 16])), [2, 3]));
probe('sum [1,256,256] axis 1', () => tf.sum(random([1, 256, 256]), 1, true));
probe('sum 65,536 (all)', () => tf.sum(random([65536])));
probe('mean [9,64,16] axis 1', () => tf.mean(random([9, 64, 16]), 1));
// Elementwise transcendental kernels.
probe('exp [9,64,16]', () => tf.exp(random([9, 64, 16], 8)));
probe('log [9,64,16]', () => tf.log(tf.add(random([9, 64, 16]), 1.5)));
probe('sqrt [65536]', () => tf.sqrt(tf.abs(random([65536]))));
probe('softmax [9,64,2]', () => tf.softmax(random([9, 64, 2], 8)));
probe('logSoftmax [9,2000,2]', () => tf.logSoftmax(random([9, 2000, 2], 8)));
probe('softmax [9,64,10]', () => tf.softmax(random([9, 64, 10], 8)));
probe('reciprocal [65536]', () => tf.reciprocal(tf.add(tf.abs(random([65536])), 0.1)));
probe('rsqrt [65536]', () => tf.rsqrt(tf.add(tf.abs(random([65536])), 0.1)));
probe('tanh [9,64,16]', () => tf.tanh(random([9, 64, 16], 4)));
probe('sigmoid [9,64,16]', () => tf.sigmoid(random([9, 64, 16], 4)));
probe('erf [9,64,16]', () => tf.erf(random([9, 64, 16], 2)));
probe('expm1 [9,64,16]', () => tf.expm1(random([9, 64, 16], 2)));
probe('selu [9,64,16]', () => tf.selu(random([9, 64, 16], 2)));
probe('max [9,64,2] axis 2', () => tf.max(random([9, 64, 2]), 2, true));
probe('sum [9,64,2] axis 2', () => tf.sum(random([9, 64, 2]), 2, true));
probe('div [9,64,2] by [9,64,1]', () => tf.div(random([9, 64, 2]), tf.add(tf.abs(random([9, 64, 1])), 0.5)));
probe('grad of tanh (TanhGrad)', () => tf.grad((x) => tf.sum(tf.tanh(x)))(random([9, 64, 16], 2)));
probe('grad of sigmoid', () => tf.grad((x) => tf.sum(tf.sigmoid(x)))(random([9, 64, 16], 2)));
probe('grad of logSoftmax', () =>
  tf.grad((x) => tf.sum(tf.mul(tf.logSoftmax(x), random([9, 64, 2]))))(random([9, 64, 2], 4)),
);
probe('div, add [65536]', () => tf.div(random([65536]), tf.add(tf.abs(random([65536])), 1e-7)));
// The optimizer's update on a flat vector (src/experiments/training/pack/optimizer.ts's Adam).
probe('adam update [20000]', () => {
  const [g, m, v, w] = [random([20000]), random([20000], 0.1), tf.abs(random([20000], 0.01)), random([20000])];
  const newM = tf.add(tf.mul(m, 0.9), tf.mul(g, 1 - 0.9));
  const newV = tf.add(tf.mul(v, 0.999), tf.mul(tf.square(g), 1 - 0.999));
  const mHat = tf.div(newM, tf.sub(1, tf.scalar(Math.fround(0.9 ** 3))));
  const vHat = tf.div(newV, tf.sub(1, tf.scalar(Math.fround(0.999 ** 3))));
  return tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), 1e-7)), -0.01), w);
});
probe('tf.train.adam 3 steps [64,64]', () => {
  const w = tf.variable(random([64, 64]));
  const x = random([32, 64]);
  const optimizer = tf.train.adam(0.01);
  for (let i = 0; i < 3; i++) optimizer.minimize(() => tf.mean(tf.square(tf.tanh(tf.matMul(x, w)))));
  const out = w.clone();
  w.dispose();
  optimizer.dispose();
  return out;
});

console.log(`# ${describeBackend(info)}`);
for (const [name, make] of cases) {
  const out = tf.tidy(make);
  console.log(`${hash(out)}  ${name}`);
  out.dispose();
}
