/**
 * The records a sweep is planned as and produces, shared by planning, execution and the results
 * folder. They are plain data (JSON and IPC safe), so every layer can import them without pulling
 * in TF.js; packOf reads the one field whose absence means something.
 */
import type { LayerMetrics } from '../metrics/dead-units.js';
import type { RunConfig } from './config/schema.js';

export interface PlannedRun {
  /** Stable across shards and resumes: its position in the collapsed plan ("r007"). */
  runId: string;
  index: number;
  /**
   * The pack it trains in (sweep/packs.ts): runs sharing every tensor shape train as one batched
   * network. Absent in plans written before packs, where every run trained alone.
   */
  pack?: number;
  /** The resolved value of every swept path for this run (null where it does not apply). */
  swept: Record<string, unknown>;
  config: RunConfig;
}

/** A run's pack; a plan written before packs existed trained every run alone (a pack of its own). */
export const packOf = (run: Pick<PlannedRun, 'pack' | 'index'>): number => run.pack ?? -1 - run.index;

export interface LayerRecord extends Omit<LayerMetrics, 'deadMask'> {
  /** 1-based hidden layer index, input side first. */
  layer: number;
  /** Mean over the epoch's steps of the L2 norm of dLoss/dKernel. */
  gradNorm: number;
}

export interface EpochRecord {
  /** 0 = at initialisation. */
  epoch: number;
  /** Mean loss over the whole training set, measured after the epoch. */
  loss: number;
  trainAccuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Dead units over all hidden units. */
  deadFraction: number;
  collapsed: boolean;
  layers: LayerRecord[];
}

/** A finished run: its plan, every epoch's measurements and how it ended. */
export interface RunResult extends PlannedRun {
  status: 'ok' | 'diverged';
  divergedAtEpoch: number | null;
  /** Epoch 0 (initialisation) and every epoch trained. */
  epochs: EpochRecord[];
  task: 'classification' | 'regression';
  backend: string;
  /** Wall time; the only field that differs between identical runs. */
  seconds: number;
}
