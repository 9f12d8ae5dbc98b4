/**
 * --baseline and --config-filter pick which configuration the comparisons are made against and
 * which ones the charts draw; both are checked against the sweep's labels before anything is
 * trained, printed or written, and a miss is a usage error (exit 2) that lists what there is.
 */
import { selectSeries } from '../../output/views/charts/series.js';
import { resolveBaseline, type LabelledConfiguration } from '../../output/results/baseline.js';
import { UsageError } from '../process/errors.js';

/** Fails when `wanted` (--baseline) names no baseline among `configurations`. */
export function requireBaseline(configurations: readonly LabelledConfiguration[], wanted: string | undefined): void {
  if (wanted === undefined) return;
  const found = resolveBaseline(configurations, wanted);
  if (typeof found === 'string') throw new UsageError(`--baseline: ${found}`);
}

/** Fails when `filter` (--config-filter) matches none of the configurations `labels` lists. */
export function requireConfigFilter(labels: readonly string[], filter: string | undefined): void {
  const picked = selectSeries(
    labels.map((label) => ({ label })),
    filter,
  );
  if (typeof picked === 'string') throw new UsageError(`--config-filter: ${picked}`);
}
