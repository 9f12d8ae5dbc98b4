import type { RunResult } from '../../experiments/types.js';
/**
 * Compares a re-run with the stored record of the same run, metric by metric: exact (the same
 * double, NaN equal to NaN) or within a tolerance. Pure; `reproduce` prints what it finds.
 */

export interface Difference {
  runId: string;
  epoch: number | null;
  /** Hidden layer, or null for whole-network values. */
  layer: number | null;
  metric: string;
  stored: unknown;
  reproduced: unknown;
}

type Value = number | boolean | string | null;

/** trainAccuracy → train_accuracy: the CSV column a metric appears under. */
const columnName = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Every measured value of a run, keyed "epoch/layer/metric"; timings excluded. */
export function measuredValues(
  result: RunResult,
): Map<string, { epoch: number | null; layer: number | null; metric: string; value: Value }> {
  const values = new Map<string, { epoch: number | null; layer: number | null; metric: string; value: Value }>();
  const put = (epoch: number | null, layer: number | null, metric: string, value: Value) =>
    values.set(`${epoch}/${layer}/${metric}`, { epoch, layer, metric: columnName(metric), value });
  put(null, null, 'status', result.status);
  put(null, null, 'diverged_at_epoch', result.divergedAtEpoch);
  for (const { layers, epoch, ...scores } of result.epochs) {
    for (const [metric, value] of Object.entries(scores)) put(epoch, null, metric, value);
    for (const { layer, ...metrics } of layers) {
      for (const [metric, value] of Object.entries(metrics)) put(epoch, layer, metric, value);
    }
  }
  return values;
}

/** Whether two values agree: numbers within `tolerance` relative to max(1, |stored|), the rest exactly. */
export function agrees(stored: Value | undefined, reproduced: Value | undefined, tolerance: number): boolean {
  if (typeof stored === 'number' && typeof reproduced === 'number') {
    if (Object.is(stored, reproduced) || (Number.isNaN(stored) && Number.isNaN(reproduced))) return true;
    // A tolerance scaled by an infinite value would accept anything: non-finite values match exactly.
    if (!Number.isFinite(stored) || !Number.isFinite(reproduced)) return false;
    return Math.abs(stored - reproduced) <= tolerance * Math.max(1, Math.abs(stored));
  }
  return stored === reproduced;
}

/** Every value of `stored` that `reproduced` does not match (missing values included). */
export function compareRuns(stored: RunResult, reproduced: RunResult, tolerance: number): Difference[] {
  const before = measuredValues(stored);
  const after = measuredValues(reproduced);
  const differences: Difference[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if (!agrees(a?.value, b?.value, tolerance)) {
      const where = (a ?? b)!;
      differences.push({
        runId: stored.runId,
        epoch: where.epoch,
        layer: where.layer,
        metric: where.metric,
        stored: a?.value,
        reproduced: b?.value,
      });
    }
  }
  return differences;
}
