/**
 * A user's own model for the inspect tests: built and trained with tfjs-layers, saved as
 * model.save writes it, and a plain-loop reference of its pre-activations to check counts against.
 *
 * The model (input 5×5×2): conv (Conv2D 4 channels, 2×2, linear) -> leaky (LeakyReLU 0.2) ->
 * flatten -> hidden (Dense 12, relu) -> mid (Dense 6, linear) -> bn (BatchNormalization) ->
 * act (ReLU) -> out (Dense 2, softmax). Biases start at -1.5 so that units die.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/experiments/rng.js';

export const INPUT_SHAPE = [5, 5, 2] as const;
export const INPUT_SIZE = 50;

export function buildOwnModel(seed: number): tf.LayersModel {
  const kernelInitializer = (offset: number) => tf.initializers.heNormal({ seed: seed + offset });
  const biasInitializer = tf.initializers.constant({ value: -1.5 });
  const input = tf.input({ shape: [...INPUT_SHAPE], name: 'image' });
  let x = tf.layers
    .conv2d({ filters: 4, kernelSize: 2, name: 'conv', kernelInitializer: kernelInitializer(1), biasInitializer })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.leakyReLU({ alpha: 0.2, name: 'leaky' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .dense({ units: 12, activation: 'relu', name: 'hidden', kernelInitializer: kernelInitializer(2), biasInitializer })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .dense({ units: 6, name: 'mid', kernelInitializer: kernelInitializer(3), biasInitializer })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ name: 'bn' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ name: 'act' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: 2, activation: 'softmax', name: 'out', kernelInitializer: kernelInitializer(4) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'own' });
}

/** Seeded N(0, 1) rows of the model's input, flat. */
export function gaussianRows(rows: number, seed: number): number[][] {
  const rng = createRng(seed, 'own-model-rows');
  return Array.from({ length: rows }, () => Array.from({ length: INPUT_SIZE }, () => rng.normal()));
}

/** Trains `model` a few epochs with model.fit (SGD, no shuffling: seeded and repeatable). */
export async function trainOwnModel(
  model: tf.LayersModel,
  rows: number[][],
  epochs: number,
  callbacks?: tf.ModelFitArgs['callbacks'],
): Promise<tf.History> {
  const x = tf.tensor(rows.flat(), [rows.length, ...INPUT_SHAPE]);
  const y = tf.oneHot(
    tf.tensor1d(
      rows.map((row) => (row[0] + row[1] > 0 ? 1 : 0)),
      'int32',
    ),
    2,
  );
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  try {
    return await model.fit(x, y, { epochs, batchSize: 16, shuffle: false, verbose: 0, callbacks });
  } finally {
    tf.dispose([x, y]);
  }
}

/** Writes model.json and weights.bin as tfjs-node's model.save('file://DIR') does, on any backend. */
export async function saveOwnModel(model: tf.LayersModel, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      await writeFile(join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return join(dir, 'model.json');
}

export function csvOf(rows: readonly number[][]): string {
  return `${rows[0].map((_, i) => `x${i}`).join(',')}\n${rows.map((row) => row.join(',')).join('\n')}\n`;
}

/**
 * Per measured layer, how many rows make each unit positive (a conv channel: at some position),
 * computed with plain loops in float64 from the model's weights: the reference for inspect.
 */
export function referenceCounts(model: tf.LayersModel, rows: readonly number[][]): Record<string, number[]> {
  const weights = (name: string) =>
    model
      .getLayer(name)
      .getWeights()
      .map((w) => w.arraySync());
  const [convK, convB] = weights('conv') as [number[][][][], number[]];
  const [hiddenK, hiddenB] = weights('hidden') as [number[][], number[]];
  const [midK, midB] = weights('mid') as [number[][], number[]];
  const [gamma, beta, mean, variance] = weights('bn') as number[][];
  const epsilon = (model.getLayer('bn').getConfig().epsilon as number) ?? 1e-3;
  const leakyAlpha = 0.2;
  const counts = { conv: [0, 0, 0, 0], hidden: new Array(12).fill(0), mid: new Array(6).fill(0) };
  for (const row of rows) {
    const at = (i: number, j: number, k: number) => row[(i * 5 + j) * 2 + k];
    // conv: valid 2×2 over 5×5 -> 4×4×4; a channel counts once per row if positive anywhere.
    const conv: number[] = [];
    const positive = [false, false, false, false];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        for (let c = 0; c < 4; c++) {
          let z = convB[c];
          for (let di = 0; di < 2; di++)
            for (let dj = 0; dj < 2; dj++) for (let k = 0; k < 2; k++) z += at(i + di, j + dj, k) * convK[di][dj][k][c];
          if (z > 0) positive[c] = true;
          conv.push(z > 0 ? z : leakyAlpha * z); // flatten order: (i, j, c)
        }
      }
    }
    positive.forEach((p, c) => (counts.conv[c] += p ? 1 : 0));
    const hidden = hiddenB.map((b, u) => conv.reduce((sum, v, i) => sum + v * hiddenK[i][u], b));
    hidden.forEach((z, u) => (counts.hidden[u] += z > 0 ? 1 : 0));
    const a = hidden.map((z) => Math.max(z, 0));
    const mid = midB.map((b, u) => a.reduce((sum, v, i) => sum + v * midK[i][u], b));
    mid.forEach((z, u) => {
      const normalised = gamma[u] * ((z - mean[u]) / Math.sqrt(variance[u] + epsilon)) + beta[u];
      counts.mid[u] += normalised > 0 ? 1 : 0;
    });
  }
  return counts;
}
