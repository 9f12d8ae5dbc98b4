/**
 * A results folder left by a start that finished no run holds no result: `run --out` into it starts
 * over, and `run --resume` finishes it, with no manual cleanup. Anything more in it is refused.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';
import { unfinishedStart } from '../helpers/unfinished-start.js';

const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

test('run --out into what an unfinished start left starts over and completes', async () => {
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  const out = unfinishedStart(dir);
  mkdirSync(join(out, 'runs'));
  const outcome = await cli(['run', 'tiny.json', '--out', 'out', '--jobs', '1'], dir);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.match(
    outcome.stderr,
    /^--out out: starting over in what an unfinished start left \(no finished run\)\nbackend: cpu /,
  );
  assert.equal(manifestOf(out).complete, true);
  assert.equal(readdirSync(join(out, 'runs')).length, 4);
});

test('run --resume finishes what an unfinished start left', async () => {
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  const out = unfinishedStart(dir);
  const outcome = await cli(['run', '--resume', 'out', '-q', '--jobs', '1'], dir);
  assert.deepEqual([outcome.code, outcome.stderr], [0, 'results: out\n']);
  assert.deepEqual([manifestOf(out).complete, manifestOf(out).resumes], [true, 1]);
});

test('a folder holding more than an unfinished start is refused, pointing at --resume', async () => {
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
  writeFileSync(join(unfinishedStart(dir), 'notes.txt'), 'mine');
  const outcome = await cli(['run', 'tiny.json', '--out', 'out', '-q'], dir);
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'dead-neurons: --out out: folder exists and is not empty; choose another, or resume it: dead-neurons run --resume out\n',
  );
  assert.equal(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8'), 'mine');
});
