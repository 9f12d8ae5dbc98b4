/**
 * Training-step throughput of one MLP on each TensorFlow.js backend, and of the same MLP in
 * PyTorch as a yardstick. Measures and returns plain objects; `dead-neurons bench` prints them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { failureReason, useBackend } from '../experiments/backend/load.js';
import type { ConcreteBackend } from '../experiments/config/tables.js';
import { runConfigSchema } from '../experiments/config/schema.js';
import { disposePackActivation, packActivation } from '../experiments/training/activations.js';
import { packGradients } from '../experiments/training/gradients.js';
import { makePackOptimizer } from '../experiments/training/optimizer.js';
import { initParams } from '../experiments/training/params.js';
import {
  calibratedSteps,
  throughput,
  type BackendBench,
  type BackendFailure,
  type BenchSettings,
  type TorchOutcome,
  type Throughput,
} from './settings.js';

/**
 * Times the step `run` takes per batch (src/experiments/training/step.ts: gradients, per-layer grad
 * norms, Adam update) for one network, a pack of one, on the current backend: warm-up, then
 * `repeats` windows of `steps` steps, each ended by a dataSync so that a backend that queues work
 * is charged for all of it. Creates and disposes its own model, optimizer and batch; the clock is
 * injectable for tests.
 */
function timeTrainingSteps(settings: BenchSettings, now: () => number = () => performance.now()): Throughput {
  const config = runConfigSchema.parse({
    model: { depth: settings.depth, width: settings.width, activation: 'relu' },
    training: { optimizer: 'adam', learningRate: settings.learningRate, batchSize: settings.batch },
  });
  const groups = initParams([config], {
    runs: 1,
    inputDim: settings.inputDim,
    outputDim: settings.classes,
    depth: settings.depth,
    width: settings.width,
  });
  const optimizer = makePackOptimizer([config.training]);
  const act = packActivation([config.model], settings.width);
  const x = tf.randomNormal<tf.Rank.R3>([1, settings.batch, settings.inputDim], 0, 1, 'float32', 1);
  const y = tf.tidy(() =>
    tf.oneHot(tf.randomUniform([1, settings.batch], 0, settings.classes, 'int32', 2), settings.classes).toFloat(),
  ) as tf.Tensor3D;
  /** Runs `count` steps and waits for the last one's result. */
  const run = (count: number): void => {
    for (let step = 0; step < count; step++) {
      const [norms, ...grads] = tf.tidy(() => {
        const { grads, norms } = packGradients(groups, act, 'classification', x, y);
        return [norms, ...grads];
      });
      optimizer.apply(groups, grads);
      tf.dispose(grads);
      if (step === count - 1) norms.dataSync();
      norms.dispose();
    }
  };
  try {
    run(Math.max(1, settings.warmup));
    let steps = settings.steps;
    if (steps === null) {
      // Two probe steps, after the warm-up, say how long a step takes.
      const start = now();
      run(2);
      steps = calibratedSteps((now() - start) / 2, settings.windowSeconds);
    }
    const windowsMs: number[] = [];
    for (let repeat = 0; repeat < settings.repeats; repeat++) {
      const start = now();
      run(steps);
      windowsMs.push(now() - start);
    }
    return throughput(settings, steps, windowsMs);
  } finally {
    tf.dispose([x, y, ...groups.map((group) => group.value)]);
    disposePackActivation(act);
    optimizer.dispose();
  }
}

/** Loads `name`, makes it current and times it, counting tensors around the whole measurement. */
export async function benchBackend(name: ConcreteBackend, settings: BenchSettings): Promise<BackendBench> {
  const backend = await useBackend(name, { threads: settings.threads });
  const tensorsBefore = tf.memory().numTensors;
  const result = timeTrainingSteps(settings);
  return { backend, ...result, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

/** Benchmarks each backend in turn; one that fails to load or to run is recorded, not thrown. */
export async function benchBackends(
  names: readonly ConcreteBackend[],
  settings: BenchSettings,
  onStart: (name: ConcreteBackend) => void = () => {},
): Promise<{ backends: BackendBench[]; failures: BackendFailure[] }> {
  const backends: BackendBench[] = [];
  const failures: BackendFailure[] = [];
  for (const name of names) {
    onStart(name);
    try {
      backends.push(await benchBackend(name, settings));
    } catch (error) {
      failures.push({ name, reason: failureReason(error) });
    }
  }
  return { backends, failures };
}

/** The reference script, shipped beside the sources. */
const TORCH_SCRIPT = fileURLToPath(new URL('../../scripts/bench/torch_mlp.py', import.meta.url));

const torchLineSchema = z.object({
  samples_per_second: z.number().positive(),
  ms_per_step: z.number().positive(),
  torch_version: z.string(),
  threads: z.number().int().positive(),
  /** Optional, so a bare {samples_per_second, ms_per_step, torch_version, threads} line still reads. */
  steps: z.number().int().positive().optional(),
  windows_ms: z.array(z.number().nonnegative()).min(1).optional(),
});

/**
 * Reads the script's stdout: the last non-empty line must be its JSON result, or a JSON
 * {"error": ...} the script printed because it could not run. Never throws.
 */
export function parseTorchOutput(stdout: string, settings: BenchSettings): TorchOutcome {
  const line = stdout
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .pop();
  if (line === undefined) return { available: false, reason: 'no output' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { available: false, reason: `unreadable output: ${line.slice(0, 80)}` };
  }
  if (typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string') {
    return { available: false, reason: (value as { error: string }).error };
  }
  const parsed = torchLineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { available: false, reason: `unexpected output (${issue.path.join('.') || 'line'}: ${issue.message})` };
  }
  const result = parsed.data;
  // Recompute from the windows, when given, so PyTorch is summarised exactly as the backends are.
  const steps = result.steps ?? 1;
  const windowsMs = result.windows_ms ?? [result.ms_per_step * steps];
  return {
    available: true,
    version: result.torch_version,
    threads: result.threads,
    throughput: throughput(settings, steps, windowsMs),
  };
}

/** The script's command line for these settings. */
function torchArgs(settings: BenchSettings): string[] {
  return [
    TORCH_SCRIPT,
    `--input-dim=${settings.inputDim}`,
    `--depth=${settings.depth}`,
    `--width=${settings.width}`,
    `--classes=${settings.classes}`,
    `--batch=${settings.batch}`,
    `--lr=${settings.learningRate}`,
    `--warmup=${settings.warmup}`,
    `--steps=${settings.steps ?? 0}`,
    `--window-seconds=${settings.windowSeconds}`,
    `--repeats=${settings.repeats}`,
    `--threads=${settings.threads}`,
  ];
}

/**
 * Runs the same MLP in PyTorch with `python` (a child process, so nothing of Python's lives in
 * ours). Any failure (no python, no torch, a crash, a timeout, bad output) comes back as a reason.
 */
export function benchTorch(python: string, settings: BenchSettings, timeoutMs = 300_000): TorchOutcome {
  const child = spawnSync(python, torchArgs(settings), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 });
  if (child.error) {
    const code = (child.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { available: false, reason: `${python} not found` };
    if (code === 'ETIMEDOUT') return { available: false, reason: `timed out after ${timeoutMs / 1000} s` };
    return { available: false, reason: failureReason(child.error) };
  }
  const outcome = parseTorchOutput(child.stdout, settings);
  if (!outcome.available && child.status !== 0 && !child.stdout.trim().startsWith('{')) {
    const lastError = child.stderr
      .split('\n')
      .filter((text) => text.trim() !== '')
      .pop();
    return {
      available: false,
      reason: `${python} exited with ${child.status ?? child.signal}${lastError ? `: ${lastError.trim()}` : ''}`,
    };
  }
  return outcome;
}
