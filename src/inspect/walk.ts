/**
 * Which layers of a model `inspect` measures, from its layer graph alone: every Dense or
 * convolution layer whose output reaches a rectifier, either its own inline activation or a
 * rectifier layer after it (through batch normalisation and dropout, which act per unit in
 * inference mode). Everything else that has units or rectifies is listed with the reason it is
 * not measured. Pure: it reads plain layer descriptions (model-graph.ts makes them from TF.js).
 */

/** One layer of the model as the walk needs it. */
export interface LayerNode {
  name: string;
  /** The TF.js class name: Dense, Conv2D, ReLU, BatchNormalization, ... */
  kind: string;
  /** The layer's config as TF.js serialises it (activation, alpha, dataFormat, ...). */
  config: Record<string, unknown>;
  /** How often the layer is called in the model; a shared layer (more than once) is not measured. */
  calls: number;
  /** Names of the layers feeding its (first) call, and of the tensors they feed it. */
  inboundLayers: string[];
  inputTensors: string[];
  /** Names of the tensors its (first) call outputs. */
  outputTensors: string[];
  /** Whether it has weights: a layer with weights that is not measured is listed as such. */
  hasWeights: boolean;
}

/** A measured layer: whose units, which rectifier, and which tensor holds the signs to count. */
export interface MeasureTarget {
  /** The Dense or convolution layer whose units are measured. */
  layer: string;
  kind: string;
  /** The rectifier as it reads: "relu", "leaky_relu alpha=0.1", "elu alpha=1", "prelu". */
  activation: string;
  /** Layer names from the unit layer to the rectifier; one name for an inline activation. */
  path: string[];
  /**
   * The tensor whose sign is counted: the rectifier layer's input, or for an inline activation the
   * layer's output (relu, relu6, elu and selu are positive exactly where their input is).
   */
  tensor: string;
  /** Axis of the units in that tensor (batch is axis 0); every other axis but 0 is a position. */
  unitAxis: number;
}

export interface NotMeasured {
  layer: string;
  kind: string;
  reason: string;
}

export interface ModelWalk {
  targets: MeasureTarget[];
  notMeasured: NotMeasured[];
}

/** Layers whose units `inspect` measures: one unit per output feature or channel. */
const UNIT_KINDS = new Set([
  'Dense',
  'Conv1D',
  'Conv2D',
  'Conv3D',
  'Conv2DTranspose',
  'Conv3DTranspose',
  'SeparableConv1D',
  'SeparableConv2D',
  'DepthwiseConv2D',
]);

/**
 * Inline activations that are rectifiers and positive exactly where their input is, so the layer's
 * output shows the sign of its pre-activation: relu and relu6 (max(z, 0)), elu and selu (their
 * negative side is alpha·(e^z − 1) < 0 with a positive alpha).
 */
const RECTIFYING_ACTIVATIONS = new Set(['relu', 'relu6', 'elu', 'selu']);

/** Rectifier layers; their input is the pre-activation. */
const RECTIFIER_KINDS = new Set(['ReLU', 'LeakyReLU', 'PReLU', 'ELU']);

/**
 * Layers between a unit layer and its rectifier that keep every unit's value on its own: in
 * inference mode batch normalisation is a fixed affine map per unit, dropout and noise are the
 * identity. Anything else (LayerNormalization, Add, Concatenate, ...) ends the walk back.
 */
const TRANSPARENT_KINDS = new Set([
  'BatchNormalization',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
]);

const activationOf = (node: LayerNode): string => {
  const activation = node.config.activation ?? 'linear';
  // A name in every config tfjs-layers writes; anything else shows as JSON, not [object Object].
  return typeof activation === 'string' ? activation : JSON.stringify(activation);
};

/** A slope as a person writes it: Keras 2 stores LeakyReLU's 0.1 as float32, 0.10000000149011612. */
const slope = (value: unknown, fallback: number) => Number(Number(value ?? fallback).toPrecision(6));

/** "leaky_relu alpha=0.1" for a rectifier layer or a rectifying Activation layer; null if it is neither. */
function rectifierName(node: LayerNode): string | null {
  switch (node.kind) {
    case 'ReLU':
      return node.config.maxValue == null ? 'relu' : `relu max=${Number(node.config.maxValue)}`;
    case 'LeakyReLU':
      return `leaky_relu alpha=${slope(node.config.alpha, 0.3)}`;
    case 'PReLU':
      return 'prelu';
    case 'ELU':
      return `elu alpha=${slope(node.config.alpha, 1)}`;
    case 'Activation':
      return RECTIFYING_ACTIVATIONS.has(activationOf(node)) ? activationOf(node) : null;
    default:
      return null;
  }
}

/** The axis of the units in a unit layer's output: 1 for channels-first convolutions, else the last. */
function unitAxis(node: LayerNode, rank: number): number {
  return node.config.dataFormat === 'channelsFirst' ? 1 : rank - 1;
}

const isTransparent = (node: LayerNode) =>
  TRANSPARENT_KINDS.has(node.kind) || (node.kind === 'Activation' && activationOf(node) === 'linear');

/**
 * The measure targets and the not-measured list of a model. `ranks` gives each tensor's rank (batch
 * included), for the unit axis; layers come in the model's (topological) order, which the targets keep.
 */
export function walkModel(layers: readonly LayerNode[], ranks: ReadonlyMap<string, number>): ModelWalk {
  const byName = new Map(layers.map((node) => [node.name, node]));
  const targets: MeasureTarget[] = [];
  const notMeasured: NotMeasured[] = [];
  const measuredLayers = new Set<string>();
  const skip = (node: LayerNode, reason: string) => notMeasured.push({ layer: node.name, kind: node.kind, reason });
  const rankOf = (tensor: string) => ranks.get(tensor) ?? 2;

  for (const node of layers) {
    if (UNIT_KINDS.has(node.kind) && RECTIFYING_ACTIVATIONS.has(activationOf(node))) {
      if (node.calls > 1) {
        skip(node, `called ${node.calls} times in the model (a shared layer); inspect measures layers called once`);
        continue;
      }
      const tensor = node.outputTensors[0];
      targets.push({
        layer: node.name,
        kind: node.kind,
        activation: activationOf(node),
        path: [node.name],
        tensor,
        unitAxis: unitAxis(node, rankOf(tensor)),
      });
      measuredLayers.add(node.name);
      continue;
    }
    const rectifier = rectifierName(node);
    if (rectifier === null) continue;
    const found = walkBack(node, byName);
    if (typeof found === 'string') {
      skip(node, found);
      continue;
    }
    const owner = found[0];
    const tensor = node.inputTensors[0];
    targets.push({
      layer: owner.name,
      kind: owner.kind,
      activation: rectifier,
      path: found.map((step) => step.name),
      tensor,
      unitAxis: unitAxis(owner, rankOf(tensor)),
    });
    measuredLayers.add(owner.name);
  }

  // Whatever has units (weights) and was not measured, and is not on a measured path, is listed.
  const onPaths = new Set(targets.flatMap((target) => target.path));
  for (const node of layers) {
    if (
      !node.hasWeights ||
      measuredLayers.has(node.name) ||
      onPaths.has(node.name) ||
      notMeasured.some((entry) => entry.layer === node.name)
    )
      continue;
    if (UNIT_KINDS.has(node.kind)) skip(node, `activation ${activationOf(node)} and no rectifier after it`);
    else if (!TRANSPARENT_KINDS.has(node.kind) && !RECTIFIER_KINDS.has(node.kind))
      skip(node, `inspect does not measure ${node.kind} layers`);
  }
  notMeasured.sort(
    (a, b) => layers.findIndex((node) => node.name === a.layer) - layers.findIndex((node) => node.name === b.layer),
  );
  return { targets, notMeasured };
}

/** From a rectifier layer back to the unit layer feeding it: the path (unit layer first), or why there is none. */
function walkBack(rectifier: LayerNode, byName: ReadonlyMap<string, LayerNode>): LayerNode[] | string {
  if (rectifier.calls > 1)
    return `called ${rectifier.calls} times in the model (a shared layer); inspect measures layers called once`;
  const path: LayerNode[] = [rectifier];
  let current = single(rectifier, byName);
  while (current !== null && isTransparent(current) && current.calls === 1) {
    path.unshift(current);
    current = single(current, byName);
  }
  if (current === null) return 'its input is not the output of a Dense or convolution layer';
  if (!UNIT_KINDS.has(current.kind)) {
    return `its input comes from ${current.name} (${current.kind}), not from a Dense or convolution layer`;
  }
  if (current.calls > 1) return `its input comes from ${current.name}, a layer called ${current.calls} times (shared)`;
  if (activationOf(current) !== 'linear')
    return `its input is ${current.name}'s output after that layer's own ${activationOf(current)}`;
  return [current, ...path];
}

/** The one layer feeding `node`, or null when it has several inputs or none in the model. */
function single(node: LayerNode, byName: ReadonlyMap<string, LayerNode>): LayerNode | null {
  if (node.inboundLayers.length !== 1) return null;
  return byName.get(node.inboundLayers[0]) ?? null;
}
