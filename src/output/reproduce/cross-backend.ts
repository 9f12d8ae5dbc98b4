/**
 * What `reproduce` can promise on a backend other than the one that made the results. Float32
 * kernels round differently, and training amplifies the difference until individual trajectories
 * part ways, so per-value tolerances fail faithful results. Two things still hold:
 * - at initialisation (epoch 0) nothing has been trained: every value agrees up to rounding;
 * - after training, each configuration's final metrics come from the same distribution, so the
 *   per-run differences (re-run minus stored, same seed) have mean 0. A paired t-test per
 *   configuration and metric looks for a systematic shift, Bonferroni-corrected so that the whole
 *   check raises a false alarm on a faithful result with probability at most FAMILY_ALPHA; a
 *   shift must also exceed what rounding alone explains (INIT_TOLERANCE, relative).
 */
import { groupBySeedlessKey, summarizeRun, type RunSummary } from '../../metrics/aggregate.js';
import { pairedTTest, type PairedTTest } from '../../metrics/t-test.js';
import type { RunResult } from '../../experiments/types.js';
import { compareRuns, type Difference } from './compare-runs.js';

/** Family-wise false-alarm rate of the whole cross-backend check. */
export const FAMILY_ALPHA = 0.01;
/** Epoch-0 tolerance, relative to max(1, |stored|): float32 rounding, nothing amplified yet. */
export const INIT_TOLERANCE = 1e-3;

const METRICS = ['deadFinal', 'loss', 'trainAccuracy', 'testAccuracy'] as const;
type Metric = (typeof METRICS)[number];
export const METRIC_NAMES: Record<Metric, string> = {
  deadFinal: 'final dead fraction',
  loss: 'final loss',
  trainAccuracy: 'final train accuracy',
  testAccuracy: 'final test accuracy',
};

interface ShiftCheck {
  /** The configuration's swept values, seed excluded. */
  key: Record<string, unknown>;
  metric: Metric;
  storedMean: number;
  reproducedMean: number;
  /** Null when fewer than two runs of the configuration have finite values on both sides. */
  test: PairedTTest | null;
  shifted: boolean;
}

export interface CrossBackendVerdict {
  /** Epoch-0 values that differ by more than rounding. */
  initDifferences: Difference[];
  checks: ShiftCheck[];
  /** The per-test level: FAMILY_ALPHA over the number of tests that could be run. */
  level: number;
  /** Runs that diverged on one side only (their final metrics are left out of the tests). */
  divergedOnOneSide: string[];
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** `reproduced` must hold a re-run of every stored run it is compared with (matched by run id). */
export function crossBackendVerdict(
  stored: readonly RunResult[],
  reproduced: readonly RunResult[],
): CrossBackendVerdict {
  const before = new Map(stored.map((run) => [run.runId, run]));
  const pairs = reproduced.map((run) => ({
    stored: summarizeRun(before.get(run.runId)!),
    reproduced: summarizeRun(run),
    swept: run.swept,
  }));
  const initDifferences = reproduced.flatMap((run) =>
    compareRuns(before.get(run.runId)!, run, INIT_TOLERANCE).filter((difference) => difference.epoch === 0),
  );
  // Diverged, not any status: a run unstable on one backend only is still tested on its final values.
  const diverged = (run: RunSummary) => run.status === 'diverged';
  const divergedOnOneSide = pairs
    .filter((pair) => diverged(pair.stored) !== diverged(pair.reproduced))
    .map((pair) => pair.stored.runId);

  const unjudged = groupBySeedlessKey(pairs).flatMap(({ key, members }) =>
    METRICS.flatMap((metric) => {
      const both = members
        .map((pair) => [pair.stored[metric], pair.reproduced[metric]] as const)
        .filter((values): values is readonly [number, number] =>
          values.every((value) => typeof value === 'number' && Number.isFinite(value)),
        );
      if (both.length === 0) return [];
      return [
        {
          key,
          metric,
          storedMean: mean(both.map(([a]) => a)),
          reproducedMean: mean(both.map(([, b]) => b)),
          test: pairedTTest(both.map(([a, b]) => b - a)),
        },
      ];
    }),
  );
  const testable = unjudged.filter((check) => check.test !== null).length;
  const level = FAMILY_ALPHA / Math.max(testable, 1);
  // Rounding can differ consistently in sign (say one ulp lower on every seed), which a t-test with
  // a tiny sd calls significant: a shift must also be larger than rounding could make it.
  const beyondRounding = (check: (typeof unjudged)[number]) =>
    Math.abs(check.test!.mean) > INIT_TOLERANCE * Math.max(1, Math.abs(check.storedMean));
  const checks = unjudged.map((check) => ({
    ...check,
    shifted: check.test !== null && check.test.p < level && beyondRounding(check),
  }));
  return { initDifferences, checks, level, divergedOnOneSide };
}
