/**
 * The one place that loads a TensorFlow.js backend. Nothing else imports tfjs-node or the
 * WebAssembly backend: they load lazily here, so a missing native addon never breaks the rest.
 * Which backend `auto` takes is choose.ts's rule; this module tries them in its order.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// The union package, for its side effects: it registers the gradient of every op (the tfjs-core
// Node bundle alone has none) and the pure-JS cpu backend. tfjs-node loads the same instance.
import '@tensorflow/tfjs';
import { RunError } from '../../errors.js';
import type { RunConfig } from '../config/schema.js';
import { CONCRETE_BACKENDS, type BackendName, type ConcreteBackend } from '../config/tables.js';
import {
  autoOrder,
  autoReason,
  largestAutoStep,
  NATIVE_MIN_STEP_WORK,
  packStepWork,
  withAutoResolved,
} from './choose.js';
import { restoreFromUserCache } from './native-cache.js';

export interface BackendInfo {
  name: ConcreteBackend;
  /** Version of the library behind it (TensorFlow C library, or the tfjs package). */
  version: string;
  /** Threads the backend computes with, where it can tell. */
  threads: number | null;
}

export interface BackendOptions {
  /** Threads for one process; sweeps running N workers give each a share of the cores. */
  threads?: number;
}

const require = createRequire(import.meta.url);

// PROD silences TF.js's console banner ("looks like you are running TensorFlow.js in Node.js")
// and skips debug-only checks; the tool prints its own, clearer backend line.
tf.env().set('PROD', true);

/**
 * TensorFlow threads per process unless a caller asks otherwise (bench --threads). TensorFlow
 * splits larger kernels across its threads and the sums then round differently: the depth-8,
 * width-256 model trains to other numbers on 2 threads than on 1 (measured). With one thread in
 * every process, results do not depend on --jobs, on which process trains a pack, or on the
 * machine's cores; sweeps use the cores through --jobs. One thread also costs nothing measurable
 * on that model and is about 10% faster on configs/deep.json's small kernels.
 */
const NATIVE_THREADS = 1;

const loaders: Record<ConcreteBackend, (options: BackendOptions) => Promise<BackendInfo>> = {
  async tensorflow(options) {
    const threads = options.threads ?? NATIVE_THREADS;
    // Read by the TensorFlow runtime when tfjs-node creates its eager context, so set before loading.
    process.env.TF_NUM_INTRAOP_THREADS = String(threads);
    process.env.TF_NUM_INTEROP_THREADS = '1';
    // Without these TensorFlow prints start-up banners (absl, oneDNN) to stderr; oneDNN's custom
    // ops bring no speed-up for these small MLPs (measured) and make results depend on the CPU.
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
    const tfnode = loadTfjsNode();
    await activate('tensorflow');
    const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
    return {
      name: 'tensorflow',
      version: `${tfnode.version['tfjs-node']}, TensorFlow ${binding?.TF_Version ?? 'unknown'}`,
      threads,
    };
  },
  async wasm(options) {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    // Point at the shipped .wasm files explicitly: the default lookup is relative to the
    // caller's location, which breaks under bundlers and workers.
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
    if (options.threads !== undefined) wasm.setThreadsCount(options.threads);
    await activate('wasm');
    return { name: 'wasm', version: wasm.version_wasm, threads: wasm.getThreadsCount() };
  },
  async cpu() {
    await activate('cpu');
    return { name: 'cpu', version: tf.version_core, threads: 1 };
  },
};

/** tfjs-node; when its addon is missing, after laying in the build `dead-neurons setup` cached per user. */
function loadTfjsNode(): { version: Record<string, string> } {
  try {
    return require('@tensorflow/tfjs-node') as { version: Record<string, string> };
  } catch (error) {
    if (!restoreFromUserCache()) throw error;
    return require('@tensorflow/tfjs-node') as { version: Record<string, string> };
  }
}

const loaded = new Map<ConcreteBackend, BackendInfo>();

/** Loads a backend once per process; later calls only make it current again. */
async function load(name: ConcreteBackend, options: BackendOptions): Promise<BackendInfo> {
  const known = loaded.get(name);
  if (known) {
    await activate(name);
    return known;
  }
  const info = await loaders[name](options);
  loaded.set(name, info);
  return info;
}

async function activate(name: ConcreteBackend): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`TF.js could not initialise the ${name} backend`);
  await tf.ready();
}

/** "wasm (tfjs 4.22.0, 1 thread)" */
export function describeBackend(info: BackendInfo): string {
  const threads = info.threads === null ? '' : `, ${info.threads} thread${info.threads === 1 ? '' : 's'}`;
  return `${info.name} (${info.name === 'tensorflow' ? 'tfjs-node' : 'tfjs'} ${info.version}${threads})`;
}

/** The first line of why a backend failed to load, without paths to stack frames. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'unknown error'
  );
}

/**
 * Loads the requested backend and makes it current. `auto` takes the first that loads of
 * autoOrder(stepWork); an explicit name that fails is an error, never a silent fallback.
 */
export async function useBackend(
  requested: BackendName,
  options: BackendOptions = {},
  work = NATIVE_MIN_STEP_WORK,
): Promise<BackendInfo> {
  if (requested !== 'auto') {
    try {
      return await load(requested, options);
    } catch (error) {
      throw new RunError(`backend ${requested} failed to load: ${failureReason(error)}${hint(requested)}`);
    }
  }
  return (await loadAuto(options, work)).info;
}

/** The first of autoOrder(work) that loads, and why each one before it did not. */
async function loadAuto(
  options: BackendOptions,
  work: number,
): Promise<{ info: BackendInfo; failed: [ConcreteBackend, string][] }> {
  const failed: [ConcreteBackend, string][] = [];
  for (const name of autoOrder(work)) {
    try {
      return { info: await load(name, options), failed };
    } catch (error) {
      failed.push([name, failureReason(error)]);
    }
  }
  throw new RunError(`no backend loads (${failed.map(([name, reason]) => `${name}: ${reason}`).join('; ')})`);
}

function hint(name: ConcreteBackend): string {
  return name === 'tensorflow' ? ' (run `dead-neurons setup`, or `dead-neurons doctor` for details)' : '';
}

export interface BackendProbe {
  name: ConcreteBackend;
  loads: boolean;
  reason: string | null;
  info: BackendInfo | null;
}

/** Tries every backend in turn (for `doctor`); leaves the last one that loaded current. */
export async function probeBackends(options: BackendOptions = {}): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  for (const name of CONCRETE_BACKENDS) {
    try {
      probes.push({ name, loads: true, reason: null, info: await load(name, options) });
    } catch (error) {
      probes.push({ name, loads: false, reason: failureReason(error), info: null });
    }
  }
  return probes;
}

/**
 * Replaces `auto` in every run with the one backend chosen for the whole sweep (from its largest
 * step), so results record the backend that made them and `reproduce` can hold it fixed. `reason`
 * says why that one (autoReason); null when no run asked for auto.
 */
export async function resolveAutoBackend<T extends { config: RunConfig; index: number; pack?: number }>(
  plan: readonly T[],
  options: BackendOptions = {},
): Promise<{ plan: T[]; backend: BackendInfo | null; reason: string | null }> {
  const largest = largestAutoStep(plan);
  if (largest === null) return { plan: [...plan], backend: null, reason: null };
  const { info: backend, failed } = await loadAuto(options, packStepWork(largest));
  return { plan: withAutoResolved(plan, backend.name), backend, reason: autoReason(largest, backend.name, failed) };
}

/** One point of a TensorBoard scalar time series. */
export interface ScalarPoint {
  tag: string;
  step: number;
  value: number;
}

/** Writes points into `logdir` as TensorBoard event files, flushed before it returns. */
export type ScalarLogWriter = (logdir: string, points: readonly ScalarPoint[]) => void;

interface TfjsNodeSummaries {
  node: {
    summaryFileWriter(logdir: string): { scalar(name: string, value: number, step: number): void; flush(): void };
  };
}

/**
 * TensorBoard event files through tfjs-node's summary writer (tf.node.summaryFileWriter), which
 * needs the native backend: throws an Error saying why when it does not load, before anything is
 * written. The backend current before the call stays current.
 *
 * The writer's ops run only on the tensorflow backend, while training may use another. Each write
 * makes tensorflow current and restores the previous backend around it; setBackend to a backend
 * that is already initialised completes synchronously (TF.js awaits only a first initialisation),
 * so no training step of this process can run between the switch and the switch back.
 */
export async function tensorboardWriter(): Promise<ScalarLogWriter> {
  const previous = tf.getBackend();
  try {
    await load('tensorflow', {});
  } catch (error) {
    throw new Error(
      `needs the native backend (tfjs-node), which did not load: ${failureReason(error)}${hint('tensorflow')}`,
      { cause: error },
    );
  } finally {
    if (previous && previous !== tf.getBackend()) await activate(previous as ConcreteBackend);
  }
  const tfnode = require('@tensorflow/tfjs-node') as TfjsNodeSummaries;
  return (logdir, points) => {
    const training = tf.getBackend();
    void tf.setBackend('tensorflow');
    if (tf.getBackend() !== 'tensorflow')
      throw new Error('the tensorflow backend could not be made current for TensorBoard');
    try {
      const writer = tfnode.node.summaryFileWriter(logdir);
      for (const point of points) writer.scalar(point.tag, point.value, point.step);
      writer.flush();
    } finally {
      void tf.setBackend(training);
    }
  };
}
