/**
 * The results folder's JSON: NaN and ±Infinity survive a write and a read (JSON alone turns them
 * into null), ordinary objects are left alone, and run records read back complete, in plan order,
 * or fail naming the file.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, RunError } from '../../../src/errors.js';
import {
  parseJson, readResolvedConfig, readRunRecords, runRecordPath, toJson, writeFileAtomic, writeJsonAtomic, writeResolvedConfig, writeRunRecord,
} from '../../../src/output/results/folder.js';
import { workspace } from '../../helpers/cli.js';
import { divergedRun, reluRun } from '../../helpers/records.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

describe('toJson and parseJson', () => {
  test('NaN, Infinity and -Infinity survive, at any depth', () => {
    const value = { loss: Number.NaN, top: Infinity, bottom: -Infinity, nested: { list: [1, Number.NaN, -Infinity, null, 0.5] } };
    const back = parseJson<typeof value>(toJson(value));
    assert.deepEqual(back, value);
    assert.ok(Number.isNaN(back.loss));
    assert.equal(back.top, Infinity);
    assert.equal(back.bottom, -Infinity);
    assert.deepEqual(back.nested.list, [1, Number.NaN, -Infinity, null, 0.5]);
  });

  test('writes non-finite numbers as a tagged object, and finite ones as plain JSON', () => {
    assert.equal(toJson({ a: Number.NaN, b: 1.5 }), '{\n  "a": {\n    "$nonFinite": "NaN"\n  },\n  "b": 1.5\n}\n');
    assert.equal(toJson([-Infinity]), '[\n  {\n    "$nonFinite": "-Infinity"\n  }\n]\n');
    // Plain JSON would have lost it: the reason for the tag.
    assert.equal(JSON.stringify({ a: Number.NaN }), '{"a":null}');
  });

  test('a top-level non-finite number round-trips', () => {
    assert.ok(Number.isNaN(parseJson<number>(toJson(Number.NaN))));
    assert.equal(parseJson<number>(toJson(-Infinity)), -Infinity);
  });

  test('an object with a "$nonFinite" key and other keys is left alone', () => {
    const text = '{"x": {"$nonFinite": "NaN", "note": "kept"}, "y": {"$nonFinite": "Infinity", "other": 1}}';
    assert.deepEqual(parseJson(text), { x: { $nonFinite: 'NaN', note: 'kept' }, y: { $nonFinite: 'Infinity', other: 1 } });
    const value = { tagLike: { $nonFinite: 'NaN', also: [1, 2] } };
    assert.deepEqual(parseJson(toJson(value)), value);
  });

  test('ordinary values are unchanged: null stays null, strings "NaN" stay strings', () => {
    const value = { a: null, b: 'NaN', c: 'Infinity', d: [true, false], e: {}, f: 0, g: -1.25e-300 };
    assert.deepEqual(parseJson(toJson(value)), value);
  });
});

describe('writeFileAtomic', () => {
  test('a file that cannot be written is one RunError line naming it, and leaves no temp file', () => {
    const dir = workspace({ 'blocker': 'a file where a folder should be' });
    const path = join(dir, 'blocker', 'runs', 'r001.json');
    assert.throws(
      () => writeFileAtomic(path, '{}'),
      (error: unknown) => error instanceof RunError && error.message.startsWith(`${path}: cannot write (`) && !error.message.includes('\n'),
    );
    assert.deepEqual(readdirSync(dir), ['blocker']);
  });
});

describe('run records on disk', () => {
  test('a diverged run (NaN losses) reads back equal to what was written', () => {
    const dir = workspace();
    writeRunRecord(dir, divergedRun());
    writeRunRecord(dir, reluRun());
    const [relu, diverged] = readRunRecords(dir);
    assert.deepEqual(relu, reluRun());
    assert.deepEqual(diverged, divergedRun());
    assert.ok(Number.isNaN(diverged.epochs[1].loss));
    assert.ok(Number.isNaN(diverged.epochs[1].testLoss));
    assert.match(readFileSync(runRecordPath(dir, 'r001-relu-s2'), 'utf8'), /"loss": \{\s+"\$nonFinite": "NaN"\s+\}/);
  });

  test('Infinity and -Infinity in a record survive', () => {
    const dir = workspace();
    const run = reluRun();
    run.epochs[1].loss = Infinity;
    run.epochs[1].layers[0].gradNorm = -Infinity;
    writeRunRecord(dir, run);
    const [back] = readRunRecords(dir);
    assert.equal(back.epochs[1].loss, Infinity);
    assert.equal(back.epochs[1].layers[0].gradNorm, -Infinity);
  });

  test('records come back in plan order (by index), not file-name order, and other files are ignored', () => {
    const dir = workspace();
    writeRunRecord(dir, { ...reluRun(), runId: 'a-last', index: 7 });
    writeRunRecord(dir, { ...reluRun(), runId: 'z-first', index: 0 });
    writeRunRecord(dir, { ...reluRun(), runId: 'm-middle', index: 3 });
    // What an interrupted atomic write or an editor leaves behind.
    writeFileSync(join(dir, 'runs', 'r009.json.1234.tmp'), '{"trunc');
    writeFileSync(join(dir, 'runs', 'notes.txt'), 'not a record');
    assert.deepEqual(readRunRecords(dir).map((record) => record.runId), ['z-first', 'm-middle', 'a-last']);
  });

  test('a folder without runs/ has no records', () => {
    assert.deepEqual(readRunRecords(workspace()), []);
  });

  test('writing leaves no temporary files', () => {
    const dir = workspace();
    writeRunRecord(dir, reluRun());
    writeJsonAtomic(join(dir, 'x.json'), { a: Number.NaN });
    assert.deepEqual(readdirSync(join(dir, 'runs')), ['r000-relu-s1.json']);
    assert.deepEqual(readdirSync(dir).sort(), ['runs', 'x.json']);
  });
});

describe('corrupt files fail with a ConfigError (bad input, exit 2) naming the file', () => {
  /** A pattern for a message starting with `path: `. */
  const namesFile = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `);

  /** The one problem line of the ConfigError `read` throws. */
  function runErrorOf(read: () => unknown): string {
    try {
      read();
    } catch (error) {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.problems.length, 1, `one line: ${error.message}`);
      return error.problems[0];
    }
    assert.fail('nothing was thrown');
  }

  for (const [what, text] of [
    ['truncated JSON', '{"runId": "r002", "ind'],
    ['an empty file', ''],
    ['null', 'null'],
    ['an array', '[]'],
    ['an object that is not a run', '{"hello": 1}'],
  ] as const) {
    test(`a run record holding ${what}`, () => {
      const dir = workspace();
      writeRunRecord(dir, reluRun());
      mkdirSync(join(dir, 'runs'), { recursive: true });
      writeFileSync(join(dir, 'runs', 'r002.json'), text);
      assert.match(runErrorOf(() => readRunRecords(dir)), namesFile(join(dir, 'runs', 'r002.json')));
    });
  }

  for (const [what, text] of [
    ['truncated JSON', '{"name": "tiny", "runs": ['],
    ['null', 'null'],
    ['an array', '[]'],
    ['no runs list', '{"name": "tiny"}'],
    ['a run that is not an object', '{"name": "tiny", "runs": [null]}'],
  ] as const) {
    test(`a config.resolved.json holding ${what}`, () => {
      const dir = workspace({ 'config.resolved.json': text });
      assert.match(runErrorOf(() => readResolvedConfig(dir)), namesFile(join(dir, 'config.resolved.json')));
    });
  }

  test('a config.resolved.json whose run breaks the schema names the run and the path', () => {
    const dir = workspace();
    const config = tinyRunConfig();
    writeResolvedConfig(dir, { name: 'x', seed: 1, sweep: {} } as never, [
      { runId: 'r001', index: 0, swept: {}, config: { ...config, model: { ...config.model, depth: 0 } } },
    ]);
    assert.match(runErrorOf(() => readResolvedConfig(dir)), /config\.resolved\.json: run r001: model\.depth: /);
  });
});
