/**
 * A results folder with a corrupt config.resolved.json or runs/*.json: `report` (also with
 * --html), `compare`, `merge`, `reproduce` and `run --resume` each exit 2 (bad input) with one line naming
 * the file, no stack trace, and write nothing.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

// A stack trace is printed only under DEAD_NEURONS_DEBUG; make sure the caller's shell has not set it.
delete process.env.DEAD_NEURONS_DEBUG;

const CORRUPTIONS: readonly { file: string; what: string; text: string }[] = [
  // What a copy or a disk filling up leaves: the start of the file.
  { file: 'config.resolved.json', what: 'truncated', text: '{"name": "tiny", "runs": [' },
  { file: 'config.resolved.json', what: 'null', text: 'null' },
  { file: 'runs/r002.json', what: 'truncated', text: '{"runId": "r002", "ind' },
  { file: 'runs/r002.json', what: 'empty', text: '' },
  { file: 'runs/r002.json', what: 'null', text: 'null' },
  // Valid JSON of the wrong shape: used to be skipped silently (reproduce then exited 0).
  { file: 'runs/r002.json', what: '[]', text: '[]' },
];

const COMMANDS: readonly { name: string; args: (folder: string) => string[] }[] = [
  { name: 'report', args: (folder) => ['report', folder] },
  { name: 'report --html', args: (folder) => ['report', folder, '--html'] },
  { name: 'compare', args: (folder) => ['compare', 'ref', folder] },
  { name: 'merge', args: (folder) => ['merge', folder, '--out', `${folder}-merged`] },
  { name: 'reproduce', args: (folder) => ['reproduce', folder, '-q', '--jobs', '1'] },
  { name: 'run --resume', args: (folder) => ['run', '--resume', folder, '-q', '--jobs', '1'] },
];

/** Every file under `dir` with its contents, to show nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(dir.length)] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

describe('commands on a results folder with a corrupt file', () => {
  const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });

  before(async () => {
    const outcome = await cli(['run', 'tiny.json', '--out', 'ref', '-q', '--jobs', '1'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
  });

  CORRUPTIONS.forEach(({ file, what, text }, c) => {
    for (const command of COMMANDS) {
      test(`${command.name}: ${what} ${file} gives one line naming the file`, async () => {
        // A fresh copy per test, named after the case, so tests share nothing but the reference.
        const folder = `c${c}-${command.name.replace(/\W+/g, '-')}`;
        cpSync(join(dir, 'ref'), join(dir, folder), { recursive: true });
        writeFileSync(join(dir, folder, file), text);
        const before = snapshot(join(dir, folder));

        const outcome = await cli(command.args(folder), dir);

        assert.equal(outcome.code, 2, outcome.stderr);
        const lines = outcome.stderr.split('\n').filter((line) => line !== '');
        assert.equal(lines.length, 1, `one line, got:\n${outcome.stderr}`);
        assert.ok(lines[0].startsWith('dead-neurons: '), lines[0]);
        assert.ok(lines[0].includes(join(dir, folder, file)), `names ${file}: ${lines[0]}`);
        assert.doesNotMatch(outcome.stderr, /^\s+at /m, 'no stack trace');
        assert.deepEqual(snapshot(join(dir, folder)), before, 'the folder is untouched');
        assert.equal(existsSync(join(dir, `${folder}-merged`)), false, 'nothing merged');
      });
    }
  });
});
