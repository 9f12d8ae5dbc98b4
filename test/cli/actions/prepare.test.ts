/** run's and validate's one prepare step: config, plan, packs and pre-flight, or every problem at once. */
import assert from 'node:assert/strict';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { prepareRun } from '../../../src/cli/actions/prepare.js';
import { ConfigError } from '../../../src/errors.js';
import { workspace } from '../../helpers/cli.js';

const CONFIG = `name: two-files
backend: cpu
dataset: {kind: csv, path: good.csv, target: label}
model: {depth: 2, width: 4}
training: {epochs: 1}
sweep: {dataset.path: [good.csv, gone.csv]}
`;
const GOOD_CSV = 'x,y,label\n1,2,a\n3,4,b\n5,6,a\n7,8,b\n9,10,a\n';
const ENV = { DEAD_NEURONS_MEMORY_LIMIT_MB: '1024' };

const problemsOf = (action: () => unknown): readonly string[] => {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

test('prepareRun applies the flags, plans and packs the sweep, finds data beside the config, and checks every run', () => {
  const dir = workspace({ 'c.yaml': CONFIG, 'good.csv': GOOD_CSV });
  assert.deepEqual(
    problemsOf(() => prepareRun({ cwd: dir, env: ENV }, 'c.yaml', { set: ['model.depth=3'] })),
    ['c.yaml: dataset.path: cannot read gone.csv (no such file)'],
  );
  // Started from another folder: the data is still found beside the config.
  const configPath = join(basename(dir), 'c.yaml');
  const prepared = prepareRun({ cwd: dirname(dir), env: ENV }, configPath, {
    set: ['model.depth=3'],
    sweep: ['dataset.path=good.csv'],
  });
  assert.equal(prepared.configDir, dir);
  assert.equal(prepared.config.model.depth, 3);
  assert.deepEqual(
    prepared.plan.map((run) => [run.runId, run.pack, run.config.dataset.path]),
    [['r001', 0, 'good.csv']],
  );
  assert.deepEqual(
    prepared.checked.data.map((data) => [data.config.path, data.train + data.test]),
    [['good.csv', 5]],
  );
  assert.equal(prepared.checked.largest?.run.runId, 'r001');
  assert.equal(prepared.raw.flagOrigins.get('model.depth'), '--set model.depth=3');
});

test('with a shard, only its runs are checked, but the plan is the whole sweep', () => {
  const dir = workspace({ 'c.yaml': CONFIG, 'good.csv': GOOD_CSV });
  const [first, second] = [1, 2].map(
    (index) => () => prepareRun({ cwd: dir, env: ENV }, 'c.yaml', { shard: { index, count: 2 } }),
  );
  const prepared = first();
  assert.deepEqual(
    prepared.plan.map((run) => run.runId),
    ['r001', 'r002'],
  );
  assert.deepEqual(
    prepared.checked.data.map((data) => data.config.path),
    ['good.csv'],
  );
  assert.deepEqual(problemsOf(second), ['c.yaml: dataset.path: cannot read gone.csv (no such file)']);
});
