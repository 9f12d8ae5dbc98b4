/**
 * `dead-neurons schema` prints the committed configs/schema.json exactly, and loads no TF.js (the
 * check runs in a fresh process, where any TF.js module would show in the CommonJS module cache).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cli, workspace } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('schema prints configs/schema.json', async () => {
  const outcome = await cli(['schema'], workspace());
  assert.equal(outcome.stdout, readFileSync(join(ROOT, 'configs/schema.json'), 'utf8'));
  assert.equal(outcome.stderr, '');
  assert.equal(outcome.code, 0);
});

test('schema loads no TF.js module (and the probe would see one)', () => {
  const program = pathToFileURL(join(ROOT, 'src/cli/program.ts')).href;
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const tfjsModules = () => Object.keys(require.cache).filter((path) => path.includes('@tensorflow')).length;
    const { runCli } = await import(${JSON.stringify(program)});
    const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, now: () => new Date(), cwd: process.cwd() };
    const code = await runCli(['node', 'dead-neurons', 'schema'], io);
    const afterSchema = tfjsModules();
    await import('@tensorflow/tfjs-core');
    console.log(JSON.stringify({ code, afterSchema, afterImport: tfjsModules() > 0 }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), { code: 0, afterSchema: 0, afterImport: true });
});
