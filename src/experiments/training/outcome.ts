/**
 * What a run's training comes to: an epoch record per measurement (scores, and the dead-unit
 * metrics of src/metrics from the probe counts) and the epoch it diverged at, if it did.
 */
import { isCollapsed, layerMetrics, overallDeadFraction } from '../../metrics/dead-units.js';
import type { EpochRecord, LayerRecord } from '../types.js';
import type { RunMeasurement } from './measure.js';

export interface TrainOutcome {
  epochs: EpochRecord[];
  /** First epoch whose loss was NaN or infinite; training stops there. */
  divergedAtEpoch: number | null;
}

/** One run's records so far, and the dead units of its last measurement (for revived and newly dead). */
export interface RunProgress {
  outcome: TrainOutcome;
  previousDead?: boolean[][];
}

export interface ProbeSettings {
  /** Rows of the run's probe set. */
  probeCount: number;
  nearDeadThreshold: number;
}

export const isLive = (progress: RunProgress): boolean => progress.outcome.divergedAtEpoch === null;

/**
 * Appends the run's record of `epoch`, made from its measurement, and returns it. A loss that is
 * NaN or infinite marks the run diverged at this epoch.
 */
export function recordEpoch(
  progress: RunProgress,
  epoch: number,
  measurement: RunMeasurement,
  probe: ProbeSettings,
): EpochRecord {
  const { loss, accuracy, test, counts, gradNorms } = measurement;
  const scores = {
    epoch,
    loss,
    trainAccuracy: accuracy,
    testLoss: test?.loss ?? null,
    testAccuracy: test?.accuracy ?? null,
  };
  let record: EpochRecord;
  if (Number.isFinite(loss)) {
    const metrics = counts.map((layerCounts, layer) =>
      layerMetrics(layerCounts, probe.probeCount, probe.nearDeadThreshold, progress.previousDead?.[layer]),
    );
    progress.previousDead = metrics.map((layer) => layer.deadMask);
    record = {
      ...scores,
      deadFraction: overallDeadFraction(metrics),
      collapsed: isCollapsed(metrics),
      layers: metrics.map(({ deadMask: _mask, ...rest }, layer) => ({
        layer: layer + 1,
        ...rest,
        gradNorm: gradNorms[layer],
      })),
    };
  } else {
    // Diverged weights give NaN pre-activations, which are neither positive nor <= 0: nothing
    // about dead units can be measured, and counting them as dead would fake a collapse.
    record = { ...scores, deadFraction: Number.NaN, collapsed: false, layers: unmeasurable(gradNorms, counts) };
    progress.outcome.divergedAtEpoch = epoch;
  }
  progress.outcome.epochs.push(record);
  return record;
}

function unmeasurable(gradNorms: readonly number[], counts: readonly number[][]): LayerRecord[] {
  return gradNorms.map((gradNorm, layer) => ({
    layer: layer + 1,
    units: counts[layer].length,
    deadUnits: Number.NaN,
    nearDeadUnits: Number.NaN,
    deadFraction: Number.NaN,
    nearDeadFraction: Number.NaN,
    activeRate: Number.NaN,
    revived: Number.NaN,
    newlyDead: Number.NaN,
    gradNorm,
  }));
}
