import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossBackendVerdict } from '../../../src/output/reproduce/cross-backend.js';
import type { RunResult } from '../../../src/experiments/types.js';
import { reluRun } from '../../helpers/records.js';

/** A run of configuration `activation` and `seed` whose last epoch has the given loss. */
function run(runId: string, activation: string, seed: number, finalLoss: number): RunResult {
  const base = reluRun();
  const epochs = base.epochs.map((epoch, i) => (i === base.epochs.length - 1 ? { ...epoch, loss: finalLoss } : epoch));
  return { ...base, runId, swept: { 'model.activation': activation, seed }, config: { ...base.config, seed }, epochs };
}

const stored = [run('r1', 'relu', 1, 0.5), run('r2', 'relu', 2, 0.6), run('r3', 'relu', 3, 0.7)];

test('per-run differences scattered around 0 are consistent', () => {
  const verdict = crossBackendVerdict(stored, [
    run('r1', 'relu', 1, 0.52),
    run('r2', 'relu', 2, 0.58),
    run('r3', 'relu', 3, 0.71),
  ]);
  const loss = verdict.checks.find((check) => check.metric === 'loss')!;
  assert.equal(loss.test!.n, 3);
  assert.ok(Math.abs(loss.test!.mean - 0.01 / 3) < 1e-12);
  assert.equal(loss.shifted, false);
  assert.deepEqual(verdict.initDifferences, []);
});

test('a shift far beyond the scatter is flagged at the Bonferroni level', () => {
  const verdict = crossBackendVerdict(stored, [
    run('r1', 'relu', 1, 1.0),
    run('r2', 'relu', 2, 1.1001),
    run('r3', 'relu', 3, 1.2002),
  ]);
  const loss = verdict.checks.find((check) => check.metric === 'loss')!;
  // Differences 0.5, 0.5001, 0.5002: t = 0.5001 / (0.0001 / sqrt 3) ≈ 8662, p far below 0.01 / 4.
  assert.ok(loss.test!.p < verdict.level);
  assert.equal(loss.shifted, true);
  assert.equal(verdict.level, 0.01 / verdict.checks.filter((check) => check.test).length);
});

test('an identical one-ulp difference on every seed is rounding, not a shift', () => {
  const ulp = 2 ** -24;
  const verdict = crossBackendVerdict(
    stored,
    stored.map((r) => run(r.runId, 'relu', r.config.seed, r.epochs.at(-1)!.loss + ulp)),
  );
  const loss = verdict.checks.find((check) => check.metric === 'loss')!;
  assert.equal(loss.test!.p, 0);
  assert.equal(loss.shifted, false);
});

test('one run per configuration cannot be tested; a run diverged on one side only is named', () => {
  const single = crossBackendVerdict([stored[0]], [run('r1', 'relu', 1, 0.9)]);
  assert.ok(single.checks.every((check) => check.test === null && !check.shifted));
  const diverged = { ...run('r2', 'relu', 2, Number.NaN), status: 'diverged' as const, divergedAtEpoch: 2 };
  const verdict = crossBackendVerdict(stored, [stored[0], diverged, stored[2]]);
  assert.deepEqual(verdict.divergedOnOneSide, ['r2']);
  assert.equal(verdict.checks.find((check) => check.metric === 'loss')!.test!.n, 2);
});

test('a run unstable on one side only is not "diverged on one side": its final values are still tested', () => {
  // reluRun starts at a loss of 0.75: 2.0 at the end is unstable, 0.6 is not; both finite.
  const verdict = crossBackendVerdict(stored, [run('r1', 'relu', 1, 2.0), stored[1], stored[2]]);
  assert.deepEqual(verdict.divergedOnOneSide, []);
  assert.equal(verdict.checks.find((check) => check.metric === 'loss')!.test!.n, 3);
});
