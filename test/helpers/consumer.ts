/** A project of a dead-neurons user: the packed tarball installed into a fresh folder, and the README's example. */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The README's library example: the ts block between the library-example markers. */
export function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- library-example:start -->\n```ts\n([\s\S]*?)```\n<!-- library-example:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no library-example block');
  return block[1];
}

export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  if (result.error) throw result.error;
  return result;
}

export function ok(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A fresh project with the packed dead-neurons and `dependencies` installed; returns its folder. */
export function consumerProject(dependencies: Record<string, string>): string {
  assert.ok(existsSync(join(ROOT, 'dist', 'index.js')), 'dist/ is missing: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-consumer-'));
  const packed = JSON.parse(
    ok(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT), 'npm pack'),
  ) as { filename: string }[];
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { 'dead-neurons': `file:./${packed[0].filename}`, ...dependencies },
      },
      null,
      2,
    ),
  );
  // From npm's cache where it can: every package here was installed for this repository already.
  // No install scripts, as npm 11 installs a dependency unless told to trust it: dead-neurons'
  // postinstall (native provisioning) and tfjs-node's own download do not run.
  ok(
    run(
      'npm',
      ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'],
      dir,
    ),
    'npm install',
  );
  return dir;
}
