/**
 * The claims analysis (scripts/analysis/claims.ts): per-run measures from a run record, the
 * contrasts within each cell (dataset, depth, learning rate) by hand, and the script end to end on
 * a results folder written from hand-built records.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  analyseClaims,
  claimRun,
  claimsMarkdown,
  formatEstimate,
  loadClaimRuns,
  MEASURES,
  type ClaimRun,
  type Measure,
} from '../../../scripts/analysis/claims.js';
import { writeResolvedConfig, writeRunRecord } from '../../../src/output/results/folder.js';
import { divergedRun, reluRun } from '../../helpers/records.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

const near = (actual: number | null, expected: number, tolerance = 1e-9) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= tolerance,
    `got ${actual}, expected ${expected} ± ${tolerance}`,
  );

test('the measures of one run record: final and epoch-1 scores, revivals per dead unit-epoch', () => {
  // reluRun: epochs 0 and 1, two layers of 4; dead 0 and 1 at epoch 0, 1 and 1 at epoch 1, one revival in layer 2.
  const run = claimRun(reluRun());
  assert.deepEqual(
    [run.dataset, run.depth, run.learningRate, run.configuration, run.seed],
    ['spirals', 3, 0.001, 'relu', 1],
  );
  assert.equal(run.values.dead_init, 0.125);
  assert.equal(run.values.dead_final, 0.25);
  assert.equal(run.values.loss, 0.5);
  assert.equal(run.values.loss_epoch1, 0.5);
  assert.ok(Number.isNaN(run.values.test_accuracy), 'no test accuracy recorded at epoch 1: NaN, not 0');
  assert.equal(run.values.revival_rate, 1); // 1 dead unit at epoch 0, 1 revival at epoch 1
  assert.ok(Number.isNaN(run.values.revival_rate_layer1), 'layer 1 had no dead unit before the last measurement');
  // A diverged run drops out of every pair: every value NaN.
  assert.ok(Object.values(claimRun(divergedRun()).values).every(Number.isNaN));
  // Leaky ReLU's label carries its alpha, as the summary's does.
  const leaky = reluRun();
  leaky.config = tinyRunConfig({ model: { activation: 'leaky_relu', alpha: 0.01 } });
  assert.equal(claimRun(leaky).configuration, 'leaky_relu alpha=0.01');
});

/** A claim run whose every measure is `value` unless `values` says otherwise. */
function run(depth: number, configuration: string, seed: number, values: Partial<Record<Measure, number>>): ClaimRun {
  const all = Object.fromEntries(Object.keys(MEASURES).map((measure) => [measure, 0.5])) as Record<Measure, number>;
  return { dataset: 'spirals', depth, learningRate: 0.01, configuration, seed, values: { ...all, ...values } };
}

// Dead at the last epoch, seeds 1-3. Depth 4: relu 0.2, 0.1, 0.2; α 0.01 0.1, 0.1, 0.2; α 0.3 0.1, 0.0, 0.1.
// Depth 24: relu 0.6, 0.5, 0.6; α 0.01 0.2, 0.3, 0.1; α 0.3 0.2, 0.2, 0.2.
const DEAD: [number, string, number[]][] = [
  [4, 'relu', [0.2, 0.1, 0.2]],
  [4, 'leaky_relu alpha=0.01', [0.1, 0.1, 0.2]],
  [4, 'leaky_relu alpha=0.3', [0.1, 0, 0.1]],
  [24, 'relu', [0.6, 0.5, 0.6]],
  [24, 'leaky_relu alpha=0.01', [0.2, 0.3, 0.1]],
  [24, 'leaky_relu alpha=0.3', [0.2, 0.2, 0.2]],
];
const RUNS = DEAD.flatMap(([depth, configuration, dead]) =>
  dead.map((value, i) => run(depth, configuration, i + 1, { dead_final: value })),
);

const find = (claim: number, depth: string, measure: Measure, configuration: string, versus: string | null) => {
  const found = analyseClaims(RUNS).find(
    (e) =>
      e.claim === claim &&
      e.depth === depth &&
      e.measure === measure &&
      e.configuration === configuration &&
      e.versus === versus,
  );
  assert.ok(found, `no estimate for claim ${claim} ${depth} ${measure} ${configuration} vs ${versus}`);
  return found.estimate;
};

test('claim 1 pairs each Leaky ReLU with ReLU of the same depth and seed', () => {
  // Depth 24, α 0.01 - relu: -0.4, -0.2, -0.5, mean -11/30 (as comparisons.csv would give in that cell).
  const contrast = find(1, '24', 'dead_final', 'leaky_relu alpha=0.01', 'relu');
  assert.deepEqual(contrast.seeds, [1, 2, 3]);
  near(contrast.mean, -11 / 30);
  // The level of ReLU's dead fraction at depth 4: mean 0.5 / 3.
  near(find(1, '4', 'dead_final', 'relu', null).mean, 0.5 / 3);
});

test('claim 4 is the difference of the paired differences, deepest minus shallowest depth', () => {
  // α 0.01: depth 24 differences -0.4, -0.2, -0.5; depth 4: -0.1, 0, 0; per seed -0.3, -0.2, -0.5 (contrasts.test.ts by hand).
  const contrast = find(4, '24-4', 'dead_final', 'leaky_relu alpha=0.01', 'relu');
  near(contrast.mean, -1 / 3);
  near(contrast.low, -0.7127958, 1e-7);
  near(contrast.high, 0.0461291, 1e-7);
});

test('claim 5 compares the smallest alpha with each larger one, within the cell', () => {
  // Depth 24, α 0.01 - α 0.3: 0, +0.1, -0.1.
  const contrast = find(5, '24', 'dead_final', 'leaky_relu alpha=0.01', 'leaky_relu alpha=0.3');
  near(contrast.mean, 0);
  assert.equal(contrast.n, 3);
});

test('the same cell, configuration and seed twice is refused: the folders overlap', () => {
  assert.throws(() => analyseClaims([...RUNS, RUNS[0]]), /two runs of relu, seed 1 in spirals\|4\|0.01/);
});

test('estimates print in percentage points for shares, bold when the interval excludes 0', () => {
  const contrast = { n: 3, mean: -0.0131, std: 0.01, low: -0.0263, high: -0.0002, seeds: [1, 2, 3] };
  assert.equal(formatEstimate(contrast, true, true), '**-1.3** [-2.6, -0.02]');
  assert.equal(
    formatEstimate({ ...contrast, mean: 0.0123, low: -0.001, high: 0.025 }, false, true),
    '+0.012 [-0.001, +0.025]',
  );
  assert.equal(formatEstimate({ ...contrast, mean: 0.161, low: 0.103, high: 0.239 }, true, false), '16.1 [10.3, 23.9]');
  assert.equal(formatEstimate({ ...contrast, n: 1, std: null, low: null, high: null }, true, true), '-1.3');
  assert.equal(formatEstimate({ ...contrast, mean: 2e-15, low: -0.006, high: 0.006 }, true, true), '0.0 [-0.6, +0.6]');
  assert.equal(formatEstimate({ ...contrast, n: 0 }, true, true), '–');
});

test('end to end: the script reads results folders and writes every estimate to --csv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-claims-'));
  const records = [1, 2].flatMap((seed) =>
    (['relu', 'leaky_relu'] as const).map((activation, index) => {
      const record = reluRun();
      record.runId = `r00${2 * seed + index - 1}`;
      record.config = tinyRunConfig({ seed, model: { activation, alpha: activation === 'relu' ? null : 0.01 } });
      // leaky: one unit fewer dead at the last epoch of each seed.
      if (activation !== 'relu') record.epochs[1].deadFraction -= 0.125 * seed;
      return record;
    }),
  );
  writeResolvedConfig(dir, { ...tinyRunConfig(), sweep: {}, baseline: null }, records);
  writeFileSync(join(dir, 'manifest.json'), '{}');
  for (const record of records) writeRunRecord(dir, record);
  assert.equal(loadClaimRuns([dir]).length, 4);

  const csv = join(dir, 'claims.csv');
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/analysis/claims.ts', dir, '--csv', csv], {
    encoding: 'utf8',
  });
  assert.ok(stdout.startsWith("# The Leaky ReLU article's claims: every table\n"), stdout);
  assert.ok(stdout.includes('| spirals | 3 | 0.001 | 2 | 25.0 [25.0, 25.0] | -18.8 [-76.7, +56.0] |'), stdout);
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(
    lines[0],
    'claim,dataset,depth,learning_rate,measure,configuration,versus,n,seeds,mean,std,low,high,interval',
  );
  // Differences -0.125 and -0.25: mean -0.1875, sd 0.0883883, se 0.0625; on the atanh scale the half-width
  // 12.7062 * 0.0625 / (1 - 0.1875²) = 0.8230737 around atanh(-0.1875) = -0.1897381: [-0.7669253, 0.5603401].
  assert.ok(
    lines.includes(
      '1,spirals,3,0.001,dead_final,leaky_relu alpha=0.01,relu,2,1 2,-0.1875,0.088388348,-0.76692526,0.56034014,paired t on per-seed differences (atanh scale for shares)',
    ),
    lines.join('\n'),
  );
  assert.ok(
    claimsMarkdown([]).includes(
      '\n**1. Fewer dead units.** Dead at the last epoch: ReLU (%), and each Leaky ReLU minus ReLU (pp)\n',
    ),
  );

  // A folder that is not a results folder: one line, exit 2.
  const bad = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/analysis/claims.ts', tmpdir() + '/no-such-folder'],
    { encoding: 'utf8' },
  );
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^claims: .*no-such-folder/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
