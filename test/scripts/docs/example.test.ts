/**
 * The README's first example is what `run configs/deep.json --set backend=wasm` prints (the
 * portable setting: the same numbers on any x86-64 or arm64 CPU), not typed text: the script that
 * made it re-runs the sweep here and compares (scripts/docs/example.mjs --check). Runs the
 * compiled CLI (npm run build); about 20 s.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../scripts/docs/example.mjs', import.meta.url));

test('the README example is what a run on wasm prints here', () => {
  const child = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, 'README.md: the example is what the run prints\n');
});
