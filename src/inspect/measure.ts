/**
 * measureDeadUnits: the dead-unit metrics of every measurable layer of a TF.js layers model on a
 * set of probe inputs, with the same definitions as `run` (src/metrics/dead-units.ts). The tensor
 * side only counts, per unit, the probe inputs that make it positive somewhere.
 *
 * It runs the model through its own `execute` (inference mode: batch normalisation uses its moving
 * statistics, dropout is the identity) and imports only tfjs-core, which registers no backend, so it
 * computes on whatever backend and TF.js instance the caller's model lives in.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { isCollapsed, layerMetrics, overallDeadFraction, type LayerMetrics } from '../metrics/dead-units.js';
import { modelGraph } from './model-graph.js';
import { walkModel, type MeasureTarget, type ModelWalk, type NotMeasured } from './walk.js';

export type { NotMeasured };

export interface MeasureOptions {
  /** A unit positive on fewer than this share of the probe inputs is near-dead. Default 0.01, as in `run`. */
  nearDeadThreshold?: number;
  /** Probe rows per forward pass; default: as many as keep the measured tensors near 128 MB. */
  batchSize?: number;
}

/** One measured layer: a Dense or convolution layer and the rectifier after it. */
export interface LayerResult extends Omit<LayerMetrics, 'deadMask'> {
  /** 1-based, in the model's layer order: the `layer` column of metrics.csv. */
  index: number;
  /** The Dense or convolution layer whose units (features, or channels) are measured. */
  layer: string;
  kind: string;
  /** The rectifier: "relu", "leaky_relu alpha=0.1", "elu alpha=1", "prelu", ... */
  activation: string;
  /** From the unit layer to the rectifier, e.g. ["conv", "bn", "conv_leaky"]; one name when inline. */
  path: string[];
  /** Indices of the dead units (0-based), for finding them in the layer's kernel. */
  deadUnitIndices: number[];
  /** Per unit, on how many probe rows it is positive (a channel: somewhere). */
  positiveRows: number[];
}

export interface DeadUnitsReport {
  /** How many probe inputs were measured. */
  probeRows: number;
  nearDeadThreshold: number;
  layers: LayerResult[];
  /** Layers with units or rectifiers that were not measured, and why. */
  notMeasured: NotMeasured[];
  /** Dead units over all measured units. */
  deadFraction: number;
  /** Some measured layer has every unit dead. */
  collapsed: boolean;
}

/** Float32 elements of measured tensors per forward pass: about 128 MB. */
const BATCH_ELEMENTS = 2 ** 25;

/**
 * Measures every Dense or convolution layer of `model` that feeds a rectifier, on `inputs` (one
 * tensor per model input, rows first). A convolution unit is a channel: dead when its
 * pre-activation is <= 0 at every position for every probe input; a probe input counts as making a
 * channel positive when it does so at some position.
 */
export async function measureDeadUnits(
  model: LayersModel,
  inputs: tf.Tensor | readonly tf.Tensor[],
  options: MeasureOptions = {},
): Promise<DeadUnitsReport> {
  return measureWithPrevious(model, inputs, options);
}

/** measureDeadUnits, plus revived and newly dead units against an earlier report of the same model. */
export async function measureWithPrevious(
  model: LayersModel,
  inputs: tf.Tensor | readonly tf.Tensor[],
  options: MeasureOptions = {},
  previous?: DeadUnitsReport,
  walk: ModelWalk = planMeasurement(model),
): Promise<DeadUnitsReport> {
  const nearDeadThreshold = options.nearDeadThreshold ?? 0.01;
  if (!(nearDeadThreshold >= 0 && nearDeadThreshold <= 1))
    throw new RangeError(`nearDeadThreshold must be in [0, 1], got ${nearDeadThreshold}`);
  const list = checkInputs(model, inputs);
  const probeRows = list[0].shape[0];
  const counts = await positiveCounts(model, list, walk.targets, options.batchSize);
  const layers = walk.targets.map((target, i): LayerResult => {
    const before = previous?.layers[i];
    const previousDead = before && before.layer === target.layer ? deadMask(before) : undefined;
    const { deadMask: mask, ...metrics } = layerMetrics(counts[i], probeRows, nearDeadThreshold, previousDead);
    return {
      index: i + 1,
      layer: target.layer,
      kind: target.kind,
      activation: target.activation,
      path: target.path,
      ...metrics,
      deadUnitIndices: mask.flatMap((dead, unit) => (dead ? [unit] : [])),
      positiveRows: counts[i],
    };
  });
  return {
    probeRows,
    nearDeadThreshold,
    layers,
    notMeasured: walk.notMeasured,
    deadFraction: overallDeadFraction(layers),
    collapsed: isCollapsed(layers),
  };
}

/** Which layers will be measured and which not, without running the model. */
export function planMeasurement(model: LayersModel): ModelWalk {
  const { layers, ranks } = modelGraph(model);
  return walkModel(layers, ranks);
}

function deadMask(layer: LayerResult): boolean[] {
  const mask = new Array<boolean>(layer.units).fill(false);
  for (const unit of layer.deadUnitIndices) mask[unit] = true;
  return mask;
}

// Array.isArray narrows a readonly array to any[]; this says what the array holds.
const isTensorList = (inputs: tf.Tensor | readonly tf.Tensor[]): inputs is readonly tf.Tensor[] =>
  Array.isArray(inputs);

function checkInputs(model: LayersModel, inputs: tf.Tensor | readonly tf.Tensor[]): tf.Tensor[] {
  const list = isTensorList(inputs) ? [...inputs] : [inputs];
  if (list.length !== model.inputs.length) {
    throw new Error(`the model has ${model.inputs.length} input(s), got ${list.length} tensor(s)`);
  }
  list.forEach((tensor, i) => {
    const expected = model.inputs[i].shape;
    const fits =
      tensor.rank === expected.length &&
      expected.every((size, axis) => axis === 0 || size === null || size === tensor.shape[axis]);
    if (!fits) {
      const shape = `[${expected.map((size) => size ?? 'rows').join(', ')}]`;
      throw new Error(
        `input ${i} (${model.inputs[i].name}) must have shape ${shape}, got [${tensor.shape.join(', ')}]`,
      );
    }
  });
  const rows = list[0].shape[0];
  if (rows === 0) throw new Error('no probe inputs (0 rows)');
  if (list.some((tensor) => tensor.shape[0] !== rows))
    throw new Error('every input tensor must have the same number of rows');
  return list;
}

/** counts[target][unit]: probe rows on which the unit is positive (at some position). */
async function positiveCounts(
  model: LayersModel,
  inputs: readonly tf.Tensor[],
  targets: readonly MeasureTarget[],
  batchSize?: number,
): Promise<number[][]> {
  if (targets.length === 0) return [];
  const names = [...new Set(targets.map((target) => target.tensor))];
  const rows = inputs[0].shape[0];
  const step = batchSize ?? defaultBatchSize(model, names, rows);
  let totals: tf.Tensor1D[] | null = null;
  for (let start = 0; start < rows; start += step) {
    const size = Math.min(step, rows - start);
    const batch = tf.tidy(() => {
      const slices = inputs.map((input) => tf.slice(input, start, size));
      const outputs = model.execute(slices, names);
      const byName = new Map(names.map((name, i) => [name, Array.isArray(outputs) ? outputs[i] : outputs]));
      return targets.map((target, i) => {
        const counts = positiveRowsPerUnit(byName.get(target.tensor)!, target.unitAxis);
        return totals === null ? counts : tf.add(totals[i], counts);
      });
    });
    totals?.forEach((tensor) => tensor.dispose());
    totals = batch as tf.Tensor1D[];
  }
  const values = await Promise.all(totals!.map((tensor) => tensor.data()));
  totals!.forEach((tensor) => tensor.dispose());
  // Float32 counts are exact up to 2^24 probe rows, far past any probe set.
  return values.map((array) => Array.from(array));
}

/** [units]: how many rows of `z` are positive somewhere along every axis but 0 and `unitAxis`. */
export function positiveRowsPerUnit(z: tf.Tensor, unitAxis: number): tf.Tensor1D {
  return tf.tidy<tf.Tensor1D>(() => {
    const positive = tf.cast(tf.greater(z, 0), 'float32');
    if (z.rank === 2) return tf.sum(positive, 0);
    const last = z.rank - 1;
    const unitsLast =
      unitAxis === last
        ? positive
        : tf.transpose(positive, [...Array(z.rank).keys()].filter((axis) => axis !== unitAxis).concat(unitAxis));
    const [rows, ...rest] = unitsLast.shape;
    const units = rest[rest.length - 1];
    const anywhere = tf.max(tf.reshape(unitsLast, [rows, -1, units]), 1);
    return tf.sum(anywhere, 0);
  });
}

function defaultBatchSize(model: LayersModel, names: readonly string[], rows: number): number {
  const shapes = new Map<string, number>();
  for (const layer of model.layers) {
    for (const node of layer.inboundNodes) {
      for (const tensor of node.outputTensors)
        shapes.set(
          tensor.name,
          tensor.shape.slice(1).reduce<number>((product, size) => product * (size ?? 1), 1),
        );
    }
  }
  const perRow = names.reduce((sum, name) => sum + (shapes.get(name) ?? 1), 0);
  return Math.max(1, Math.min(rows, Math.floor(BATCH_ELEMENTS / perRow)));
}
