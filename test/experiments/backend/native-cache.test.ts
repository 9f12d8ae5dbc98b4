/** Where setup keeps native kernels, and when a later run finds a build there for its tfjs-node. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hasCachedAddon, PROVISION_SCRIPT, userNativeCache } from '../../../src/experiments/backend/native-cache.js';
import { workspace } from '../../helpers/cli.js';

test("setup runs the package's own provisioning script, wherever the compiled module sits", () => {
  assert.ok(existsSync(PROVISION_SCRIPT), PROVISION_SCRIPT);
});

test('the per-user cache: DEAD_NEURONS_NATIVE_CACHE, else XDG_CACHE_HOME, else ~/.cache', () => {
  assert.equal(userNativeCache({ DEAD_NEURONS_NATIVE_CACHE: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' }), '/c');
  assert.equal(userNativeCache({ XDG_CACHE_HOME: '/x', HOME: '/h' }), '/x/dead-neurons/native');
  assert.equal(userNativeCache({ XDG_CACHE_HOME: '', HOME: '/h' }), '/h/.cache/dead-neurons/native');
});

test('a cached build counts only when complete and built for this tfjs-node version', () => {
  const cache = workspace();
  assert.equal(hasCachedAddon(join(cache, 'missing'), '4.22.0'), false);
  const build = join(cache, 'tensorflow-cpu-2.21.0', 'addon', 'tfjs-node-4.22.0-napi-v8');
  mkdirSync(build, { recursive: true });
  writeFileSync(join(build, 'tfjs_binding.node'), '');
  assert.equal(hasCachedAddon(cache, '4.22.0'), false, 'the library extraction did not finish (.complete)');
  writeFileSync(join(cache, 'tensorflow-cpu-2.21.0', '.complete'), 'wheel\n');
  assert.equal(hasCachedAddon(cache, '4.22.0'), true);
  assert.equal(hasCachedAddon(cache, '4.21.0'), false);
});
