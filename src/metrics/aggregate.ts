/**
 * From finished runs to what a reader compares: one summary row per run, and one per configuration
 * (runs that differ only in their seed), with mean, std and 95% confidence interval over seeds.
 */
import { summarize, type Summary } from './statistics.js';

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
  status: 'ok' | 'diverged';
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

export function summarizeRun(run: RunRecordLike): RunSummary {
  const first = run.epochs[0];
  const last = run.epochs[run.epochs.length - 1];
  return {
    runId: run.runId,
    swept: run.swept,
    seed: run.config.seed,
    status: run.status,
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
  collapsedAtInit: number;
  diverged: number;
}

/** Groups runs that differ only in `seed`, in order of first appearance. */
export function groupOverSeeds(runs: readonly RunSummary[]): ConfigurationSummary[] {
  const groups = new Map<string, RunSummary[]>();
  for (const run of runs) {
    const key = JSON.stringify(Object.entries(run.swept).filter(([path]) => path !== 'seed'));
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((members) => {
    const pick = (value: (run: RunSummary) => number | null) => summarize(members.map((run) => value(run) ?? Number.NaN));
    return {
      key: Object.fromEntries(Object.entries(members[0].swept).filter(([path]) => path !== 'seed')),
      runIds: members.map((run) => run.runId),
      seeds: members.map((run) => run.seed),
      deadAtInit: pick((run) => run.deadAtInit),
      deadFinal: pick((run) => run.deadFinal),
      loss: pick((run) => run.loss),
      trainAccuracy: pick((run) => run.trainAccuracy),
      testAccuracy: pick((run) => run.testAccuracy),
      layerDeadAtInit: meanByLayer(members.map((run) => run.layerDeadAtInit)),
      layerDeadFinal: meanByLayer(members.map((run) => run.layerDeadFinal)),
      collapsedAtInit: members.filter((run) => run.collapsedAtInit).length,
      diverged: members.filter((run) => run.status === 'diverged').length,
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
