/**
 * `dead-neurons inspect` end to end (in-process): the table and CSV it prints, the --out folder, the
 * --fail-above gate, and every kind of bad input as one line, exit 2, nothing written.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/experiments/backend/load.js';
import type { InspectManifest } from '../../src/inspect/folder.js';
import { cli, FIXED_NOW, TINY_CONFIG, workspace } from '../helpers/cli.js';
import { saveOwnModel } from '../helpers/own-model.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const FIXTURE = join(ROOT, 'test/fixtures/keras-model');

/** A folder holding the Keras 2 Sequential fixture as model/ and its probe rows as probe.csv. */
function fixtureWorkspace(): string {
  const dir = workspace();
  mkdirSync(join(dir, 'model'));
  for (const file of ['model.json', 'group1-shard1of1.bin'])
    copyFileSync(join(FIXTURE, 'keras2-sequential', file), join(dir, 'model', file));
  copyFileSync(join(FIXTURE, 'probe-sequential.csv'), join(dir, 'probe.csv'));
  return dir;
}

const INSPECT = ['inspect', 'model/model.json', '--data', 'probe.csv', '--backend', 'cpu'];

const TABLE = `┌───┬────────┬───────┬───────────┬───────┬───────────┬───────────┬─────────────┐
│ # │ layer  │ kind  │ rectifier │ units │ dead      │ near-dead │ active rate │
├───┼────────┼───────┼───────────┼───────┼───────────┼───────────┼─────────────┤
│ 1 │ dense1 │ Dense │ relu      │ 8     │ 1 (12.5%) │ 1 (12.5%) │ 43.9%       │
├───┼────────┼───────┼───────────┼───────┼───────────┼───────────┼─────────────┤
│ 2 │ dense2 │ Dense │ prelu     │ 4     │ 2 (50.0%) │ 2 (50.0%) │ 29.3%       │
└───┴────────┴───────┴───────────┴───────┴───────────┴───────────┴─────────────┘
all measured: 3 of 12 units dead (25.0%) on 64 probe rows; no layer entirely dead
not measured: out (Dense): activation linear and no rectifier after it
`;

const CSV = `layer,name,kind,activation,path,units,dead_units,dead_fraction,near_dead_units,near_dead_fraction,active_rate,dead_unit_indices
1,dense1,Dense,relu,dense1,8,1,0.125,1,0.125,0.43945313,1
2,dense2,Dense,prelu,dense2 > prelu,4,2,0.5,2,0.5,0.29296875,2 3
`;

test('inspect prints a table per measured layer, and says where the numbers come from on stderr', async () => {
  const { code, stdout, stderr } = await cli(INSPECT, fixtureWorkspace());
  assert.equal(code, 0);
  assert.equal(stdout, TABLE);
  assert.equal(
    stderr,
    'inspect: model/model.json (keras v2.19.0, TensorFlow.js Converter v4.22.0); probe: 64 rows, probe.csv (every row of 64); backend: cpu (tfjs 4.22.0, 1 thread)\n',
  );
});

test('--format csv prints layers.csv; markdown a pasteable table', async () => {
  const dir = fixtureWorkspace();
  assert.equal((await cli([...INSPECT, '--format', 'csv'], dir)).stdout, CSV);
  const markdown = (await cli([...INSPECT, '--format', 'markdown'], dir)).stdout;
  assert.equal(markdown.split('\n')[3], '| 2 | dense2 | Dense | prelu | 4 | 2 (50.0%) | 2 (50.0%) | 29.3% |');
  assert.match(markdown, /\n- not measured: `out` \(Dense\): activation linear and no rectifier after it\n$/);
});

test('--out writes a manifest naming the model files and their sha256, the probe, and the numbers', async () => {
  const dir = fixtureWorkspace();
  const { code } = await cli([...INSPECT, '--out', 'result', '--probe', '50', '--seed', '3'], dir);
  assert.equal(code, 0);
  assert.deepEqual(readdirSync(join(dir, 'result')).sort(), ['layers.csv', 'manifest.json', 'report.json']);
  const manifest = JSON.parse(readFileSync(join(dir, 'result', 'manifest.json'), 'utf8')) as InspectManifest;
  const sha = (file: string) =>
    createHash('sha256')
      .update(readFileSync(join(dir, file)))
      .digest('hex');
  assert.deepEqual(manifest.model.files, [
    { file: 'model/model.json', sha256: sha('model/model.json') },
    { file: 'model/group1-shard1of1.bin', sha256: sha('model/group1-shard1of1.bin') },
  ]);
  assert.deepEqual(manifest.probe, {
    data: 'csv',
    file: 'probe.csv',
    sha256: sha('probe.csv'),
    rowsInFile: 64,
    target: null,
    selection: 'seeded subset',
    seed: 3,
    rows: 50,
    asked: 50,
  });
  assert.equal(manifest.backend.name, 'cpu');
  assert.equal(manifest.startedAt, FIXED_NOW.toISOString());
  const layers = readFileSync(join(dir, 'result', 'layers.csv'), 'utf8');
  assert.equal(layers, (await cli([...INSPECT, '--probe', '50', '--seed', '3', '--format', 'csv'], dir)).stdout);
  assert.notEqual(layers, CSV, 'a 50-row subset measures differently from all 64 rows');
});

test('--fail-above exits 1 naming the layers above it, after printing and writing', async () => {
  const dir = fixtureWorkspace();
  const failing = await cli([...INSPECT, '--fail-above', '0.2', '--out', 'result'], dir);
  assert.equal(failing.code, 1);
  assert.equal(failing.stdout, TABLE);
  assert.equal(
    failing.stderr.split('\n').at(-2),
    'dead-neurons: --fail-above 0.2: 1 layer(s) have more dead units: dense2 50.0% (2 of 4)',
  );
  assert.ok(existsSync(join(dir, 'result', 'layers.csv')));
  assert.equal((await cli([...INSPECT, '--fail-above', '0.5'], dir)).code, 0, 'at the limit is not above it');
});

test('--data gaussian (the default) is seeded: the same seed measures the same, another seed differently', async () => {
  const dir = fixtureWorkspace();
  const run = async (seed: string) =>
    (
      await cli(
        ['inspect', 'model/model.json', '--backend', 'cpu', '--format', 'csv', '--probe', '40', '--seed', seed],
        dir,
      )
    ).stdout;
  assert.equal(await run('1'), await run('1'));
  assert.notEqual(await run('1'), await run('2'));
});

/** Runs inspect with --out; asserts exit 2, one line naming `names`, and that nothing was written. */
async function assertRefused(dir: string, args: string[], expected: string | RegExp): Promise<void> {
  const { code, stdout, stderr } = await cli([...args, '--out', 'result'], dir);
  assert.equal(code, 2, stderr);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  if (typeof expected === 'string') assert.equal(lines[0], expected);
  else assert.match(lines[0], expected);
  assert.equal(existsSync(join(dir, 'result')), false, 'nothing written');
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('partial')),
    [],
  );
}

test('bad input: a graph model, a config, a file that is not JSON: one line, exit 2', async () => {
  const dir = workspace({
    'graph.json': JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }),
    'config.json': JSON.stringify(TINY_CONFIG),
    'notes.txt': 'not a model',
  });
  await assertRefused(
    dir,
    ['inspect', 'graph.json'],
    'dead-neurons: graph.json: a TF.js graph model (format: graph-model), which has no layers to walk; convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model',
  );
  await assertRefused(
    dir,
    ['inspect', 'config.json'],
    'dead-neurons: config.json: a dead-neurons config, not a model; run it with `dead-neurons run`',
  );
  await assertRefused(
    dir,
    ['inspect', 'notes.txt'],
    "dead-neurons: notes.txt: not a model (not JSON); inspect reads the model.json of a TF.js layers model, as model.save('file://DIR') or tensorflowjs_converter writes it",
  );
  await assertRefused(dir, ['inspect', 'missing.json'], 'dead-neurons: missing.json: cannot read (no such file)');
});

test('bad input: a missing weight file, weights that do not fit the topology', async () => {
  const dir = fixtureWorkspace();
  const bin = join(dir, 'model', 'group1-shard1of1.bin');
  const bytes = readFileSync(bin);
  writeFileSync(bin, bytes.subarray(0, bytes.length / 2));
  await assertRefused(
    dir,
    INSPECT,
    `dead-neurons: model/model.json: weights do not match the topology (the weight files hold ${bytes.length / 2} bytes, the weightsManifest lists ${bytes.length}); save the model again, or convert it again, with its weight files`,
  );
  writeFileSync(bin, Buffer.concat([bytes, Buffer.alloc(8)])); // TF.js alone would read the first bytes and ignore the rest
  await assertRefused(dir, INSPECT, /the weight files hold \d+ bytes, the weightsManifest lists \d+\)/);
  // The right number of bytes for other shapes: the topology says 8 units, the manifest 4 and 16.
  const json = JSON.parse(readFileSync(join(dir, 'model', 'model.json'), 'utf8'));
  writeFileSync(bin, bytes);
  json.weightsManifest[0].weights[0].shape = [10, 4]; // dense1's kernel is [5, 8]
  writeFileSync(join(dir, 'model', 'model.json'), JSON.stringify(json));
  await assertRefused(
    dir,
    INSPECT,
    /^dead-neurons: model\/model\.json: weights do not match the topology \(.*shape.*\); /i,
  );
  const lone = fixtureWorkspace(); // its manifest names a weight file that is not there
  writeFileSync(
    join(lone, 'model', 'model.json'),
    readFileSync(join(lone, 'model', 'model.json'), 'utf8').replace('group1-shard1of1.bin', 'gone.bin'),
  );
  await assertRefused(
    lone,
    INSPECT,
    'dead-neurons: model/model.json: weight file gone.bin (listed in its weightsManifest) is missing; copy it next to model.json, as model.save and tensorflowjs_converter write it',
  );
});

test('bad input: --data rows of the wrong width, and a label column to leave out', async () => {
  const dir = fixtureWorkspace();
  writeFileSync(join(dir, 'narrow.csv'), 'a,b,c,d\n1,2,3,4\n');
  writeFileSync(join(dir, 'labelled.csv'), 'a,b,c,d,e,label\n1,2,3,4,5,cat\n0,1,0,1,0,dog\n');
  await assertRefused(
    dir,
    ['inspect', 'model/model.json', '--data', 'narrow.csv'],
    "dead-neurons: --data: narrow.csv has 4 columns, the model's input [5] takes 5 values a row",
  );
  await assertRefused(
    dir,
    ['inspect', 'model/model.json', '--data', 'labelled.csv'],
    "dead-neurons: --data: labelled.csv has 6 columns, the model's input [5] takes 5 values a row; if one is a label, name it with --target",
  );
  await assertRefused(
    dir,
    ['inspect', 'model/model.json', '--data', 'labelled.csv', '--target', 'tag'],
    'dead-neurons: --target: labelled.csv line 1 (the header) has no column "tag" (columns: a, b, c, d, e, label)',
  );
  const { code, stdout } = await cli(
    [
      'inspect',
      'model/model.json',
      '--data',
      'labelled.csv',
      '--target',
      'label',
      '--backend',
      'cpu',
      '--format',
      'csv',
    ],
    dir,
  );
  assert.equal(code, 0);
  assert.match(stdout, /^layer,/);
});

test('bad input: a model with no rectifier after any Dense layer', async () => {
  await useBackend('cpu');
  const dir = workspace();
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [3], units: 4, activation: 'tanh', name: 'hidden' }),
      tf.layers.dense({ units: 1, name: 'out' }),
    ],
  });
  await saveOwnModel(model, join(dir, 'model'));
  await assertRefused(
    dir,
    ['inspect', 'model/model.json', '--backend', 'cpu'],
    'dead-neurons: model/model.json: no layer to measure: no Dense or convolution layer feeds a rectifier (ReLU, LeakyReLU, PReLU, ELU, or activation relu, relu6, elu, selu) (hidden: activation tanh and no rectifier after it; out: activation linear and no rectifier after it)',
  );
});

test('bad flags and a used --out folder: one line naming the flag, exit 2', async () => {
  const dir = fixtureWorkspace();
  await assertRefused(dir, [...INSPECT, '--probe', '0'], 'dead-neurons: --probe: must be an integer >= 1, got "0"');
  await assertRefused(dir, [...INSPECT, '--fail-above', '1.5'], 'dead-neurons: --fail-above: must be in [0, 1]');
  mkdirSync(join(dir, 'used'));
  writeFileSync(join(dir, 'used', 'x'), '');
  const { code, stderr } = await cli([...INSPECT, '--out', 'used'], dir);
  assert.deepEqual([code, stderr], [2, 'dead-neurons: --out used: folder exists and is not empty; choose another\n']);
});
