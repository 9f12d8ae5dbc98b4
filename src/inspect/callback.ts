/**
 * deadUnitsCallback: dead units of a user's own model while `model.fit` trains it, measured on a
 * fixed probe set before the first epoch and after every `every` epochs (and after the last), with
 * `run`'s definitions; revived and newly dead units count against the previous measurement.
 * Given `out`, it keeps a results folder that `report` reads (callback-folder.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { EpochRecord } from '../experiments/types.js';
import { startCallbackFolder, type CallbackFolder } from './callback-folder.js';
import { measureWithPrevious, planMeasurement, type DeadUnitsReport } from './measure.js';
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

/** What model.fit calls (a CustomCallbackArgs): pass it in `callbacks`. */
export interface DeadUnitsCallback {
  onTrainBegin(logs?: Record<string, unknown>): Promise<void>;
  onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void>;
  onTrainEnd(logs?: Record<string, unknown>): Promise<void>;
  /** Every measurement so far, in order. */
  readonly measurements: readonly DeadUnitsMeasurement[];
}

/** The callback's `this` inside model.fit: TF.js's CustomCallback, which holds the model being trained. */
type FitContext = { model?: LayersModel } | undefined;

export function deadUnitsCallback(options: DeadUnitsCallbackOptions): DeadUnitsCallback {
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`deadUnitsCallback: every must be an integer >= 1, got ${options.every}`);
  if (options.probe === undefined) throw new TypeError('deadUnitsCallback: probe (the probe inputs, a tensor) is required');
  const measurements: DeadUnitsMeasurement[] = [];
  const epochs: EpochRecord[] = [];
  let model: LayersModel | undefined;
  let walk: ModelWalk;
  let folder: CallbackFolder | null = null;
  let startedAt = new Date();
  let trained = 0;
  let lastLogs: Record<string, number> = {};
  let diverged = false;

  const seconds = () => (Date.now() - startedAt.getTime()) / 1000;
  const measure = async (epoch: number, logs: Record<string, number>) => {
    const previous = measurements[measurements.length - 1]?.report;
    const report = await measureWithPrevious(model!, options.probe, { nearDeadThreshold: options.nearDeadThreshold }, previous, walk);
    const measurement = { epoch, report, logs };
    measurements.push(measurement);
    if (folder !== null) {
      epochs.push(epochRecord(measurement));
      folder.save(epochs, { diverged, seconds: seconds(), finished: false });
    }
    await options.onMeasure?.(measurement);
  };

  return {
    measurements,
    async onTrainBegin(this: FitContext) {
      model = options.model ?? this?.model;
      if (model === undefined) throw new Error('deadUnitsCallback: no model; pass the callback to model.fit, or give it options.model');
      walk = planMeasurement(model);
      if (walk.targets.length === 0) throw new Error(`deadUnitsCallback: ${model.name} has no Dense or convolution layer feeding a rectifier to measure`);
      startedAt = new Date();
      if (options.out !== undefined) {
        folder = startCallbackFolder({
          folder: options.out,
          name: options.name ?? model.name,
          seed: options.seed ?? null,
          description: {
            model: model.name,
            layers: walk.targets.map((target, i) => ({ layer: i + 1, name: target.layer, kind: target.kind, activation: target.activation, path: target.path })),
            notMeasured: walk.notMeasured,
            probeRows: (Array.isArray(options.probe) ? options.probe[0] : options.probe).shape[0],
            nearDeadThreshold: options.nearDeadThreshold ?? 0.01,
            every,
          },
          backend: { name: tf.getBackend(), version: tf.version_core },
          startedAt,
        });
      }
      await measure(0, {});
    },
    async onEpochEnd(this: FitContext, epoch: number, logs: Record<string, unknown> = {}) {
      trained = epoch + 1;
      lastLogs = numbers(logs);
      diverged = typeof lastLogs.loss === 'number' && !Number.isFinite(lastLogs.loss);
      if (trained % every === 0 || diverged) await measure(trained, lastLogs);
    },
    async onTrainEnd() {
      if (model === undefined) return;
      if (measurements[measurements.length - 1].epoch !== trained) await measure(trained, lastLogs);
      folder?.save(epochs, { diverged, seconds: seconds(), finished: true });
    },
  };
}

function numbers(logs: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(logs).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
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
