/**
 * Native kernels for an installed dead-neurons (slow: it compiles tfjs-node's addon). In a fresh
 * project that installs the packed tarball and @tensorflow/tfjs-node with no install scripts (as
 * npm 11 does for dependencies), doctor names `dead-neurons setup`; setup provisions into a
 * per-user cache ($XDG_CACHE_HOME/dead-neurons/native); a later run whose tfjs-node lost its addon
 * (a reinstall, another project, npx) loads native kernels from that cache; and the user's own code
 * importing @tensorflow/tfjs-node uses the library on them, with one tfjs-core.
 *
 * The cache is seeded with TensorFlow's C library from this repository's own provisioning (hard
 * links, nothing downloaded) but no addon: setup compiles one, as it would after its download.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { consumerProject, readmeExample } from '../helpers/consumer.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const REPO_CACHE = process.env.DEAD_NEURONS_NATIVE_CACHE || join(ROOT, '.cache', 'native');
const provisioned = existsSync(REPO_CACHE)
  ? readdirSync(REPO_CACHE).find((entry) => existsSync(join(REPO_CACHE, entry, '.complete')))
  : undefined;
const skip =
  provisioned || process.env.DEAD_NEURONS_REQUIRE_NATIVE === '1'
    ? false
    : `no provisioned TensorFlow library in ${REPO_CACHE} to seed the cache with`;

test(
  "setup provisions native kernels into a per-user cache that later runs and the user's tfjs-node find",
  { skip, timeout: 900_000 },
  () => {
    const dir = consumerProject({ '@tensorflow/tfjs': '4.22.0', '@tensorflow/tfjs-node': '4.22.0' });
    const xdg = join(dir, 'xdg');
    const cache = join(xdg, 'dead-neurons', 'native');
    mkdirSync(join(cache, provisioned!), { recursive: true });
    for (const part of ['lib', 'include', '.complete']) {
      const from = join(REPO_CACHE, provisioned!, part);
      const to = join(cache, provisioned!, part);
      // Hard links: 800 MB for free.
      if (spawnSync('cp', ['-al', from, to]).status !== 0) cpSync(from, to, { recursive: true });
    }
    const env = { ...process.env, XDG_CACHE_HOME: xdg, DEAD_NEURONS_NATIVE_CACHE: '' };
    const bin = join(dir, 'node_modules', '.bin', 'dead-neurons');
    const cli = (...args: string[]) => spawnSync(bin, args, { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
    const nativeRow = (doctor: string) => doctor.split('\n').find((line) => line.includes('│ tensorflow'));

    const before = cli('doctor');
    assert.equal(before.status, 0, before.stderr);
    assert.match(nativeRow(before.stdout)!, /│ tensorflow +│ no /);
    assert.match(
      before.stdout,
      new RegExp(
        `fix: (npx )?dead-neurons setup \\(native kernels into ${cache.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`,
      ),
    );

    const setup = cli('setup');
    assert.equal(setup.status, 0, `${setup.stdout}\n${setup.stderr}`);
    assert.match(setup.stdout, /compiling the tfjs-node addon/);
    assert.match(setup.stdout, new RegExp(`native kernels cached in ${cache.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.ok(
      readdirSync(join(cache, provisioned!, 'addon')).some((build) => build.startsWith('tfjs-node-4.22.0-napi-v')),
    );
    assert.match(nativeRow(cli('doctor').stdout)!, /│ tensorflow +│ yes /);

    // A later run whose tfjs-node has no addon (reinstalled, or another install): it lays in the cached build.
    const tfjsNode = join(dir, 'node_modules', '@tensorflow', 'tfjs-node');
    rmSync(join(tfjsNode, 'lib'), { recursive: true, force: true });
    rmSync(join(tfjsNode, 'deps'), { recursive: true, force: true });
    const later = cli('doctor');
    assert.match(nativeRow(later.stdout)!, /│ tensorflow +│ yes /, later.stdout);
    assert.doesNotMatch(later.stdout + later.stderr, /compiling/);

    // The user's own code on @tensorflow/tfjs-node: the README example with that one import swapped.
    const example = readmeExample().replace("from '@tensorflow/tfjs';", "from '@tensorflow/tfjs-node';");
    assert.notEqual(example, readmeExample());
    // The example has no type annotations: it runs as JavaScript.
    writeFileSync(
      join(dir, 'example.mjs'),
      `${example}
import { createRequire } from 'node:module';
const cores = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.endsWith('tf-core.node.js'));
console.log(\`backend \${tf.getBackend()}, tfjs-core copies \${cores.length}\`);`,
    );
    const run = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 6);
    assert.match(lines[0], /^epoch 0: [\d.]+% dead$/);
    assert.equal(lines[5], 'backend tensorflow, tfjs-core copies 1');
  },
);
