/**
 * What `dead-neurons inspect <model.json>` does: read and check the model files, the --out folder
 * and the probe data before measuring; measure; print; write the folder; apply --fail-above.
 * Loaded only when invoked.
 */
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { NATIVE_MIN_STEP_WORK } from '../../experiments/backend/choose.js';
import { describeBackend, useBackend } from '../../experiments/backend/load.js';
import type { BackendName } from '../../experiments/config/schema.js';
import { ConfigError, RunError } from '../../errors.js';
import { inspectManifest, requireFreeOut, writeInspectFolder } from '../../inspect/folder.js';
import { formatInspect, type InspectFormat } from '../../inspect/format.js';
import { buildModel, readModelFiles } from '../../inspect/load-model.js';
import { measureWithPrevious, planMeasurement, type DeadUnitsReport } from '../../inspect/measure.js';
import { probeData, type InputShape } from '../../inspect/probe-data.js';
import type { CliIo } from '../process/io.js';

export interface InspectRequest {
  data: string;
  target?: string | number;
  /** CSV only: whether the first line names the columns, and how many lines to skip before it. */
  header: boolean;
  skipRows: number;
  probe: number;
  seed: number;
  nearDeadThreshold: number;
  backend: BackendName;
  format: InspectFormat;
  out?: string;
  failAbove?: number;
}

/**
 * Weight values × probe rows (multiply-adds of the forward pass) from which `auto` takes native
 * kernels: below it loading tfjs-node (about 0.3 s) costs more than WebAssembly's slower kernels
 * (see README, inspect: the 10 × 512 Dense model on 1,000 rows is 2.6e9).
 */
const INSPECT_NATIVE_MIN_WORK = 2 ** 28;

export async function inspectModel(io: CliIo, modelPath: string, request: InspectRequest): Promise<void> {
  const startedAt = io.now();
  const files = readModelFiles(resolve(io.cwd, modelPath), modelPath);
  const out = request.out === undefined ? null : resolve(io.cwd, request.out);
  if (out !== null) requireFreeOut(out, request.out!);

  const work = files.weightElements * request.probe;
  // useBackend's auto order takes a training step's work; this maps inspect's threshold onto it.
  const backend = await useBackend(request.backend, {}, work >= INSPECT_NATIVE_MIN_WORK ? NATIVE_MIN_STEP_WORK : 0);
  const model = await buildModel(files);
  const inputs: tf.Tensor[] = [];
  try {
    const walk = planMeasurement(model);
    if (walk.targets.length === 0) {
      const skipped = walk.notMeasured.map((entry) => `${entry.layer}: ${entry.reason}`).join('; ');
      throw new ConfigError([
        `${modelPath}: no layer to measure: no Dense or convolution layer feeds a rectifier (ReLU, LeakyReLU, PReLU, ELU, or activation relu, relu6, elu, selu)${skipped ? ` (${skipped})` : ''}`,
      ]);
    }
    const shapes = model.inputs.map((input): InputShape => input.shape.slice(1));
    const probe = probeData(
      {
        data: request.data,
        rows: request.probe,
        seed: request.seed,
        target: request.target,
        header: request.header,
        skipRows: request.skipRows,
        cwd: io.cwd,
      },
      shapes,
    );
    probe.values.forEach((values, i) =>
      inputs.push(tf.tensor(values, [probe.rows, ...(shapes[i] as number[])], 'float32')),
    );
    const from =
      probe.source.data === 'gaussian'
        ? `N(0, 1), seed ${request.seed}`
        : `${probe.source.file} (${probe.source.selection} of ${probe.source.rowsInFile})`;
    io.stderr(
      `inspect: ${modelPath} (${files.origin}); probe: ${probe.rows} rows, ${from}; backend: ${describeBackend(backend)}\n`,
    );

    const report = await measureWithPrevious(
      model,
      inputs,
      { nearDeadThreshold: request.nearDeadThreshold },
      undefined,
      walk,
    );
    io.stdout(formatInspect(report, request.format));
    if (out !== null) {
      const manifest = inspectManifest({
        command: process.argv.slice(2),
        model: { file: modelPath, origin: files.origin, keras3Translated: files.keras3, files: files.sha256 },
        probe: { ...probe.source, rows: probe.rows, asked: request.probe },
        nearDeadThreshold: request.nearDeadThreshold,
        backend,
        startedAt: startedAt.toISOString(),
        finishedAt: io.now().toISOString(),
      });
      writeInspectFolder(out, manifest, report);
      io.stderr(`results: ${request.out}\n`);
    }
    if (request.failAbove !== undefined) failAbove(report, request.failAbove);
  } finally {
    tf.dispose(inputs);
    model.dispose();
  }
}

/** --fail-above: exit 1 naming every layer whose dead fraction is above the limit. */
function failAbove(report: DeadUnitsReport, limit: number): void {
  const over = report.layers.filter((layer) => layer.deadFraction > limit);
  if (over.length === 0) return;
  const named = over.map(
    (layer) => `${layer.layer} ${(layer.deadFraction * 100).toFixed(1)}% (${layer.deadUnits} of ${layer.units})`,
  );
  throw new RunError(`--fail-above ${limit}: ${over.length} layer(s) have more dead units: ${named.join(', ')}`);
}
