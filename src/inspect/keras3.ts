/**
 * Keras 3 models as tensorflowjs_converter 4.22 writes them (--input_format keras_keras), made
 * readable by TF.js 4.22, which only knows the Keras 2 format:
 *
 * - the topology: InputLayer `batch_shape` (Keras 2: `batch_input_shape`), dtype policies
 *   ({class_name: DTypePolicy, config: {name}}) instead of dtype names, call nodes as
 *   {args, kwargs} holding `__keras_tensor__`s with a `keras_history` (Keras 2: [[layer, node,
 *   tensor, kwargs], ...]), a single input or output named without its list, and LeakyReLU's
 *   `negative_slope` (Keras 2 and TF.js: `alpha`);
 * - the weight names: the converter copies the .keras file's storage paths,
 *   `layers/<class in snake case>[_<n>]/vars/<i>`, where Keras 3 numbers the layers of each class in
 *   the model's layer order (keras.src.saving.saving_lib, _save_container_state) and i is the
 *   layer's variables in order (trainable first), which is TF.js's own weight order.
 *
 * Pure functions over the JSON; load-model.ts applies them.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** True for a topology written from a Keras 3 model (its keras_version, or its call-node format). */
export function isKeras3Topology(topology: unknown): boolean {
  if (!isObject(topology)) return false;
  if (typeof topology.keras_version === 'string' && topology.keras_version.startsWith('3.')) return true;
  return JSON.stringify(topology).includes('"__keras_tensor__"');
}

/** Keras's naming.to_snake_case: "BatchNormalization" -> "batch_normalization", "LeakyReLU" -> "leaky_re_lu". */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * A Keras 3 topology in the Keras 2 form TF.js reads. Throws an Error naming the layer for what TF.js
 * cannot compute the same way (a ReLU with a negative slope or threshold).
 */
export function keras2Topology(topology: Json): Json {
  return convert(topology) as Json;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (!isObject(value)) return value;
  if (value.class_name === 'DTypePolicy' || value.class_name === 'DTypePolicyMap') {
    const config = isObject(value.config) ? value.config : {};
    return typeof config.name === 'string' ? config.name : 'float32';
  }
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) out[key] = convert(child);
  if (typeof out.class_name === 'string' && isObject(out.config))
    out.config = layerConfig(out.class_name, out.config, String(out.name ?? out.config.name));
  if (Array.isArray(value.inbound_nodes)) out.inbound_nodes = value.inbound_nodes.map(callNode);
  for (const key of ['input_layers', 'output_layers']) {
    const list = out[key];
    // One input is written as ["name", 0, 0]; TF.js wants a list of them.
    if (Array.isArray(list) && typeof list[0] === 'string') out[key] = [list];
  }
  return out;
}

function layerConfig(className: string, config: Json, name: string): Json {
  const out = { ...config };
  if (className === 'InputLayer' && out.batch_shape !== undefined && out.batch_input_shape === undefined) {
    out.batch_input_shape = out.batch_shape;
    delete out.batch_shape;
    delete out.optional;
  }
  if (className === 'LeakyReLU' && out.negative_slope !== undefined) {
    out.alpha = out.negative_slope;
    delete out.negative_slope;
  }
  if (className === 'ReLU') {
    for (const key of ['negative_slope', 'threshold']) {
      if (typeof out[key] === 'number' && out[key] !== 0) {
        throw new Error(`layer ${name}: ReLU with ${key} ${out[key]} has no TF.js equivalent`);
      }
      delete out[key];
    }
  }
  return out;
}

/** {args, kwargs} -> [[layer, node, tensor, kwargs], ...]: every Keras tensor in args, in order. */
function callNode(node: unknown): unknown {
  if (!isObject(node) || !('args' in node)) return node;
  const kwargs = isObject(node.kwargs)
    ? Object.fromEntries(Object.entries(node.kwargs).filter(([, value]) => !isKerasTensor(value)))
    : {};
  const tensors: [string, number, number, Json][] = [];
  const collect = (value: unknown): void => {
    if (isKerasTensor(value)) {
      const [layer, nodeIndex, tensorIndex] = (value.config as Json).keras_history as [string, number, number];
      tensors.push([layer, nodeIndex, tensorIndex, kwargs]);
    } else if (Array.isArray(value)) value.forEach(collect);
  };
  collect(node.args);
  return tensors;
}

function isKerasTensor(value: unknown): value is Json {
  return (
    isObject(value) &&
    value.class_name === '__keras_tensor__' &&
    isObject(value.config) &&
    Array.isArray(value.config.keras_history)
  );
}

/** The layers (name and class) of a topology in their listed order: the order Keras 3 numbered them in. */
function topologyLayers(topology: Json): { name: string; className: string }[] {
  const modelConfig = isObject(topology.model_config) ? topology.model_config : topology;
  const config = isObject(modelConfig.config) ? modelConfig.config : {};
  const layers = Array.isArray(config.layers) ? config.layers : [];
  return layers.filter(isObject).map((layer) => ({
    name: String(layer.name ?? (isObject(layer.config) ? layer.config.name : '')),
    className: String(layer.class_name),
  }));
}

/** "layers/dense_1/vars/0" -> { layer: "dense_a", index: 0 }: which layer and weight a Keras 3 storage path is. */
export function keras3WeightOwners(topology: Json): Map<string, string> {
  const owners = new Map<string, string>();
  const used = new Map<string, number>();
  for (const { name, className } of topologyLayers(topology)) {
    const base = toSnakeCase(className);
    const count = used.get(base);
    used.set(base, count === undefined ? 0 : count + 1);
    owners.set(count === undefined ? base : `${base}_${count + 1}`, name);
  }
  return owners;
}

const STORAGE_PATH = /^layers\/([^/]+)\/vars\/(\d+)$/;

/** Parses a Keras 3 storage path; null for any other name. */
export function parseStoragePath(name: string): { storageName: string; index: number } | null {
  const match = STORAGE_PATH.exec(name);
  return match ? { storageName: match[1], index: Number(match[2]) } : null;
}
