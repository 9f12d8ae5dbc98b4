/**
 * reproduce across CPUs, with qemu-user as the other CPU: a sweep made on an emulated AVX2-only
 * Haswell reproduces bit for bit on this machine (native kernels pinned to AVX2); where the
 * kernels differ (ONEDNN_MAX_CPU_ISA=ALL lets this machine's AVX-512 kernels run) reproduce says
 * so in one line and checks statistically, from either side; a doctored folder (one number
 * changed, one run dropped) fails with either kernel level. Runs the compiled CLI (npm run build), since the
 * kernel level is fixed when a process loads tfjs-node.
 *
 * Needs qemu-user (apt-get install qemu-user), the native backend and an x86-64 machine. CI
 * (CI=true) and DEAD_NEURONS_REQUIRE_QEMU=1 fail here instead of skipping.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { probeBackends } from '../../src/experiments/backend/load.js';
import { workspace } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
const required = process.env.CI === 'true' || process.env.DEAD_NEURONS_REQUIRE_QEMU === '1';
const qemu = spawnSync('qemu-x86_64', ['--version']).status === 0;
const native = (await probeBackends()).find((probe) => probe.name === 'tensorflow')?.loads ?? false;
const missing = [
  !qemu && 'qemu-user (apt-get install qemu-user)',
  !native && 'the native backend',
  process.arch !== 'x64' && 'an x86-64 machine',
].filter(Boolean);
const skip = missing.length === 0 || required ? false : `needs ${missing.join(', ')}`;

/**
 * The smallest sweep found whose files differ between AVX2 and AVX-512 native kernels: one pack
 * of three width-32 runs at batch 32 (oneDNN's sgemm takes another code path for [3, 32, 32]
 * products there); three seeds, so the paired test can run.
 */
const SWEEP = {
  name: 'cross-cpu',
  backend: 'tensorflow',
  dataset: { kind: 'spirals', samples: 200 },
  model: { depth: 4, width: 32 },
  training: { epochs: 2, batchSize: 32, learningRate: 0.01 },
  metrics: { probeSize: 100 },
  sweep: { seed: [1, 2, 3] },
};

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in a process of its own: on this CPU, or on qemu's Haswell; `kernels: 'ALL'` lifts the AVX2 pin. */
function dn(args: string[], cwd: string, where: { cpu: 'host' | 'Haswell'; kernels?: 'ALL' }): Promise<Outcome> {
  const env = { ...process.env, ...(where.kernels ? { ONEDNN_MAX_CPU_ISA: where.kernels } : {}) };
  if (!where.kernels) delete env.ONEDNN_MAX_CPU_ISA;
  const [command, argv] =
    where.cpu === 'host'
      ? [process.execPath, [BIN, ...args]]
      : ['qemu-x86_64', ['-cpu', 'Haswell', process.execPath, BIN, ...args]];
  return new Promise((resolve) => {
    execFile(command, argv, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      // qemu warns about CPU features its emulator lacks; they are not the tool's output.
      resolve({
        code,
        stdout,
        stderr: stderr
          .split('\n')
          .filter((line) => !line.includes("TCG doesn't support"))
          .join('\n'),
      });
    });
  });
}

const ON_HOST = { cpu: 'host', kernels: 'ALL' } as const;
const ON_HOST_PINNED = { cpu: 'host' } as const;
const ON_HASWELL = { cpu: 'Haswell' } as const;

describe('reproduce across CPUs (qemu-user)', { skip }, () => {
  assert.deepEqual(missing, [], `required here (CI or DEAD_NEURONS_REQUIRE_QEMU=1) but missing: ${missing.join(', ')}`);
  const dir = workspace({ 'sweep.json': JSON.stringify(SWEEP) });
  // Emulated processes take most of this file's time, so everything starts at once: the
  // Haswell's run, and as soon as the AVX-512 folder exists, the Haswell's reproduce of it and
  // this machine's reproduces of its doctored copies.
  const avx512 = dn(['run', 'sweep.json', '--out', 'avx512', '-q', '--jobs', '1'], dir, ON_HOST);
  const made = Promise.all([
    dn(['run', 'sweep.json', '--out', 'haswell', '-q', '--jobs', '1'], dir, ON_HASWELL),
    avx512,
  ]);
  const avx512OnHaswell = avx512.then(() => dn(['reproduce', 'avx512', '-q', '--jobs', '1'], dir, ON_HASWELL));
  const doctored = avx512.then(() => {
    cpSync(join(dir, 'avx512'), join(dir, 'changed'), { recursive: true });
    const record = join(dir, 'changed', 'runs', 'r002.json');
    const run = JSON.parse(readFileSync(record, 'utf8'));
    run.epochs[run.epochs.length - 1].testAccuracy += 0.05;
    writeFileSync(record, JSON.stringify(run));
    cpSync(join(dir, 'avx512'), join(dir, 'dropped'), { recursive: true });
    rmSync(join(dir, 'dropped', 'runs', 'r003.json'));
    return Promise.all(
      ['changed', 'dropped'].flatMap((folder) =>
        [ON_HOST, ON_HOST_PINNED].map((where) => dn(['reproduce', folder, '-q', '--jobs', '1'], dir, where)),
      ),
    );
  });

  test('the two CPUs record their kernel levels, and the AVX-512 folder differs from the AVX2 one', async () => {
    for (const outcome of await made) assert.equal(outcome.code, 0, outcome.stderr);
    const machine = (folder: string) => JSON.parse(readFileSync(join(dir, folder, 'manifest.json'), 'utf8')).machine;
    assert.equal(machine('haswell').kernels, 'AVX2');
    assert.equal(machine('avx512').kernels, 'AVX-512');
    assert.notEqual(
      readFileSync(join(dir, 'haswell', 'epochs.csv'), 'utf8'),
      readFileSync(join(dir, 'avx512', 'epochs.csv'), 'utf8'),
    );
  });

  test('made on the Haswell, reproduced here with the AVX2 pin: every value identical', async () => {
    await made;
    const outcome = await dn(['reproduce', 'haswell', '-q', '--jobs', '1'], dir, ON_HOST_PINNED);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout, 'reproduced: 3 run(s), every metric identical\n');
    assert.equal(outcome.stderr, '');
  });

  test('made on the Haswell, reproduced here with AVX-512 kernels: one line says so, the statistical check passes; --strict fails', async () => {
    await made;
    const outcome = await dn(['reproduce', 'haswell', '-q', '--jobs', '1'], dir, ON_HOST);
    assert.equal(outcome.code, 0, outcome.stderr + outcome.stdout);
    assert.equal(
      outcome.stderr,
      'haswell was made in another environment: kernels: recorded AVX2, here AVX-512; checking statistically\n',
    );
    assert.match(
      outcome.stdout,
      /reproduced across machines: epoch 0 within 0\.001, no systematic shift in final metrics\n$/,
    );
    const strict = await dn(['reproduce', 'haswell', '-q', '--strict', '--jobs', '1'], dir, ON_HOST);
    assert.equal(strict.code, 1);
    assert.match(
      strict.stderr,
      /^haswell was made in another environment: kernels: recorded AVX2, here AVX-512; --strict: every value must still be identical\n/,
    );
    assert.match(strict.stderr, /dead-neurons: drift: \d+ value\(s\) in \d of 3 run\(s\) differ from haswell\n$/);
  });

  test('made here with AVX-512 kernels, reproduced on the Haswell: one line says so, the statistical check passes', async () => {
    const outcome = await avx512OnHaswell;
    assert.equal(outcome.code, 0, outcome.stderr + outcome.stdout);
    assert.equal(
      outcome.stderr,
      'avx512 was made in another environment: kernels: recorded AVX-512, here AVX2; checking statistically\n',
    );
    assert.match(outcome.stdout, /reproduced across machines/);
  });

  test('a doctored AVX-512 folder fails here with either kernel level: one number changed, one run dropped', async () => {
    const outcomes = await doctored;
    const [changedAvx512, changedPinned, droppedAvx512, droppedPinned] = outcomes;
    for (const outcome of outcomes) assert.equal(outcome.code, 1, outcome.stdout + outcome.stderr);
    // With the kernels that made it, the changed value is drift; with AVX2 ones the CSVs give it away.
    assert.match(
      changedAvx512.stderr,
      /dead-neurons: drift: 1 value\(s\) in 1 of 3 run\(s\) differ from changed; 3 CSV file\(s\) also do not match runs\/\*\.json\n$/,
    );
    assert.match(
      changedPinned.stderr,
      /\nchanged was made in another environment: kernels: recorded AVX-512, here AVX2; checking statistically\n/,
    );
    assert.match(
      changedPinned.stderr,
      /changed\/epochs\.csv: line \d+ differs from what runs\/\*\.json give \(test_accuracy\)/,
    );
    for (const outcome of [droppedAvx512, droppedPinned]) {
      assert.match(
        outcome.stderr,
        /dead-neurons: dropped\/runs\/r003\.json: missing, though manifest\.json lists run r003 as finished\n/,
      );
    }
  });
});
