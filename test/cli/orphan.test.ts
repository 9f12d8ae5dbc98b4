/**
 * A sweep whose parent process dies stops as if sent SIGTERM: `npx` (npm exec) killed by SIGTERM
 * takes its `sh -c` child with it without passing the signal on, leaving the tool an orphan.
 * Here a shell stands in for that wrapper and is killed with SIGKILL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TINY_CONFIG, workspace } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
// Long enough that the sweep is still training when its wrapper dies.
const LONG = {
  ...TINY_CONFIG,
  dataset: { kind: 'moons', samples: 4000 },
  training: { ...TINY_CONFIG.training, epochs: 40, batchSize: 8 },
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('a sweep whose wrapper process dies stops within seconds, saving what it finished', async () => {
  const dir = workspace({ 'long.json': JSON.stringify(LONG) });
  // `; exit` keeps sh from exec-ing node, so sh stays its parent, as with npm exec.
  const wrapper = spawn(
    'sh',
    ['-c', `"${process.execPath}" "${BIN}" run long.json --out out --jobs 2 2>err.txt & echo $!; wait; exit`],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const toolPid = await new Promise<number>((resolve) =>
    wrapper.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
  );
  // Wait until it is training: the plan is on disk.
  for (let i = 0; i < 100 && !existsSync(join(dir, 'out', 'manifest.json')); i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.ok(existsSync(join(dir, 'out', 'manifest.json')), 'the sweep started');
  wrapper.kill('SIGKILL');

  const killedAt = performance.now();
  while (alive(toolPid) && performance.now() - killedAt < 5000) await new Promise((r) => setTimeout(r, 50));
  assert.equal(alive(toolPid), false, 'the orphaned tool stopped');
  assert.ok(
    performance.now() - killedAt < 3000,
    `stopped ${(performance.now() - killedAt).toFixed(0)} ms after its parent died`,
  );

  const stderr = readFileSync(join(dir, 'err.txt'), 'utf8');
  assert.match(stderr, /parent process \d+ exited: stopping; finished runs are saved/);
  assert.match(stderr, /runs complete in out; resume with: .*run --resume out\n/);
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
  assert.equal(manifest.complete, false);
  assert.ok(readdirSync(join(dir, 'out')).every((file) => !file.endsWith('.tmp')));
  // Its workers went with it: none is left running this folder's sweep.
  const { execFileSync } = await import('node:child_process');
  const left = execFileSync('ps', ['-eo', 'ppid,cmd'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim().startsWith(`${toolPid} `));
  assert.deepEqual(left, []);
});
