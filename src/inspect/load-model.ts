/**
 * Reads a TF.js layers model from disk for `inspect`: model.json as model.save('file://...') or
 * tensorflowjs_converter writes it, and the weight files its weightsManifest lists beside it.
 * Works on every backend (no tfjs-node file handler needed). Every way the files can be wrong is a
 * ConfigError of one line naming the file and what to do.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { models, type LayersModel } from '@tensorflow/tfjs-layers';
import { ConfigError } from '../errors.js';
import { isKeras3Topology, keras2Topology, keras3WeightOwners, parseStoragePath } from './keras3.js';

type Json = Record<string, unknown>;

const WHAT =
  "inspect reads the model.json of a TF.js layers model, as model.save('file://DIR') or tensorflowjs_converter writes it";

/** model.json and its weights as read from disk, checked, before any TF.js work. */
export interface ModelFiles {
  shownAs: string;
  topology: Json;
  specs: tf.io.WeightsManifestEntry[];
  weights: Buffer;
  sha256: { file: string; sha256: string }[];
  origin: string;
  keras3: boolean;
  /** Weight values in all: a measure of the work of one forward pass per probe row. */
  weightElements: number;
}

/** Reads `path` (absolute; `shownAs` in messages) and every weight file it lists. Needs no backend. */
export function readModelFiles(path: string, shownAs: string): ModelFiles {
  const fail = (problem: string): never => {
    throw new ConfigError([`${shownAs}: ${problem}`]);
  };
  const text = readBytes(path, shownAs);
  let json: unknown;
  try {
    json = JSON.parse(text.toString('utf8'));
  } catch {
    return fail(`not a model (not JSON); ${WHAT}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return fail(`not a model (not a JSON object); ${WHAT}`);
  const artifacts = json as Json;
  if (artifacts.format === 'graph-model' || (artifacts.modelTopology as Json | undefined)?.node !== undefined) {
    return fail(
      'a TF.js graph model (format: graph-model), which has no layers to walk; convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model',
    );
  }
  if (
    artifacts.modelTopology === undefined ||
    typeof artifacts.modelTopology !== 'object' ||
    artifacts.modelTopology === null
  ) {
    const config = 'model' in artifacts || 'sweep' in artifacts || 'dataset' in artifacts;
    return fail(
      config
        ? 'a dead-neurons config, not a model; run it with `dead-neurons run`'
        : `not a model (no modelTopology); ${WHAT}`,
    );
  }
  const manifest = artifacts.weightsManifest;
  if (!Array.isArray(manifest))
    return fail(
      'has no weightsManifest (a topology without weights); save the model with model.save, which writes both',
    );

  const folder = dirname(path);
  const hashes = [{ file: shownAs, sha256: sha256(text) }];
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of manifest as tf.io.WeightsManifestConfig) {
    for (const file of group.paths ?? []) {
      const bytes = readWeightFile(join(folder, file), file, shownAs);
      buffers.push(bytes);
      hashes.push({ file: join(dirname(shownAs), file), sha256: sha256(bytes) });
    }
    specs.push(...(group.weights ?? []));
  }
  let topology = artifacts.modelTopology as Json;
  const keras3 = isKeras3Topology(topology);
  if (keras3) {
    try {
      topology = keras2Topology(topology);
    } catch (error) {
      return fail(`${(error as Error).message}; rebuild that layer as ReLU without it, or with LeakyReLU`);
    }
  }
  const weightElements = specs.reduce((sum, spec) => sum + elements(spec), 0);
  const weights = Buffer.concat(buffers);
  const expected = expectedBytes(specs);
  // TF.js reads what the manifest asks for and ignores the rest: a longer file is the wrong file.
  if (expected !== null && weights.length !== expected) {
    return fail(
      `weights do not match the topology (the weight files hold ${weights.length} bytes, the weightsManifest lists ${expected}); save the model again, or convert it again, with its weight files`,
    );
  }
  return { shownAs, topology, specs, sha256: hashes, origin: origin(artifacts), keras3, weightElements, weights };
}

/** Builds the model on the current backend and sets its weights; a ConfigError when they do not fit. */
export async function buildModel(files: ModelFiles): Promise<LayersModel> {
  const fail = (problem: string): never => {
    throw new ConfigError([`${files.shownAs}: ${problem}`]);
  };
  let model: LayersModel;
  try {
    const topology = withZeroInitializers(files.topology) as Parameters<
      typeof models.modelFromJSON
    >[0]['modelTopology'];
    model = await models.modelFromJSON({ modelTopology: topology });
  } catch (error) {
    const message = firstLine(error);
    const unknown = /Unknown (layer|activation|initializer|regularizer|constraint): (\S+?)\.?(\s|$)/.exec(message);
    if (unknown)
      return fail(
        `${unknown[1]} ${unknown[2]} is not known to TensorFlow.js, so the model cannot be built; replace it with a built-in one`,
      );
    return fail(`TensorFlow.js cannot build this topology (${message})`);
  }
  let named: tf.NamedTensorMap = {};
  try {
    const data = files.weights;
    named = tf.io.decodeWeights(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
      files.specs,
    );
    model.loadWeights(files.keras3 ? renameKeras3Weights(named, model, files.topology) : named, true);
  } catch (error) {
    model.dispose();
    return fail(
      `weights do not match the topology (${firstLine(error)}); save the model again, or convert it again, with its weight files`,
    );
  } finally {
    tf.dispose(Object.values(named));
  }
  return model;
}

/**
 * The topology with every initializer replaced by zeros: loadWeights (strict) then sets every
 * weight, so the random draws TF.js would make first are wasted work (150 ms of CPU for a 10 × 512
 * Dense model; far more for an Orthogonal initializer).
 */
function withZeroInitializers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withZeroInitializers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key.endsWith('_initializer') && child !== null && typeof child === 'object'
        ? { class_name: 'Zeros', config: {} }
        : withZeroInitializers(child),
    ]),
  );
}

function readBytes(path: string, shownAs: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder; give the model.json inside it'
          : (code ?? (error as Error).message);
    throw new ConfigError([`${shownAs}: cannot read (${reason})`]);
  }
}

function readWeightFile(path: string, file: string, shownAs: string): Buffer {
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    return readFileSync(path);
  } catch {
    throw new ConfigError([
      `${shownAs}: weight file ${file} (listed in its weightsManifest) is missing; copy it next to model.json, as model.save and tensorflowjs_converter write it`,
    ]);
  }
}

/** Keras 3 storage paths ("layers/dense_1/vars/0") to the TF.js weight names of the same weights ("dense_a/kernel"). */
function renameKeras3Weights(named: tf.NamedTensorMap, model: LayersModel, topology: Json): tf.NamedTensorMap {
  const owners = keras3WeightOwners(topology);
  const renamed: tf.NamedTensorMap = {};
  for (const [name, tensor] of Object.entries(named)) {
    const path = parseStoragePath(name);
    const owner = path && owners.get(path.storageName);
    const weight = owner ? model.getLayer(owner).weights[path.index] : undefined;
    renamed[weight ? weight.originalName : name] = tensor;
  }
  return renamed;
}

const elements = (spec: tf.io.WeightsManifestEntry) => (spec.shape ?? []).reduce((product, dim) => product * dim, 1);

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes the manifest's weights take, or null when some dtype's size is not fixed (strings). */
function expectedBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const spec of specs) {
    const size = BYTES[spec.quantization?.dtype ?? spec.dtype];
    if (size === undefined) return null;
    total += elements(spec) * size;
  }
  return total;
}

function origin(artifacts: Json): string {
  return (
    [artifacts.generatedBy, artifacts.convertedBy]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(', ') || 'unknown'
  );
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'unknown error'
  );
}
