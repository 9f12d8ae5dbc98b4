#!/usr/bin/env node
// One hash per batched matMul shape (batch x M x K x N, 200 shapes around the pack step's): run
// on two CPUs, or with ONEDNN_MAX_CPU_ISA set differently, and diff the outputs to see which
// shapes oneDNN's sgemm computes along another code path. After npm run build:
//   node scripts/lab/matmul-grid.mjs [tensorflow|wasm|cpu] > host.txt
import { createHash } from 'node:crypto';
const { useBackend } = await import('../../dist/experiments/backend.js');
const tf = await import('@tensorflow/tfjs-core');
await useBackend(process.argv[2] ?? 'tensorflow');
let state = 12345;
const uniform = () => {
  state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
  return state / 2 ** 30 - 1;
};
const random = (shape, scale = 1) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => uniform() * scale),
    shape,
  );
const hash = (t) => createHash('sha256').update(Buffer.from(t.dataSync().buffer)).digest('hex').slice(0, 8);
const out = [];
for (const B of [1, 9])
  for (const M of [1, 16, 32, 64, 256])
    for (const K of [2, 16, 32, 64, 256])
      for (const N of [2, 16, 64, 256]) {
        out.push(`${B}x${M}x${K}x${N}:${hash(tf.matMul(random([B, M, K]), random([B, K, N])))}`);
      }
console.log(out.join('\n'));
