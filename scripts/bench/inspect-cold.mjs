#!/usr/bin/env node
// `inspect` from a cold start: a fresh `node bin/dead-neurons.js inspect` process per repeat, on a
// 10-layer, 512-wide Dense ReLU model (input 512, 2.6 million weights) and 1,000 gaussian probe
// rows, per backend. Wall time of the whole process: Node start-up, loading TF.js and the backend,
// reading and building the model, the forward pass, the table; and its CPU time (user + sys, from
// GNU time), which other work on a shared machine does not inflate as it does the wall time.
// Needs `npm run build` first.
// Usage: node scripts/bench/inspect-cold.mjs [repeats=5] [backends=auto,tensorflow,wasm]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const repeats = Number(process.argv[2] ?? 5);
const backends = (process.argv[3] ?? 'auto,tensorflow,wasm').split(',');
const DEPTH = 10;
const WIDTH = 512;

/** model.json and weights.bin of the model, written directly (a TF.js layers model, as model.save writes it). */
function writeModel(dir) {
  const layers = Array.from({ length: DEPTH }, (_, i) => ({
    class_name: 'Dense',
    config: {
      name: `dense_${i + 1}`,
      units: WIDTH,
      activation: 'relu',
      use_bias: true,
      ...(i === 0 && { batch_input_shape: [null, WIDTH] }),
      // As model.save writes them; inspect builds with zeros instead, since the weights replace them.
      kernel_initializer: {
        class_name: 'VarianceScaling',
        config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: null },
      },
      bias_initializer: { class_name: 'Zeros', config: {} },
    },
  }));
  const topology = {
    class_name: 'Sequential',
    config: { name: 'wide', layers },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
  const weights = layers.flatMap((layer) => [
    { name: `${layer.config.name}/kernel`, shape: [WIDTH, WIDTH], dtype: 'float32' },
    { name: `${layer.config.name}/bias`, shape: [WIDTH], dtype: 'float32' },
  ]);
  const values = new Float32Array(DEPTH * (WIDTH * WIDTH + WIDTH));
  // He-scaled uniform values from a fixed LCG: any weights do, the work is the same.
  let state = 1;
  const scale = Math.sqrt(6 / WIDTH);
  for (let i = 0; i < values.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    values[i] = (state / 2 ** 32 - 0.5) * 2 * scale;
  }
  writeFileSync(
    join(dir, 'model.json'),
    JSON.stringify({
      modelTopology: topology,
      format: 'layers-model',
      generatedBy: 'scripts/bench/inspect-cold.mjs',
      convertedBy: null,
      weightsManifest: [{ paths: ['weights.bin'], weights }],
    }),
  );
  writeFileSync(join(dir, 'weights.bin'), Buffer.from(values.buffer));
}

const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-inspect-bench-'));
writeModel(dir);
console.log(
  `inspect of a ${DEPTH} x ${WIDTH} Dense ReLU model, 1,000 gaussian probe rows, fresh process; median of ${repeats}`,
);
const GNU_TIME = '/usr/bin/time';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const backend of backends) {
  const times = [];
  const cpu = [];
  let used = '';
  for (let i = 0; i < repeats; i++) {
    const inspect = [
      process.execPath,
      join(ROOT, 'bin', 'dead-neurons.js'),
      'inspect',
      join(dir, 'model.json'),
      '--probe',
      '1000',
      '--backend',
      backend,
      '--format',
      'csv',
    ];
    const timed = existsSync(GNU_TIME) ? [GNU_TIME, '-f', '%U %S', '-o', join(dir, 'cpu'), ...inspect] : inspect;
    const start = process.hrtime.bigint();
    const child = spawnSync(timed[0], timed.slice(1), { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (child.status !== 0) throw new Error(`${backend}: exit ${child.status}: ${child.stderr}`);
    if (timed !== inspect)
      cpu.push(
        readFileSync(join(dir, 'cpu'), 'utf8')
          .trim()
          .split(' ')
          .map(Number)
          .reduce((a, b) => a + b, 0),
      );
    used = /backend: (\S+)/.exec(child.stderr)?.[1] ?? '?';
  }
  const cpuText =
    cpu.length > 0 ? `  cpu ${median(cpu).toFixed(2)} s [${cpu.map((t) => t.toFixed(2)).join(', ')}]` : '';
  console.log(
    `${`${backend} (${used})`.padEnd(24)} wall ${median(times).toFixed(2)} s [${times.map((t) => t.toFixed(2)).join(', ')}]${cpuText}`,
  );
}
