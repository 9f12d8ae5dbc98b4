/**
 * deadUnitsCallback: dead units of a user's own model while `model.fit` trains it, measured on a
 * fixed probe set before the first epoch and after every `every` epochs (and after the last), with
 * `run`'s definitions; revived and newly dead units count against the previous measurement.
 * Given `out`, it keeps a results folder that `report` reads (callback-folder.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { Callback, type LayersModel } from '@tensorflow/tfjs-layers';
import type { EpochRecord, RunResult } from '../experiments/types.js';
import { runScalars } from '../output/results/tensorboard.js';
import { startCallbackFolder, type CallbackFolder } from './callback-folder.js';
import { measureWithPrevious, planMeasurement, type DeadUnitsReport } from './measure.js';
import { eventFileWriter, type Scalar } from './tfevents.js';
import type { ModelWalk } from './walk.js';

export interface DeadUnitsCallbackOptions {
  /** The probe inputs: one tensor per model input, rows first. Kept for the whole training; yours to dispose after. */
  probe: Tensor | Tensor[];
  /** Measure after every this many epochs (default 1); the start and the last epoch are always measured. */
  every?: number;
  /** Called after each measurement (epoch 0 is before training). May return a promise; fit waits for it. */
  onMeasure?: (measurement: DeadUnitsMeasurement) => void | Promise<void>;
  /** A new or empty folder to keep `run`'s files in (metrics.csv, epochs.csv, ...) for `dead-neurons report`. */
  out?: string;
  /** A TensorBoard log folder: each measurement's scalars, tagged as `run --tensorboard` tags them. */
  tensorboard?: string;
  /** Default 0.01, as in `run`. */
  nearDeadThreshold?: number;
  /** The name `report` shows (default: the model's name). */
  name?: string;
  /** Recorded in runs.csv's seed column, if your training is seeded. */
  seed?: number;
  /** The model, when the hooks are called by your own loop instead of model.fit. */
  model?: LayersModel;
}

export interface DeadUnitsMeasurement {
  /** 0 before training, then the number of epochs trained. */
  epoch: number;
  report: DeadUnitsReport;
  /** model.fit's logs of that epoch (loss, acc, val_loss, ...); empty at epoch 0. */
  logs: Record<string, number>;
}

/**
 * The callback: pass it to model.fit in `callbacks`. A tf.Callback, so that fit hands it the model;
 * that needs the same tfjs-layers as your model's (npm installs one when the versions agree), or
 * options.model.
 */
export class DeadUnitsCallback extends Callback {
  /** Every measurement so far, in order. */
  readonly measurements: DeadUnitsMeasurement[] = [];
  private readonly options: DeadUnitsCallbackOptions;
  private readonly every: number;
  private readonly epochs: EpochRecord[] = [];
  private measured?: LayersModel;
  private walk: ModelWalk = { targets: [], notMeasured: [] };
  private folder: CallbackFolder | null = null;
  private writeScalars: ((scalars: readonly Scalar[]) => void) | null = null;
  private startedAt = new Date();
  private trained = 0;
  private lastLogs: Record<string, number> = {};
  private diverged = false;

  constructor(options: DeadUnitsCallbackOptions) {
    super();
    const every = options.every ?? 1;
    if (!Number.isInteger(every) || every < 1)
      throw new RangeError(`deadUnitsCallback: every must be an integer >= 1, got ${options.every}`);
    if (options.probe === undefined)
      throw new TypeError('deadUnitsCallback: probe (the probe inputs, a tensor) is required');
    this.options = options;
    this.every = every;
  }

  override async onTrainBegin(): Promise<void> {
    const model = this.options.model ?? this.model ?? undefined;
    if (model === undefined) {
      throw new Error(
        'deadUnitsCallback: no model; pass it to model.fit in callbacks (with the same @tensorflow/tfjs-layers as the model), or give options.model',
      );
    }
    this.measured = model;
    this.walk = planMeasurement(model);
    if (this.walk.targets.length === 0)
      throw new Error(
        `deadUnitsCallback: ${model.name} has no Dense or convolution layer feeding a rectifier to measure`,
      );
    this.startedAt = new Date();
    const { options } = this;
    if (options.out !== undefined) {
      this.folder = startCallbackFolder({
        folder: options.out,
        name: options.name ?? model.name,
        seed: options.seed ?? null,
        description: {
          model: model.name,
          layers: this.walk.targets.map((target, i) => ({
            layer: i + 1,
            name: target.layer,
            kind: target.kind,
            activation: target.activation,
            path: target.path,
          })),
          notMeasured: this.walk.notMeasured,
          probeRows: (Array.isArray(options.probe) ? options.probe[0] : options.probe).shape[0],
          nearDeadThreshold: options.nearDeadThreshold ?? 0.01,
          every: this.every,
        },
        backend: { name: tf.getBackend(), version: tf.version_core },
        startedAt: this.startedAt,
      });
    }
    if (options.tensorboard !== undefined) this.writeScalars = eventFileWriter(options.tensorboard, this.startedAt);
    await this.measure(0, {});
  }

  override async onEpochEnd(epoch: number, logs: Record<string, unknown> = {}): Promise<void> {
    this.trained = epoch + 1;
    this.lastLogs = numbers(logs);
    this.diverged = typeof this.lastLogs.loss === 'number' && !Number.isFinite(this.lastLogs.loss);
    if (this.trained % this.every === 0 || this.diverged) await this.measure(this.trained, this.lastLogs);
  }

  override async onTrainEnd(): Promise<void> {
    if (this.measured === undefined) return;
    if (this.measurements[this.measurements.length - 1].epoch !== this.trained)
      await this.measure(this.trained, this.lastLogs);
    this.folder?.save(this.epochs, { diverged: this.diverged, seconds: this.seconds(), finished: true });
  }

  private seconds(): number {
    return (Date.now() - this.startedAt.getTime()) / 1000;
  }

  private async measure(epoch: number, logs: Record<string, number>): Promise<void> {
    const previous = this.measurements[this.measurements.length - 1]?.report;
    const { probe, nearDeadThreshold } = this.options;
    const report = await measureWithPrevious(this.measured!, probe, { nearDeadThreshold }, previous, this.walk);
    const measurement = { epoch, report, logs };
    this.measurements.push(measurement);
    const record = epochRecord(measurement);
    if (this.folder !== null) {
      this.epochs.push(record);
      this.folder.save(this.epochs, { diverged: this.diverged, seconds: this.seconds(), finished: false });
    }
    // No loss before training and no gradient norms (NaN): TensorBoard gets what was measured.
    this.writeScalars?.(
      runScalars({ epochs: [record] } as RunResult).filter((scalar) => Number.isFinite(scalar.value)),
    );
    await this.options.onMeasure?.(measurement);
  }
}

/** A callback for model.fit that measures dead units before training and after every `every` epochs. */
export function deadUnitsCallback(options: DeadUnitsCallbackOptions): DeadUnitsCallback {
  return new DeadUnitsCallback(options);
}

/** fit's logs as numbers (a value may still be a scalar tensor). */
function numbers(logs: Record<string, unknown>): Record<string, number> {
  const value = (entry: unknown) =>
    typeof entry === 'number' ? entry : entry instanceof tf.Tensor ? entry.dataSync()[0] : undefined;
  return Object.fromEntries(
    Object.entries(logs).flatMap(([key, entry]) => (value(entry) === undefined ? [] : [[key, value(entry)!]])),
  );
}

/**
 * One epoch of a run record. The loss and accuracies are model.fit's (averaged over the epoch's
 * batches, where `run` measures after the epoch); epoch 0 has none (NaN loss). The callback sees no
 * gradients: grad_norm is NaN.
 */
function epochRecord({ epoch, report, logs }: DeadUnitsMeasurement): EpochRecord {
  const first = (...keys: string[]) => keys.map((key) => logs[key]).find((value) => value !== undefined) ?? null;
  return {
    epoch,
    loss: logs.loss ?? Number.NaN,
    trainAccuracy: first('acc', 'accuracy'),
    testLoss: first('val_loss'),
    testAccuracy: first('val_acc', 'val_accuracy'),
    deadFraction: report.deadFraction,
    collapsed: report.collapsed,
    layers: report.layers.map((layer) => ({
      layer: layer.index,
      units: layer.units,
      deadUnits: layer.deadUnits,
      nearDeadUnits: layer.nearDeadUnits,
      deadFraction: layer.deadFraction,
      nearDeadFraction: layer.nearDeadFraction,
      activeRate: layer.activeRate,
      revived: layer.revived,
      newlyDead: layer.newlyDead,
      gradNorm: Number.NaN,
    })),
  };
}
