import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildRawExperiment } from '../../../src/experiments/config/load.js';
import { concurrentPacks, memoryLine, preflightExperiment } from '../../../src/experiments/preflight/check.js';
import { RUNTIME_BYTES } from '../../../src/experiments/preflight/memory.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { configProblems } from '../../helpers/config-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-preflight-'));
writeFileSync(join(dir, 'good.csv'), `x,label\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`);
writeFileSync(join(dir, 'text.csv'), 'x,label\n1,a\nmany,b\n');
writeFileSync(join(dir, 'ragged.csv'), 'x,label\n1,a\n2\n');
const GIB = { DEAD_NEURONS_MEMORY_LIMIT_MB: '1024' };

/** Plans `content` (as c.yaml, with flags) and runs the pre-flight checks; returns their problems. */
function problemsOf(
  content: Record<string, unknown>,
  flags: { set?: string[]; sweep?: string[] } = {},
): readonly string[] {
  const raw = buildRawExperiment(content, 'c.yaml', flags);
  return configProblems(() => preflightExperiment(raw, planRuns(raw), dir, GIB));
}

test('every bad dataset of a sweep and every run too large is reported at once, one line each', () => {
  const problems = problemsOf({
    dataset: { kind: 'csv', target: 'label' },
    sweep: { 'dataset.path': ['good.csv', 'text.csv', 'ragged.csv'], 'model.width': [8, 4096], seed: [1, 2] },
  });
  assert.deepEqual(problems, [
    'c.yaml: dataset.path: text.csv line 3, column 1 ("x"): "many" is not a number',
    'c.yaml: dataset.path: ragged.csv line 3: expected 2 fields like the header, got 1 (column 2 ("label") is missing)',
    // good.csv at width 4096: 318,861,314 parameters, 4 bytes each, x 22 with Adam (5 kept: the
    // weights, their flat copy, learning rates, two moments; 17 during a step), plus 400 MiB of
    // runtime. Both seeds on one line.
    'c.yaml: runs r003 and r004 (dataset.path=good.csv, model.width=4096) need about 26.6 GiB of memory, more than the 1.0 GiB set by DEAD_NEURONS_MEMORY_LIMIT_MB (mostly the weights, their gradients and optimizer state; lower model.width or model.depth)',
  ]);
});

test('a problem in a value set by a flag names the flag', () => {
  const problems = problemsOf(
    { dataset: { kind: 'csv', path: 'good.csv', target: 'label' } },
    { set: ['dataset.path=missing.csv'] },
  );
  assert.deepEqual(problems, ['--set dataset.path=missing.csv: dataset.path: cannot read missing.csv (no such file)']);
  const swept = problemsOf(
    { dataset: { kind: 'csv', path: 'good.csv', target: 'label' } },
    { sweep: ['dataset.path=good.csv,gone.csv'] },
  );
  assert.deepEqual(swept, [
    '--sweep dataset.path=good.csv,gone.csv: dataset.path: cannot read gone.csv (no such file)',
  ]);
});

test('a plan that fits says how much its largest run needs', () => {
  const raw = buildRawExperiment({ model: { depth: 3, width: 8 }, sweep: { 'model.width': [8, 32] } }, 'c.yaml');
  const checked = preflightExperiment(raw, planRuns(raw), dir, GIB);
  assert.equal(
    memoryLine(checked),
    'memory: about 404 MiB at most (r002), within the 1.0 GiB set by DEAD_NEURONS_MEMORY_LIMIT_MB',
  );
  assert.deepEqual(
    checked.data.map((data) => data.train),
    [1600],
  );
});

test('concurrentPacks: the jobs largest packs at once, each with a runtime, and the most jobs that fit', () => {
  const MiB = 2 ** 20;
  const packs = [100 * MiB, 300 * MiB, 200 * MiB];
  const at = (...bytes: number[]) => bytes.reduce((sum, b) => sum + b + RUNTIME_BYTES, 0);
  // One job, or enough memory for all three at once: nothing to say.
  assert.equal(concurrentPacks(packs, 1, 0), null);
  assert.equal(concurrentPacks(packs, 8, at(300 * MiB, 200 * MiB, 100 * MiB)), null);
  // Three jobs need the three packs at once; two of them (the largest two) fit.
  const limit = at(300 * MiB, 200 * MiB);
  assert.deepEqual(concurrentPacks(packs, 3, limit), { jobs: 3, bytes: at(300 * MiB, 200 * MiB, 100 * MiB), fits: 2 });
  // More jobs than packs: only as many run at once as there are packs.
  assert.deepEqual(concurrentPacks(packs, 16, limit)?.jobs, 3);
  // Not even two fit: one at a time (each alone is checked elsewhere).
  assert.equal(concurrentPacks(packs, 2, at(300 * MiB))?.fits, 1);
});
