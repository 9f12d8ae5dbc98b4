/**
 * Worker failures through the real executable (compiled: run `npm run build` first, as `npm test`
 * does): one line and exit 1, finished runs on disk, no worker left, and a resume that ends with
 * the files of an uninterrupted sweep; and workers that die with a parent killed with -9.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, TINY_CONFIG, workspace } from '../../helpers/cli.js';
import { newTag, processesTagged, TAG_VARIABLE, tagGone } from '../../helpers/processes.js';

const BIN = fileURLToPath(new URL('../../../bin/dead-neurons.js', import.meta.url));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutSeconds = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');

/**
 * With --jobs 2 the executable trains r001 itself, 300 epochs of about 7 ms (2 s), while its one
 * worker starts (0.5 s) and takes r002, r003 and r004, a few epochs each, in that order. So the
 * worker holds r004, and r002 and r003 are saved, when it fails there, and r001 is lost with it.
 */
const CONFIG = { ...TINY_CONFIG, sweep: { 'training.epochs': [300, 1, 2, 3] } };

function start(args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, exited };
}

describe('worker failures in `dead-neurons run --jobs 2`', () => {
  test('a worker killed mid-run: one line, exit 1, finished runs kept, no worker left; --resume completes', async () => {
    const dir = workspace({ 'c.json': JSON.stringify(CONFIG) });
    const tag = newTag();
    const env = { DEAD_NEURONS_TEST_WORKER_FAULT: 'crash-on-run:r004', [TAG_VARIABLE]: tag };
    const failed = await start(['run', 'c.json', '--out', 'out', '--jobs', '2', '-q'], dir, env).exited;
    assert.equal(
      failed.stderr,
      // Started as `node <bin>`, so the resume hint says that (src/cli/process/invocation.ts).
      `dead-neurons: worker running r004 exited with signal SIGKILL; 2 of 4 runs complete in out; resume with: node ${BIN} run --resume out\n`,
    );
    assert.equal(failed.code, 1);
    // The executable returns only after its workers have exited.
    assert.deepEqual(processesTagged(tag), []);
    assert.deepEqual(readdirSync(join(dir, 'out/runs')), ['r002.json', 'r003.json']);
    assert.ok(
      readdirSync(join(dir, 'out')).every((file) => !file.endsWith('.tmp')),
      'no temporary files',
    );
    const manifest = JSON.parse(read(dir, 'out/manifest.json'));
    assert.deepEqual([manifest.complete, manifest.runsCompleted], [false, 2]);

    const resumed = await start(['run', '--resume', 'out', '--jobs', '2', '-q'], dir, { [TAG_VARIABLE]: tag }).exited;
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal((await cli(['run', 'c.json', '--out', 'reference', '-q', '--jobs', '1'], dir)).code, 0);
    for (const file of ['metrics.csv', 'epochs.csv', 'summary.csv', 'config.resolved.json']) {
      assert.equal(read(dir, `out/${file}`), read(dir, `reference/${file}`), file);
    }
    assert.equal(withoutSeconds(read(dir, 'out/runs.csv')), withoutSeconds(read(dir, 'reference/runs.csv')));
    assert.equal(JSON.parse(read(dir, 'out/manifest.json')).complete, true);
  });

  test('workers die with their parent, even when it is killed with -9', async () => {
    // Two runs of 3000 epochs (20 s each), of different depths so that they are two packs: the
    // parent trains r001 and its worker r002, which is started (0.5 s) and training by the time
    // the parent is killed, 2 s after the worker appeared.
    const dir = workspace({
      'c.json': JSON.stringify({
        ...CONFIG,
        sweep: { 'model.depth': [3, 4] },
        training: { ...CONFIG.training, epochs: 3000 },
      }),
    });
    const tag = newTag();
    const run = start(['run', 'c.json', '--out', 'out', '--jobs', '2', '-q'], dir, { [TAG_VARIABLE]: tag });
    const workers = await othersTagged(run.child.pid!, tag);
    assert.equal(workers.length, 1, 'one worker started');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    run.child.kill('SIGKILL');
    await run.exited;
    assert.deepEqual(await tagGone(tag, 5000), [], 'worker still alive 5 s after its parent was killed');
    assert.equal(existsSync(join(dir, 'out/runs/r002.json')), false, 'r002 was still running');
  });
});

/** Waits (up to 10 s) until a process other than `parent` carries `tag`; returns those. */
async function othersTagged(parent: number, tag: string): Promise<number[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const others = processesTagged(tag).filter((pid) => pid !== parent);
    if (others.length > 0 || Date.now() > deadline) return others;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
