/**
 * Sweeps at scale: parallel equals serial, shards merged equal unsharded, a killed or interrupted
 * sweep resumed equals an uninterrupted one, and reproduce catches drift.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../../src/cli/process/invocation.js';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
const COMPARED = ['metrics.csv', 'epochs.csv', 'summary.csv', 'comparisons.csv', 'config.resolved.json'];
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutSeconds = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');

function assertSameResults(actualDir: string, expectedDir: string): void {
  for (const file of COMPARED) assert.equal(read(actualDir, file), read(expectedDir, file), file);
  assert.equal(withoutSeconds(read(actualDir, 'runs.csv')), withoutSeconds(read(expectedDir, 'runs.csv')));
}

/**
 * Six runs of a few epochs each: long enough to interrupt part-way. Each is a pack of its own
 * (activations of different families, two depths), so jobs and shards share out single runs.
 */
const SWEEP = {
  ...TINY_CONFIG,
  training: { ...TINY_CONFIG.training, epochs: 6 },
  sweep: { 'model.activation': ['relu', 'tanh', 'elu'], 'model.depth': [3, 4] },
};

describe('parallel, sharded and merged sweeps', () => {
  const dir = workspace({ 'sweep.json': JSON.stringify(SWEEP) });

  test('--jobs 2 gives the same files as --jobs 1', async () => {
    assert.equal((await cli(['run', 'sweep.json', '--out', 'serial', '-q', '--jobs', '1'], dir)).code, 0);
    const parallel = await cli(['run', 'sweep.json', '--out', 'parallel', '-q', '--jobs', '2'], dir);
    assert.equal(parallel.code, 0, parallel.stderr);
    assertSameResults(join(dir, 'parallel'), join(dir, 'serial'));
  });

  test('shards cover the sweep once, and merged they equal the unsharded run', async () => {
    for (const shard of ['1/3', '2/3', '3/3']) {
      const outcome = await cli(
        ['run', 'sweep.json', '--shard', shard, '--out', `shard${shard[0]}`, '-q', '--jobs', '1'],
        dir,
      );
      assert.equal(outcome.code, 0, outcome.stderr);
    }
    assert.deepEqual(readdirSync(join(dir, 'shard1/runs')), ['r001.json', 'r004.json']);
    assert.deepEqual(readdirSync(join(dir, 'shard3/runs')), ['r003.json', 'r006.json']);
    const partial = await cli(['merge', 'shard1', 'shard2', '--out', 'partial'], dir);
    assert.equal(partial.code, 2);
    assert.equal(partial.stderr, 'dead-neurons: 2 of 6 runs missing (r003, r006); add their shards, or --partial\n');
    assert.equal(existsSync(join(dir, 'partial')), false);

    const merged = await cli(['merge', 'shard1', 'shard2', 'shard3', '--out', 'merged'], dir);
    assert.equal(merged.code, 0, merged.stderr);
    assertSameResults(join(dir, 'merged'), join(dir, 'serial'));
    assert.equal(JSON.parse(read(dir, 'merged/manifest.json')).complete, true);
  });

  test('merge refuses folders planned from different configs', async () => {
    const other = workspace({ 'sweep.json': JSON.stringify({ ...SWEEP, seed: 9 }) });
    assert.equal(
      (await cli(['run', 'sweep.json', '--shard', '1/3', '--out', 'x', '-q', '--jobs', '1'], other)).code,
      0,
    );
    const outcome = await cli(['merge', 'shard2', join(other, 'x'), '--out', 'mixed'], dir);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /planned from a different config than shard2/);
  });

  test('--shard with a bad value is a usage error', async () => {
    const outcome = await cli(['run', 'sweep.json', '--shard', '4/3'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(outcome.stderr, 'dead-neurons: --shard: shard index must be between 1 and 3, got "4/3"\n');
  });
});

/** Starts the real executable and resolves once `runs/` holds at least `records` files. */
function startAndWait(args: string[], cwd: string, records: number) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      const runs = join(cwd, 'out', 'runs');
      if (existsSync(runs) && readdirSync(runs).filter((file) => file.endsWith('.json')).length >= records) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error(`finished before it could be interrupted: ${stderr}`));
    });
  });
  return { child, ready, exited, stderr: () => stderr };
}

describe('interrupted sweeps', () => {
  const dir = workspace({ 'sweep.json': JSON.stringify(SWEEP) });

  test('kill -9 mid-sweep leaves only complete files, and --resume ends with the same CSVs', async () => {
    assert.equal((await cli(['run', 'sweep.json', '--out', 'reference', '-q', '--jobs', '1'], dir)).code, 0);
    const killed = workspace({ 'sweep.json': JSON.stringify(SWEEP) });
    const run = startAndWait(['run', 'sweep.json', '--out', 'out', '--jobs', '1', '-q'], killed, 2);
    await run.ready;
    run.child.kill('SIGKILL');
    await run.exited;

    const files = readdirSync(join(killed, 'out/runs'));
    assert.ok(files.length >= 2 && files.length < 6, `runs written before the kill: ${files.join(',')}`);
    assert.ok(
      files.every((file) => /^r00\d\.json$/.test(file)),
      `no temp files: ${files.join(',')}`,
    );
    for (const file of files) JSON.parse(read(killed, `out/runs/${file}`));

    const resumed = await cli(['run', '--resume', 'out', '-q', '--jobs', '2'], killed);
    assert.equal(resumed.code, 0, resumed.stderr);
    assertSameResults(join(killed, 'out'), join(dir, 'reference'));
    const manifest = JSON.parse(read(killed, 'out/manifest.json'));
    assert.equal(manifest.complete, true);
    assert.equal(manifest.resumes, 1);
  });

  test('Ctrl-C stops cleanly with exit 130 and a line saying how to resume', async () => {
    const interrupted = workspace({ 'sweep.json': JSON.stringify(SWEEP) });
    const run = startAndWait(['run', 'sweep.json', '--out', 'out', '--jobs', '2', '-q'], interrupted, 1);
    await run.ready;
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 130);
    assert.match(run.stderr(), /SIGINT: stopping; finished runs are saved/);
    // Started as `node <path of the bin>`, so that is the command the hint gives to paste.
    assert.ok(
      run.stderr().endsWith(` of 6 runs complete in out; resume with: node ${shellQuote(BIN)} run --resume out\n`),
      run.stderr(),
    );
    const manifest = JSON.parse(read(interrupted, 'out/manifest.json'));
    assert.equal(manifest.complete, false);
    assert.equal(manifest.runsCompleted, readdirSync(join(interrupted, 'out/runs')).length);

    assert.equal((await cli(['run', '--resume', 'out', '-q'], interrupted)).code, 0);
    assertSameResults(join(interrupted, 'out'), join(dir, 'reference'));
  });

  test('--resume refuses flags that would change the plan', async () => {
    const outcome = await cli(['run', '--resume', 'reference', '--set', 'model.depth=4'], dir);
    assert.equal(outcome.code, 2);
    assert.equal(outcome.stderr, 'dead-neurons: --resume continues a sweep as it was planned; drop --set\n');
  });
});

describe('divergence and reproduce', () => {
  test('a diverging run is recorded as diverged with its epoch and the sweep goes on', async () => {
    const dir = workspace({
      'c.json': JSON.stringify({
        ...TINY_CONFIG,
        dataset: { kind: 'teacher', samples: 120 },
        training: { epochs: 3, optimizer: 'sgd', batchSize: 32 },
        sweep: { 'training.learningRate': [1e6, 0.01] },
      }),
    });
    const outcome = await cli(['run', 'c.json', '--out', 'o', '-q', '--jobs', '1'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    const rows = read(dir, 'o/runs.csv')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    assert.deepEqual(
      rows.slice(1).map((row) => row.slice(0, 5)),
      [
        ['r001', '1000000', '1', 'diverged', '1'],
        ['r002', '0.01', '1', 'ok', ''],
      ],
    );
    assert.match(outcome.stdout, /1\/1 diverged/);
  });

  test('reproduce exits 0 on an untouched folder and 1 with a table after a stored metric changes', async () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    assert.equal((await cli(['run', 'tiny.json', '--out', 'ref', '-q', '--jobs', '1'], dir)).code, 0);
    cpSync(join(dir, 'ref'), join(dir, 'copy'), { recursive: true });
    const clean = await cli(['reproduce', 'copy', '-q', '--jobs', '1'], dir);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout, 'reproduced: 4 run(s), every metric identical\n');

    const recordPath = join(dir, 'copy/runs/r003.json');
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    record.epochs[2].layers[1].gradNorm += 1e-6;
    writeFileSync(recordPath, JSON.stringify(record));
    const drifted = await cli(['reproduce', 'copy', '--runs', 'r003,r004', '-q', '--jobs', '1'], dir);
    assert.equal(drifted.code, 1);
    assert.match(drifted.stdout, /│ r003 │ 2 +│ 2 +│ grad_norm │/);
    // The edited record no longer gives the stored metrics.csv either: reported first, and the re-run still runs.
    const csvLine =
      'dead-neurons: copy/metrics.csv: line 27 differs from what runs/*.json give (grad_norm): stored "r003,2,2,...,0.080629811" expected "r003,2,2,...,0.080630811"\n';
    assert.equal(
      drifted.stderr,
      `${csvLine}dead-neurons: drift: 1 value(s) in 1 of 2 run(s) differ from copy; 1 CSV file(s) also do not match runs/*.json\n`,
    );
    // A tolerance wide enough for the change accepts it; the CSV check is exact, so it still fails.
    const tolerated = await cli(['reproduce', 'copy', '--runs', 'r003', '--tolerance', '1e-3', '-q'], dir);
    assert.equal(tolerated.stdout, 'reproduced: 1 run(s), every metric within 0.001\n');
    assert.equal(
      tolerated.stderr,
      `${csvLine}dead-neurons: copy: the runs reproduce, but 1 CSV file(s) do not match runs/*.json\n`,
    );
    assert.equal(tolerated.code, 1);
  });
});
