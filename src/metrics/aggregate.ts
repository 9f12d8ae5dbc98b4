/**
 * From finished runs to what a reader compares: one summary row per run, and one per configuration
 * (runs that differ only in their seed), with mean, std and 95% confidence interval over seeds.
 */
import { positiveInterval, shareInterval, wilsonInterval } from './intervals.js';
import { summarize, type Interval, type Summary } from './statistics.js';

/** The parts of a run's record this module reads. */
export interface RunRecordLike {
  runId: string;
  swept: Record<string, unknown>;
  config: { seed: number; name: string };
  status: 'ok' | 'diverged';
  divergedAtEpoch: number | null;
  seconds: number;
  epochs: readonly {
    epoch: number;
    loss: number;
    trainAccuracy: number | null;
    testAccuracy: number | null;
    deadFraction: number;
    collapsed: boolean;
    layers: readonly { deadFraction: number }[];
  }[];
}

export interface RunSummary {
  runId: string;
  swept: Record<string, unknown>;
  seed: number;
  /**
   * The record's status, and 'unstable' for a run that did not diverge but ended with a training
   * loss more than UNSTABLE_RISE above the one it started with: it blew up to a finite loss (an
   * MNIST run of the claims study ended at 61 from 2.3), which the summaries keep but a reader
   * should see.
   */
  status: 'ok' | 'unstable' | 'diverged';
  divergedAtEpoch: number | null;
  collapsedAtInit: boolean;
  deadAtInit: number;
  /** Over all hidden units, at the last measured epoch. */
  deadFinal: number;
  layerDeadAtInit: number[];
  layerDeadFinal: number[];
  loss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  seconds: number;
}

/**
 * How far above its initial loss a run must end to be unstable: 5%. A network that stops learning
 * and collapses to a constant output ends at the loss of predicting the class shares, which can
 * sit a little above an initial loss that happened to start lower (configs/deep.json's ReLU seeds
 * 2 and 3: 0.6904 to 0.6935 and 0.6923 to 0.6932, +0.4% and +0.1%); that is a stalled run, not an
 * unstable one. Blow-ups end far above (the claims study's 61 from 2.3; SGD at a step of 3 on a
 * small moons net, 0.68 to 1.50).
 */
const UNSTABLE_RISE = 0.05;

export function summarizeRun(run: RunRecordLike): RunSummary {
  const first = run.epochs[0];
  const last = run.epochs[run.epochs.length - 1];
  return {
    runId: run.runId,
    swept: run.swept,
    seed: run.config.seed,
    status: run.status === 'ok' && last.loss > first.loss * (1 + UNSTABLE_RISE) ? 'unstable' : run.status,
    divergedAtEpoch: run.divergedAtEpoch,
    collapsedAtInit: first.collapsed,
    deadAtInit: first.deadFraction,
    deadFinal: last.deadFraction,
    layerDeadAtInit: first.layers.map((layer) => layer.deadFraction),
    layerDeadFinal: last.layers.map((layer) => layer.deadFraction),
    loss: last.loss,
    trainAccuracy: last.trainAccuracy,
    testAccuracy: last.testAccuracy,
    seconds: run.seconds,
  };
}

export interface ConfigurationSummary {
  /** The swept values that define the configuration (seed excluded). */
  key: Record<string, unknown>;
  runIds: string[];
  seeds: number[];
  deadAtInit: Summary;
  deadFinal: Summary;
  loss: Summary;
  trainAccuracy: Summary;
  testAccuracy: Summary;
  /** Mean over seeds of each layer's dead fraction. */
  layerDeadAtInit: number[];
  layerDeadFinal: number[];
  /** Runs born dead (a layer entirely dead at initialisation), and the 95% Wilson interval of their share. */
  collapsedAtInit: number;
  collapsedAtInitInterval: Interval | null;
  diverged: number;
  /** Runs that ended with a training loss well above the one they started with (RunSummary.status). */
  unstable: number;
}

/** Runs (or planned runs) that differ only in `seed`, with the swept values they share, in order of first appearance. */
export function groupBySeedlessKey<T extends { swept: Record<string, unknown> }>(
  runs: readonly T[],
): { key: Record<string, unknown>; members: T[] }[] {
  const groups = new Map<string, { key: Record<string, unknown>; members: T[] }>();
  for (const run of runs) {
    const entries = Object.entries(run.swept).filter(([path]) => path !== 'seed');
    const id = JSON.stringify(entries);
    const group = groups.get(id) ?? { key: Object.fromEntries(entries), members: [] };
    group.members.push(run);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** One summary per configuration (runs that differ only in `seed`), in order of first appearance. */
export function groupOverSeeds(runs: readonly RunSummary[]): ConfigurationSummary[] {
  return groupBySeedlessKey(runs).map(({ key, members }) => {
    // Shares (dead fractions, accuracies) get an interval that stays in [0, 1]; the loss one that stays above 0.
    const share = (value: (run: RunSummary) => number | null) =>
      summarize(
        members.map((run) => value(run) ?? Number.NaN),
        shareInterval,
      );
    const collapsedAtInit = members.filter((run) => run.collapsedAtInit).length;
    return {
      key,
      runIds: members.map((run) => run.runId),
      seeds: members.map((run) => run.seed),
      deadAtInit: share((run) => run.deadAtInit),
      deadFinal: share((run) => run.deadFinal),
      loss: summarize(
        members.map((run) => run.loss),
        positiveInterval,
      ),
      trainAccuracy: share((run) => run.trainAccuracy),
      testAccuracy: share((run) => run.testAccuracy),
      layerDeadAtInit: meanByLayer(members.map((run) => run.layerDeadAtInit)),
      layerDeadFinal: meanByLayer(members.map((run) => run.layerDeadFinal)),
      collapsedAtInit,
      collapsedAtInitInterval: wilsonInterval(collapsedAtInit, members.length),
      diverged: members.filter((run) => run.status === 'diverged').length,
      unstable: members.filter((run) => run.status === 'unstable').length,
    };
  });
}

function meanByLayer(rows: readonly number[][]): number[] {
  const depth = Math.max(...rows.map((row) => row.length));
  return Array.from({ length: depth }, (_, layer) => {
    const values = rows.map((row) => row[layer]).filter((value) => value !== undefined);
    return values.reduce((sum, value) => sum + value, 0) / values.length;
  });
}
