/**
 * validate, list and merge answer without TensorFlow.js: checked in a fresh process, where any
 * TF.js module would show in the CommonJS module cache (test/cli/schema.test.ts checks the probe).
 * validate does run's whole prepare step (config, plan, packs, every dataset, memory) to get there.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { workspace } from '../helpers/cli.js';
import { tfjsModulesLoadedBy } from '../helpers/tfjs-probe.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('validate --runs, list and merge load no TF.js module', () => {
  const dir = workspace();
  assert.deepEqual(tfjsModulesLoadedBy(['validate', join(ROOT, 'configs/deep.json'), '--runs'], dir), {
    code: 0,
    tfjsModules: 0,
  });
  assert.deepEqual(tfjsModulesLoadedBy(['list'], dir), { code: 0, tfjsModules: 0 });
  assert.deepEqual(
    tfjsModulesLoadedBy(['merge', join(ROOT, 'test/fixtures/reference-result'), '--out', 'merged'], dir),
    { code: 0, tfjsModules: 0 },
  );
  assert.ok(existsSync(join(dir, 'merged', 'summary.csv')));
});
