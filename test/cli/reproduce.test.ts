/**
 * `reproduce` also checks that a results folder's CSVs say what its run records say: on a copy of
 * the committed reference result with a hand-edited or missing CSV it names the file and the first
 * differing line, still re-runs (the runs reproduce), and exits 1. Timings are not compared.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, workspace } from '../helpers/cli.js';

const REFERENCE = fileURLToPath(new URL('../fixtures/reference-result', import.meta.url));

/** A fresh copy of the reference result in its own temporary folder, as `ref`. */
function referenceCopy(): string {
  const dir = workspace();
  cpSync(REFERENCE, join(dir, 'ref'), { recursive: true });
  return dir;
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${path} holds ${from}`);
  writeFileSync(path, text.replace(from, to));
}

test('a hand-edited metrics.csv: one line naming the file and line 7, both versions shortened; exit 1', async () => {
  const dir = referenceCopy();
  edit(join(dir, 'ref/metrics.csv'), 'r001,1,2,8,0,0,0,0,0.4375,', 'r001,1,2,8,1,0.125,1,0.125,0.4375,');
  // Timings are not compared: a different wall time is not a difference.
  const runsCsv = join(dir, 'ref/runs.csv');
  writeFileSync(runsCsv, readFileSync(runsCsv, 'utf8').replace(/,[0-9.]+\n$/, ',12.5\n'));

  const outcome = await cli(['reproduce', 'ref', '-q', '--jobs', '1'], dir);

  assert.equal(
    outcome.stderr,
    'dead-neurons: ref/metrics.csv: line 7 differs from what runs/*.json give (dead_units): stored "r001,1,2,8,1,..." expected "r001,1,2,8,0,..."\n' +
      'dead-neurons: ref: the runs reproduce, but 1 CSV file(s) do not match runs/*.json\n',
  );
  assert.equal(outcome.stdout, 'reproduced: 2 run(s), every metric identical\n');
  assert.equal(outcome.code, 1);
});

test('a missing summary.csv is reported with how many lines the records give; exit 1', async () => {
  const dir = referenceCopy();
  rmSync(join(dir, 'ref/summary.csv'));

  const outcome = await cli(['reproduce', 'ref', '-q', '--jobs', '1'], dir);

  assert.equal(
    outcome.stderr,
    'dead-neurons: ref/summary.csv: missing (runs/*.json give 3 line(s))\n' +
      'dead-neurons: ref: the runs reproduce, but 1 CSV file(s) do not match runs/*.json\n',
  );
  assert.equal(outcome.code, 1);
});
