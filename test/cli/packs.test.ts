/**
 * Packs end to end: runs of one shape train together, and the files are the same for any --jobs,
 * for shards merged, and for a sweep resumed with part of a pack missing (the pack is re-formed
 * as config.resolved.json records it), on cpu and, where it loads, on the native backend.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { probeBackends } from '../../src/experiments/backend/load.js';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

const COMPARED = ['metrics.csv', 'epochs.csv', 'summary.csv', 'comparisons.csv', 'config.resolved.json'];
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutSeconds = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');

function assertSameResults(actualDir: string, expectedDir: string): void {
  for (const file of COMPARED) assert.equal(read(actualDir, file), read(expectedDir, file), `${actualDir}: ${file}`);
  assert.equal(withoutSeconds(read(actualDir, 'runs.csv')), withoutSeconds(read(expectedDir, 'runs.csv')));
}

/** 2 depths × 2 activations (relu and leaky_relu share a pack) × 2 seeds: 2 packs of 4 runs. */
const SWEEP = {
  ...TINY_CONFIG,
  sweep: { 'model.depth': [2, 3], 'model.activation': ['relu', 'leaky_relu'], seed: [1, 2] },
};

let nativeLoads = false;
before(async () => {
  nativeLoads = (await probeBackends()).find((probe) => probe.name === 'tensorflow')?.loads ?? false;
});

for (const backend of ['cpu', 'tensorflow'] as const) {
  describe(`packs on ${backend}`, () => {
    const dir = workspace({ 'sweep.json': JSON.stringify({ ...SWEEP, backend }) });
    const run = async (...args: string[]) => {
      const outcome = await cli(['run', 'sweep.json', '-q', ...args], dir);
      assert.equal(outcome.code, 0, outcome.stderr);
    };

    test('the plan records two packs of four; --jobs 2 and two shards merged give the files of --jobs 1', async (t) => {
      if (backend === 'tensorflow' && !nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1')
        return t.skip('tfjs-node does not load here');
      await run('--out', 'serial', '--jobs', '1');
      const plan = JSON.parse(read(dir, 'serial/config.resolved.json')) as { runs: { runId: string; pack: number }[] };
      assert.deepEqual(
        plan.runs.map((r) => r.pack),
        [0, 0, 0, 0, 1, 1, 1, 1],
      );
      await run('--out', 'parallel', '--jobs', '2');
      assertSameResults(join(dir, 'parallel'), join(dir, 'serial'));
      await run('--out', 'again', '--jobs', '1');
      assertSameResults(join(dir, 'again'), join(dir, 'serial'));
      for (const shard of ['1/2', '2/2']) await run('--shard', shard, '--out', `shard${shard[0]}`, '--jobs', '1');
      assert.equal((await cli(['merge', 'shard1', 'shard2', '--out', 'merged'], dir)).code, 0);
      assertSameResults(join(dir, 'merged'), join(dir, 'serial'));
    });

    test('--resume with one run of a pack missing re-forms the whole pack and ends with the same files', async (t) => {
      if (backend === 'tensorflow' && !nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1')
        return t.skip('tfjs-node does not load here');
      cpSync(join(dir, 'serial'), join(dir, 'partial'), { recursive: true });
      rmSync(join(dir, 'partial/runs/r006.json'));
      const resumed = await cli(['run', '--resume', 'partial', '-q', '--jobs', '1'], dir);
      assert.equal(resumed.code, 0, resumed.stderr);
      assertSameResults(join(dir, 'partial'), join(dir, 'serial'));
    });
  });
}

describe('a pack too large for the memory limit', () => {
  test('is refused before anything is written, naming its runs, though each run alone would fit', async () => {
    // Width 256, depth 8: about 42 MiB a run besides the runtime's 400 MiB; a limit of 450 MiB
    // takes one run (about 442 MiB) but not the pack of two seeds (about 484 MiB).
    const config = { ...TINY_CONFIG, model: { depth: 8, width: 256 }, sweep: { seed: [1, 2] } };
    const dir = workspace({ 'big.json': JSON.stringify(config), 'one.json': JSON.stringify({ ...config, sweep: {} }) });
    const env = { ...process.env, DEAD_NEURONS_MEMORY_LIMIT_MB: '450' } as Record<string, string>;
    const alone = await cli(['validate', 'one.json'], dir, { env });
    assert.equal(alone.code, 0, alone.stderr);
    for (const command of [
      ['validate', 'big.json'],
      ['run', 'big.json', '--out', 'out', '-q'],
    ]) {
      const outcome = await cli(command, dir, { env });
      assert.equal(outcome.code, 2, command.join(' '));
      assert.match(
        outcome.stderr,
        /^dead-neurons: big\.json: runs r001 and r002, trained together as one pack, need about 4\d\d MiB of memory, more than the 450 MiB set by DEAD_NEURONS_MEMORY_LIMIT_MB\n$/,
      );
    }
    assert.equal(existsSync(join(dir, 'out')), false);
  });
});

describe('native threads', () => {
  test('a pack trains to the same numbers in this process and in a worker, even where TensorFlow would split its kernels across threads', async (t) => {
    if (!nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1') return t.skip('tfjs-node does not load here');
    // Width 256 at batch 256: on 2 threads TensorFlow rounds these products differently than on 1
    // (measured), so a parent and its workers must compute with as many threads as each other.
    const config = {
      ...TINY_CONFIG,
      backend: 'tensorflow',
      dataset: { kind: 'spirals', samples: 1000 },
      model: { width: 256 },
      training: { epochs: 1, batchSize: 256 },
      sweep: { 'model.depth': [2, 3] },
    };
    const dir = workspace({ 'wide.json': JSON.stringify(config) });
    for (const jobs of ['1', '2'])
      assert.equal((await cli(['run', 'wide.json', '--out', `jobs${jobs}`, '-q', '--jobs', jobs], dir)).code, 0);
    assertSameResults(join(dir, 'jobs2'), join(dir, 'jobs1'));
  });
});
