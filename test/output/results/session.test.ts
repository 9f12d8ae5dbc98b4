import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../../src/errors.js';
import { isUnfinishedStart, requireFreshFolder } from '../../../src/output/results/session.js';
import { TINY_CONFIG, workspace } from '../../helpers/cli.js';
import { unfinishedStart } from '../../helpers/unfinished-start.js';

const fresh = () => unfinishedStart(workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) }));

test('what an unfinished start leaves is recognised, with or without an empty runs/', () => {
  const out = fresh();
  assert.equal(isUnfinishedStart(out), true);
  mkdirSync(join(out, 'runs'));
  assert.equal(isUnfinishedStart(out), true);
  assert.equal(requireFreshFolder(out, '--out out', 'dead-neurons run --resume out'), 'reused');
});

test('anything more is not: a finished run, a data row, another file, a foreign manifest', () => {
  const spoil: [string, (out: string) => void][] = [
    ['a run record', (out) => (mkdirSync(join(out, 'runs')), writeFileSync(join(out, 'runs', 'r001.json'), '{}'))],
    ['a CSV with a row', (out) => writeFileSync(join(out, 'summary.csv'), 'configuration,runs\nrelu,1\n')],
    ['a file of the user', (out) => writeFileSync(join(out, 'notes.txt'), 'keep me')],
    ['a manifest with runs', (out) => writeFileSync(join(out, 'manifest.json'), '{"tool":{"name":"dead-neurons"},"runsCompleted":1,"runs":[{}]}')],
    ['a manifest of something else', (out) => writeFileSync(join(out, 'manifest.json'), '{"runsCompleted":0,"runs":[]}')],
  ];
  for (const [name, change] of spoil) {
    const out = fresh();
    change(out);
    assert.equal(isUnfinishedStart(out), false, name);
    assert.throws(() => requireFreshFolder(out, '--out out', 'npx dead-neurons run --resume out'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, ['--out out: folder exists and is not empty; choose another, or resume it: npx dead-neurons run --resume out']);
      return true;
    }, name);
  }
});

test('a folder that is not a results folder is only told to choose another; a missing or empty one is fine', () => {
  const dir = workspace({ 'notes.txt': 'mine' });
  assert.throws(() => requireFreshFolder(dir, '--out .', 'x'), /^ConfigError: --out \.: folder exists and is not empty; choose another$/);
  assert.equal(requireFreshFolder(join(dir, 'missing'), '--out missing', 'x'), 'empty');
  mkdirSync(join(dir, 'empty'));
  assert.equal(requireFreshFolder(join(dir, 'empty'), '--out empty', 'x'), 'empty');
});
