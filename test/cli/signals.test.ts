/**
 * SIGINT and SIGTERM are honoured within about a second at any point of a sweep, serial or
 * parallel, whether sent to the tool's process or to its whole process group (Ctrl-C in a
 * terminal), and no process is left behind. The wrapper case (npx) is in orphan.test.ts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TINY_CONFIG, workspace } from '../helpers/cli.js';
import { newTag, tagGone, TAG_VARIABLE } from '../helpers/processes.js';

const BIN = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
// One epoch of 20,000 examples in batches of 4: many seconds per epoch, so a signal lands mid-epoch.
const LONG = {
  ...TINY_CONFIG,
  dataset: { kind: 'moons', samples: 25_000 },
  training: { ...TINY_CONFIG.training, epochs: 3, batchSize: 4 },
};

/** Starts the tool in its own process group and resolves once its first epoch is under way. */
async function startLongSweep(jobs: number) {
  const dir = workspace({ 'long.json': JSON.stringify(LONG) });
  const tag = newTag();
  const child = spawn(process.execPath, [BIN, 'run', 'long.json', '--out', 'out', '--jobs', String(jobs)], {
    cwd: dir,
    detached: true, // its own process group, as a shell gives a foreground job
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, [TAG_VARIABLE]: tag },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 200 && !existsSync(join(dir, 'out', 'manifest.json')); i++)
    await new Promise((r) => setTimeout(r, 50));
  // Past loading and the epoch-0 measurement: inside the first training epoch.
  await new Promise((r) => setTimeout(r, 1500));
  return { dir, tag, child, exited, stderr: () => stderr };
}

for (const { name, jobs, signal, toGroup, exitCode } of [
  { name: 'SIGTERM to the tool, serial', jobs: 1, signal: 'SIGTERM', toGroup: false, exitCode: 143 },
  { name: 'SIGINT to the process group (Ctrl-C), parallel', jobs: 2, signal: 'SIGINT', toGroup: true, exitCode: 130 },
  { name: 'SIGTERM to the tool, parallel', jobs: 2, signal: 'SIGTERM', toGroup: false, exitCode: 143 },
] as const) {
  test(`${name}: stops within about a second, mid-epoch, leaving no process`, async () => {
    const run = await startLongSweep(jobs);
    const sentAt = performance.now();
    process.kill(toGroup ? -run.child.pid! : run.child.pid!, signal);
    assert.equal(await run.exited, exitCode, run.stderr());
    const tookMs = performance.now() - sentAt;
    assert.ok(tookMs < 1500, `exited ${tookMs.toFixed(0)} ms after ${signal}`);
    assert.match(run.stderr(), new RegExp(`${signal}: stopping; finished runs are saved`));
    assert.match(run.stderr(), /0 of 4 runs complete in out; resume with: node .* run --resume out\n$/);
    assert.deepEqual(await tagGone(run.tag, 2000), [], 'no worker or other process left');
    assert.equal(JSON.parse(readFileSync(join(run.dir, 'out', 'manifest.json'), 'utf8')).complete, false);
  });
}

test('SIGTERM during the epoch-0 measurement of a wide run on many rows stops within about a second', async () => {
  // The case: 100,000 rows at width 256, where one measurement pass takes seconds. The
  // measurement yields to signal handlers between chunks of rows, as training does between steps.
  const wide = {
    name: 'wide',
    backend: 'tensorflow',
    dataset: { kind: 'gaussian', inputDim: 64, samples: 100_000 },
    model: { depth: 8, width: 256 },
    training: { epochs: 1, batchSize: 32 },
  };
  const dir = workspace({ 'wide.json': JSON.stringify(wide) });
  const child = spawn(process.execPath, [BIN, 'run', 'wide.json', '--out', 'out', '--jobs', '1', '--quiet'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 400 && !existsSync(join(dir, 'out', 'manifest.json')); i++)
    await new Promise((r) => setTimeout(r, 25));
  // Past loading the backend and drawing the rows: inside epoch 0's gradient pass or measurement.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(existsSync(join(dir, 'out', 'runs.csv')) && stderr.includes('stopping'), false);
  const sentAt = performance.now();
  child.kill('SIGTERM');
  assert.equal(await exited, 143, stderr);
  const tookMs = performance.now() - sentAt;
  assert.ok(tookMs < 1500, `exited ${tookMs.toFixed(0)} ms after SIGTERM`);
  assert.match(stderr, /0 of 1 runs complete in out; resume with: /);
});
