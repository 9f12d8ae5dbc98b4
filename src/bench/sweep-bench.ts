/**
 * `bench --config`: the wall time of a whole sweep, as a user waits for it (`dead-neurons run` in
 * a fresh process, start-up included), on each backend, against a plain PyTorch loop over the same
 * runs (scripts/bench/torch_sweep.py, timed from inside the script, so PyTorch's import is not
 * charged to it). Measures and returns plain objects; the command prints them.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../experiments/datasets/index.js';
import type { ConcreteBackend } from '../experiments/config/schema.js';
import { canonicalJson } from '../experiments/config/canonical-json.js';
import type { PlannedRun } from '../experiments/types.js';
import { median } from './settings.js';

const TORCH_SWEEP_SCRIPT = fileURLToPath(new URL('../../scripts/bench/torch_sweep.py', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));

/** One run as torch_sweep.py reads it: the shapes and settings that decide its cost. */
export interface TorchRunSpec {
  depth: number;
  width: number;
  activation: string;
  alpha: number | null;
  optimizer: string;
  learning_rate: number;
  momentum: number | null;
  batch_size: number;
  epochs: number;
  train: number;
  test: number;
  input_dim: number;
  output_dim: number;
  probe: number;
  task: string;
}

/** The plan as torch_sweep.py's runs; each distinct dataset config is loaded once for its shape. */
export function torchSpec(plan: readonly PlannedRun[], baseDir: string): TorchRunSpec[] {
  const shapes = new Map<string, { train: number; test: number; inputDim: number; outputDim: number; task: string }>();
  return plan.map(({ config }) => {
    const key = canonicalJson(config.dataset);
    let shape = shapes.get(key);
    if (!shape) {
      const data = loadDataset(config.dataset, config.seed, baseDir);
      shape = {
        train: data.train.n,
        test: data.test.n,
        inputDim: data.inputDim,
        outputDim: data.outputDim,
        task: data.task,
      };
      shapes.set(key, shape);
    }
    return {
      depth: config.model.depth,
      width: config.model.width,
      activation: config.model.activation,
      alpha: config.model.alpha,
      optimizer: config.training.optimizer,
      learning_rate: config.training.learningRate,
      momentum: config.training.momentum,
      batch_size: config.training.batchSize,
      epochs: config.training.epochs,
      train: shape.train,
      test: shape.test,
      input_dim: shape.inputDim,
      output_dim: shape.outputDim,
      probe: Math.min(config.metrics.probeSize, shape.train),
      task: shape.task,
    };
  });
}

export interface SweepTiming {
  /** "tensorflow", "wasm", "torch". */
  name: string;
  threads: number | null;
  /** Worker processes for the tool; 1 for PyTorch. */
  jobs: number;
  /** Every repeat, seconds. */
  seconds: number[];
  /** PyTorch only: every repeat's whole process (interpreter start and import included), seconds. */
  processSeconds?: number[];
  /** null when it ran; else why not. */
  failure: string | null;
  version?: string;
}

const timed = (fn: () => void): number => {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
};

/** `dead-neurons run <config> --backend NAME` in a fresh process, `repeats` times. */
export function timeToolSweep(
  configPath: string,
  backend: ConcreteBackend,
  jobs: number,
  repeats: number,
  cwd: string,
): SweepTiming {
  const seconds: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const out = mkdtempSync(join(tmpdir(), 'dn-bench-'));
    try {
      let child: ReturnType<typeof spawnSync> | undefined;
      const args = [
        CLI,
        'run',
        configPath,
        '--backend',
        backend,
        '--jobs',
        String(jobs),
        '--out',
        join(out, 'r'),
        '--quiet',
        '--format',
        'csv',
      ];
      const elapsed = timed(
        () => (child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })),
      );
      if (child!.status !== 0) {
        const why = String(child!.stderr).trim().split('\n').pop() ?? `exit ${child!.status}`;
        return { name: backend, threads: null, jobs, seconds, failure: why };
      }
      seconds.push(elapsed);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return { name: backend, threads: null, jobs, seconds, failure: null };
}

/** torch_sweep.py over the same runs with `threads` threads, `repeats` times; the script's own loop time. */
export function timeTorchSweep(
  python: string,
  spec: readonly TorchRunSpec[],
  threads: number,
  repeats: number,
): SweepTiming {
  const dir = mkdtempSync(join(tmpdir(), 'dn-bench-'));
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify({ runs: spec }));
  const seconds: number[] = [];
  const processSeconds: number[] = [];
  let version: string | undefined;
  try {
    for (let repeat = 0; repeat < repeats; repeat++) {
      let child!: SpawnSyncReturns<string>;
      processSeconds.push(
        timed(
          () =>
            (child = spawnSync(python, [TORCH_SWEEP_SCRIPT, file, `--threads=${threads}`], {
              encoding: 'utf8',
              timeout: 3_600_000,
            })),
        ),
      );
      if (child.error) return { name: 'torch', threads, jobs: 1, seconds, failure: child.error.message };
      const line = child.stdout.trim().split('\n').pop() ?? '';
      let parsed: { seconds?: number; error?: string; torch_version?: string } = {};
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        parsed = { error: `exit ${child.status}: ${child.stderr.trim().split('\n').pop() ?? line}` };
      }
      if (parsed.error || typeof parsed.seconds !== 'number')
        return { name: 'torch', threads, jobs: 1, seconds, failure: parsed.error ?? 'no time' };
      seconds.push(parsed.seconds);
      version = parsed.torch_version;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'torch', threads, jobs: 1, seconds, processSeconds, failure: null, version };
}

/** One line per timing: median seconds and PyTorch's best median over it (> 1: the tool is faster). */
export function formatSweepBench(configPath: string, runs: number, timings: readonly SweepTiming[]): string {
  const ok = timings.filter((timing) => timing.failure === null && timing.seconds.length > 0);
  const torch = ok.filter((timing) => timing.name === 'torch');
  const bestTorch = torch.length > 0 ? Math.min(...torch.map((timing) => median(timing.seconds))) : null;
  const lines = [
    `sweep: ${configPath}, ${runs} run(s); median of ${Math.max(0, ...ok.map((t) => t.seconds.length))} repeat(s)`,
  ];
  for (const timing of timings) {
    const who =
      timing.name === 'torch'
        ? `torch ${timing.version ?? ''} ${timing.threads} thread(s)`
        : `${timing.name} --jobs ${timing.jobs}`;
    if (timing.failure !== null) {
      lines.push(`${who.padEnd(34)} not timed (${timing.failure})`);
      continue;
    }
    const seconds = median(timing.seconds);
    const ratio =
      bestTorch === null || timing.name === 'torch' ? '' : `  torch/tool ${(bestTorch / seconds).toFixed(2)}`;
    const all = timing.seconds.map((s) => s.toFixed(2)).join(', ');
    const whole = timing.processSeconds ? `  (whole process ${median(timing.processSeconds).toFixed(2)} s)` : '';
    lines.push(`${who.padEnd(34)} ${seconds.toFixed(2).padStart(8)} s  [${all}]${ratio}${whole}`);
  }
  lines.push(
    'tool: wall time of `dead-neurons run` in a fresh process (start-up, data, training, measurements, files); ' +
      'torch: the loop of scripts/bench/torch_sweep.py, interpreter start and import excluded; ' +
      "torch/tool: the faster PyTorch median over the tool's median.",
  );
  return `${lines.join('\n')}\n`;
}
