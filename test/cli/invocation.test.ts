/**
 * The "resume with:" hints print a command that can be pasted as is, started the way this one was:
 * through npx, with node and the script's path, or as a command on the PATH.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { invocationPrefix, resumeCommand, shellQuote } from '../../src/cli/process/invocation.js';
import { TINY_CONFIG, workspace } from '../helpers/cli.js';
import { unfinishedStart } from '../helpers/unfinished-start.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What npm 11.19 sets for the program `npx dead-neurons` starts (printed from process.env there). */
const NPX_ENV = {
  npm_command: 'exec',
  npm_lifecycle_event: 'npx',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
};

describe('invocationPrefix', () => {
  test('npx: npm exec sets npm_command=exec and npm_lifecycle_event=npx; the bin runs from the npx cache', () => {
    const argv = ['/usr/bin/node', '/root/.npm/_npx/5eec080bf95e7d97/node_modules/.bin/dead-neurons', 'run'];
    assert.equal(invocationPrefix(argv, NPX_ENV, '/work/main'), 'npx dead-neurons');
    assert.equal(invocationPrefix(argv, { npm_lifecycle_event: 'npx' }, '/work/main'), 'npx dead-neurons');
    // A local install run some other way (npm run, or its path) is found by npx too; on the PATH it is not.
    assert.equal(
      invocationPrefix(['node', '/p/node_modules/.bin/dead-neurons'], { npm_command: 'run-script' }, '/p'),
      'npx dead-neurons',
    );
  });

  test('node with the script: its path, relative when inside the working folder, quoted when it must be', () => {
    const argv = (script: string) => ['/usr/bin/node', script, 'run'];
    assert.equal(
      invocationPrefix(argv('/work/main/bin/dead-neurons.js'), {}, '/work/main'),
      'node bin/dead-neurons.js',
    );
    assert.equal(
      invocationPrefix(argv('/work/main/bin/dead-neurons.js'), {}, '/tmp/x'),
      'node /work/main/bin/dead-neurons.js',
    );
    assert.equal(
      invocationPrefix(argv('/my work/bin/dead-neurons.js'), {}, '/tmp'),
      "node '/my work/bin/dead-neurons.js'",
    );
    // Started with node directly, even from a shell that npx or npm run started.
    assert.equal(
      invocationPrefix(argv('/work/main/bin/dead-neurons.js'), NPX_ENV, '/work/main'),
      'node bin/dead-neurons.js',
    );
  });

  test('otherwise the command itself, as a global install puts it on the PATH', () => {
    assert.equal(
      invocationPrefix(['/usr/bin/node', '/usr/local/bin/dead-neurons', 'run'], {}, '/home/me'),
      'dead-neurons',
    );
    assert.equal(
      invocationPrefix(['/usr/bin/node', '/usr/local/bin/dead-neurons'], { npm_command: 'run-script' }, '/home/me'),
      'dead-neurons',
    );
    assert.equal(invocationPrefix([], {}, '/'), 'dead-neurons');
  });

  test('the resume command quotes a folder the shell would split', () => {
    assert.equal(
      resumeCommand('npx dead-neurons', 'results/x/2026-01-02T03-04-05Z'),
      'npx dead-neurons run --resume results/x/2026-01-02T03-04-05Z',
    );
    assert.equal(resumeCommand(undefined, "my results/it's"), `dead-neurons run --resume 'my results/it'\\''s'`);
    assert.equal(shellQuote(''), "''");
  });
});

// npx here: offline, with a cache of its own (so no other npx run can race it), and without
// lifecycle scripts, which would rebuild dist/ (`npm test` builds it first).
const cache = mkdtempSync(join(tmpdir(), 'dead-neurons-npx-'));
after(() => rmSync(cache, { recursive: true, force: true }));
function npx(args: string[]) {
  const env = {
    ...process.env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_ignore_scripts: 'true',
    npm_config_update_notifier: 'false',
  };
  return spawnSync('npx', ['--yes', 'dead-neurons', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
}
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const npxWorks = npx(['--version']).stdout?.trim() === version;

test(
  'through real npx, the hint is an npx command',
  { skip: npxWorks ? false : 'npx cannot run the local package here' },
  () => {
    const dir = workspace({ 'tiny.json': JSON.stringify(TINY_CONFIG) });
    writeFileSync(join(unfinishedStart(dir), 'notes.txt'), 'mine');
    const out = relative(ROOT, join(dir, 'out'));
    const child = npx(['run', join(dir, 'tiny.json'), '--out', out, '-q']);
    assert.equal(
      child.stderr,
      `dead-neurons: --out ${out}: folder exists and is not empty; choose another, or resume it: npx dead-neurons run --resume ${out}\n`,
    );
    assert.equal(child.status, 2);
  },
);
