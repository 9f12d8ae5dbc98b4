/**
 * `run --tensorboard DIR`: one folder of event files per run, named by configuration and seed, written by the parent as records
 * arrive (here with two jobs), whose scalars equal epochs.csv and metrics.csv up to float32
 * rounding; read back with a hand-written reader (test/helpers/tfevents.ts). Needs the native
 * backend, like native-backend.test.ts: skipped without it unless DEAD_NEURONS_REQUIRE_NATIVE=1.
 * Without native kernels the flag is one line, exit 2, before anything is written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { probeBackends } from '../../src/experiments/backend/load.js';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';
import { readScalars, type ScalarEvent } from '../helpers/tfevents.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const native = (await probeBackends()).find((probe) => probe.name === 'tensorflow');
const required = process.env.DEAD_NEURONS_REQUIRE_NATIVE === '1';
const skip = native?.loads || required ? false : `native backend not available: ${native?.reason}`;

/** CSV rows as objects of strings. */
function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

const agrees = (actual: number, expected: string, what: string) => {
  const value = Math.fround(Number(expected));
  assert.ok(
    Math.abs(actual - value) <= 1e-6 * Math.max(1, Math.abs(value)),
    `${what}: event ${actual}, csv ${expected}`,
  );
};

test("run --tensorboard: every run's scalars, one folder per run, equal to the CSVs", { skip }, async () => {
  assert.ok(native?.loads, `native backend required here but did not load: ${native?.reason}`);
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  const outcome = await cli(['run', 'tiny.json', '--out', 'out', '--tensorboard', 'tb', '-q', '--jobs', '2'], dir);
  assert.equal(outcome.code, 0, outcome.stderr);
  const runs = csvRows(join(dir, 'out/runs.csv')).map((row) => row.run_id);
  // TINY_CONFIG sweeps the activation over relu and leaky_relu, and the seed over 1 and 2.
  const folders: Record<string, string> = {
    r001: 'relu-s1',
    r002: 'relu-s2',
    r003: 'leaky_relu-s1',
    r004: 'leaky_relu-s2',
  };
  assert.deepEqual(readdirSync(join(dir, 'tb')).sort(), Object.values(folders).sort());
  const epochs = csvRows(join(dir, 'out/epochs.csv'));
  const layers = csvRows(join(dir, 'out/metrics.csv'));
  for (const runId of runs) {
    const files = readdirSync(join(dir, 'tb', folders[runId]));
    assert.equal(files.length, 1, `${runId}: one event file`);
    assert.match(files[0], /^events\.out\.tfevents\./);
    const scalars = readScalars(join(dir, 'tb', folders[runId], files[0]));
    const find = (tag: string, step: string): ScalarEvent => {
      const found = scalars.filter((scalar) => scalar.tag === tag && scalar.step === Number(step));
      assert.equal(found.length, 1, `${runId} ${tag} step ${step}`);
      return found[0];
    };
    const runEpochs = epochs.filter((row) => row.run_id === runId);
    const runLayers = layers.filter((row) => row.run_id === runId);
    for (const row of runEpochs) {
      for (const [tag, column] of [
        ['loss', 'loss'],
        ['train_accuracy', 'train_accuracy'],
        ['test_loss', 'test_loss'],
        ['test_accuracy', 'test_accuracy'],
        ['dead_fraction/all', 'dead_fraction'],
      ]) {
        agrees(find(tag, row.epoch).value, row[column], `${runId} epoch ${row.epoch} ${tag}`);
      }
    }
    for (const row of runLayers) {
      const layer = row.layer.padStart(2, '0');
      agrees(
        find(`dead_fraction/layer_${layer}`, row.epoch).value,
        row.dead_fraction,
        `${runId} epoch ${row.epoch} layer ${row.layer}`,
      );
      agrees(
        find(`grad_norm/layer_${layer}`, row.epoch).value,
        row.grad_norm,
        `${runId} epoch ${row.epoch} layer ${row.layer} grad_norm`,
      );
    }
    assert.equal(scalars.length, runEpochs.length * 5 + runLayers.length * 2, `${runId}: nothing else`);
  }
});

test('run --tensorboard without native kernels: one line, exit 2, nothing written', () => {
  const dir = workspace({
    'tiny.json': JSON.stringify(TINY_CONFIG),
    // Makes tfjs-node unloadable in this process, as on a machine where it was never provisioned.
    'no-native.cjs': `
      const Module = require('node:module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === '@tensorflow/tfjs-node') throw new Error("Cannot find module '@tensorflow/tfjs-node'");
        return resolve.call(this, request, ...rest);
      };`,
  });
  const child = spawnSync(
    process.execPath,
    [
      '--require',
      join(dir, 'no-native.cjs'),
      join(ROOT, 'bin/dead-neurons.js'),
      'run',
      'tiny.json',
      '--out',
      'out',
      '--tensorboard',
      'tb',
      '--jobs',
      '1',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(child.status, 2, child.stderr);
  assert.equal(child.stdout, '');
  assert.equal(
    child.stderr,
    "dead-neurons: --tensorboard tb: needs the native backend (tfjs-node), which did not load: Cannot find module '@tensorflow/tfjs-node' (run `dead-neurons setup`, or `dead-neurons doctor` for details)\n",
  );
  assert.deepEqual(readdirSync(dir).sort(), ['no-native.cjs', 'tiny.json']);
});

test('run --tensorboard into a folder that already holds a run: one line, exit 2, nothing written', async () => {
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  mkdirSync(join(dir, 'tb/relu-s2'), { recursive: true });
  const outcome = await cli(['run', 'tiny.json', '--out', 'out', '--tensorboard', 'tb', '-q', '--jobs', '1'], dir);
  assert.equal(outcome.code, 2);
  assert.equal(outcome.stderr, 'dead-neurons: --tensorboard tb: tb/relu-s2 exists already; choose another folder\n');
  assert.deepEqual(readdirSync(dir).sort(), ['tb', 'tiny.json']);
  assert.deepEqual(readdirSync(join(dir, 'tb')), ['relu-s2']);
});
