/**
 * `dead-neurons bench`: the same MLP's training step timed on each TensorFlow.js backend and,
 * when python can import torch, in PyTorch; printed as a table or JSON.
 */
import { availableParallelism } from 'node:os';
import Table from 'cli-table3';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { AUTO_ORDER, type ConcreteBackend } from '../../experiments/backend.js';
import {
  benchBackends, benchTorch, DEFAULT_BENCH, flopsPerStep, windowSpread, type BenchReport, type BenchSettings, type Throughput,
} from '../../bench/step-bench.js';
import { RunError } from '../../experiments/errors.js';
import type { CliIo } from '../io.js';
import { parseOptions } from './options.js';

export const BENCH_FORMATS = ['table', 'json'] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];
// The pure-JS cpu backend needs about a second per step at width 256: only when asked for.
const DEFAULT_BACKENDS: ConcreteBackend[] = ['tensorflow', 'wasm'];

const intAtLeast = (min: number) => {
  const rule = `must be an integer >= ${min}`;
  return z.coerce.number({ error: rule }).int({ error: rule }).min(min, { error: rule });
};

const benchOptionsSchema = z.object({
  depth: intAtLeast(1).default(DEFAULT_BENCH.depth),
  width: intAtLeast(1).default(DEFAULT_BENCH.width),
  batch: intAtLeast(1).default(DEFAULT_BENCH.batch),
  inputs: intAtLeast(1).default(DEFAULT_BENCH.inputDim),
  steps: intAtLeast(1).optional(),
  warmup: intAtLeast(0).default(DEFAULT_BENCH.warmup),
  repeats: intAtLeast(1).default(DEFAULT_BENCH.repeats),
  backends: z
    .string()
    .transform((list, ctx) => {
      const names = [...new Set(list.split(',').map((name) => name.trim()).filter((name) => name !== ''))];
      const unknown = names.filter((name) => !(AUTO_ORDER as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) {
        const got = names.length === 0 ? 'nothing' : unknown.join(', ');
        ctx.addIssue({ code: 'custom', message: `must list backends from ${AUTO_ORDER.join(', ')}, e.g. tensorflow,wasm; got ${got}` });
        return z.NEVER;
      }
      return names as ConcreteBackend[];
    })
    .optional(),
  threads: intAtLeast(1).optional(),
  format: z.enum(BENCH_FORMATS).default('table'),
  python: z.string().min(1).default('python3'),
  torch: z.boolean().default(true),
});

/** One line of the table; also the JSON record of a result. */
export interface BenchRow {
  name: string;
  version: string;
  threads: number | null;
  steps: number;
  msPerStep: number;
  samplesPerSecond: number;
  gflopsPerSecond: number;
  /** samples/s over wasm's; null without a wasm result. */
  vsWasm: number | null;
  /** samples/s over PyTorch's; null without a PyTorch result. */
  vsTorch: number | null;
  /** Tensors left behind by the measurement; null for PyTorch. */
  leakedTensors: number | null;
}

/** Windows further apart than this, relative to their median, get a footnote. */
const NOISY_SPREAD = 0.25;

export const FLOP_CONVENTION =
  'GFLOP/s: 2*in*out FLOPs per dense layer and example for the forward pass, x3 for forward + backward; ' +
  'activations, loss, biases and the Adam update are not counted.';

const figures = ({ steps, msPerStep, samplesPerSecond, gflopsPerSecond }: Throughput) => ({
  steps, msPerStep, samplesPerSecond, gflopsPerSecond,
});

/** The benchmarked backends, then PyTorch, each with its speed relative to wasm and to PyTorch. */
export function benchRows(report: BenchReport): BenchRow[] {
  const torch = report.torch?.available ? report.torch : null;
  const wasm = report.backends.find((result) => result.backend.name === 'wasm');
  const rows = report.backends.map((result): Omit<BenchRow, 'vsWasm' | 'vsTorch'> => ({
    name: result.backend.name,
    version: `${result.backend.name === 'tensorflow' ? 'tfjs-node' : 'tfjs'} ${result.backend.version}`,
    threads: result.backend.threads,
    ...figures(result),
    leakedTensors: result.tensorsAfter - result.tensorsBefore,
  }));
  if (torch) {
    rows.push({ name: 'torch', version: `torch ${torch.version}`, threads: torch.threads, ...figures(torch.throughput), leakedTensors: null });
  }
  return rows.map((row) => ({
    ...row,
    vsWasm: wasm ? row.samplesPerSecond / wasm.samplesPerSecond : null,
    vsTorch: torch ? row.samplesPerSecond / torch.throughput.samplesPerSecond : null,
  }));
}

/** The lines under the table: model, FLOP convention, timing rule, and what did not run. */
export function benchFootnotes(report: BenchReport): string[] {
  const s = report.settings;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const steps = s.steps === null ? `steps calibrated to ~${s.windowSeconds} s` : count(s.steps, 'step');
  const lines = [
    `model: ${s.inputDim} inputs -> ${s.depth} x ${s.width} relu -> ${s.classes} classes, batch ${s.batch}, ` +
      `Adam lr ${s.learningRate}, softmax cross-entropy; ${(report.flopsPerStep / 1e6).toFixed(1)} MFLOP per step`,
    FLOP_CONVENTION,
    `timing: ${count(s.warmup, 'warm-up step')}, then the median of ${count(s.repeats, 'window')} of ${steps}, each ended by a sync; ` +
      'x wasm and x torch are samples/s relative to that row.',
  ];
  for (const failure of report.failures) lines.push(`${failure.name}: not benchmarked (${failure.reason})`);
  if (report.torch && !report.torch.available) lines.push(`torch: not available (${report.torch.reason})`);
  const timed: [string, Throughput][] = report.backends.map((result) => [result.backend.name, result]);
  if (report.torch?.available) timed.push(['torch', report.torch.throughput]);
  for (const [name, { windowsMs }] of timed) {
    const spread = windowSpread(windowsMs);
    if (spread > NOISY_SPREAD) {
      const range = `${Math.min(...windowsMs).toFixed(0)}-${Math.max(...windowsMs).toFixed(0)} ms`;
      lines.push(`noisy: ${name} windows took ${range} (${(spread * 100).toFixed(0)}% spread); another process may be using the cores`);
    }
  }
  const leaks = report.backends.filter((result) => result.tensorsAfter !== result.tensorsBefore);
  if (report.backends.length > 0) {
    lines.push(
      leaks.length === 0
        ? `tensors: ${report.backends.map((r) => `${r.backend.name} ${r.tensorsBefore} -> ${r.tensorsAfter}`).join(', ')} (no leaks)`
        : `tensors LEAKED: ${leaks.map((r) => `${r.backend.name} ${r.tensorsBefore} -> ${r.tensorsAfter}`).join(', ')}`,
    );
  }
  return lines;
}

const fixed = (digits: number) => (value: number | null) => (value === null ? '-' : value.toFixed(digits));

export function formatBenchTable(report: BenchReport): string {
  // No colours, as in the report tables: this output lands in issue notes and CI logs.
  const table = new Table({
    head: ['backend', 'version', 'threads', 'steps', 'ms/step', 'samples/s', 'GFLOP/s', 'x wasm', 'x torch', 'leak'],
    style: { head: [], border: [] },
  });
  for (const row of benchRows(report)) {
    table.push([
      row.name,
      row.version,
      row.threads === null ? '?' : String(row.threads),
      String(row.steps),
      fixed(2)(row.msPerStep),
      fixed(0)(row.samplesPerSecond),
      fixed(1)(row.gflopsPerSecond),
      fixed(2)(row.vsWasm),
      fixed(2)(row.vsTorch),
      row.leakedTensors === null ? '-' : String(row.leakedTensors),
    ]);
  }
  const body = report.backends.length > 0 || report.torch?.available ? `${table.toString()}\n` : '';
  return `${body}${benchFootnotes(report).join('\n')}\n`;
}

export function formatBenchJson(report: BenchReport): string {
  const torch = report.torch === null ? null : report.torch.available ? { available: true } : report.torch;
  return `${JSON.stringify(
    {
      settings: report.settings,
      flopsPerStep: report.flopsPerStep,
      flopConvention: FLOP_CONVENTION,
      results: benchRows(report),
      failures: report.failures,
      torch,
    },
    null,
    2,
  )}\n`;
}

export function formatBench(report: BenchReport, format: BenchFormat): string {
  return format === 'json' ? formatBenchJson(report) : formatBenchTable(report);
}

export function benchCommand(io: CliIo): Command {
  return new Command('bench')
    .description('time one training step of the same MLP on each backend, and in PyTorch when python can import torch')
    .option('--depth <n>', `hidden layers (default ${DEFAULT_BENCH.depth})`)
    .option('--width <n>', `units per hidden layer (default ${DEFAULT_BENCH.width})`)
    .option('--batch <n>', `examples per step (default ${DEFAULT_BENCH.batch})`)
    .option('--inputs <n>', `input features (default ${DEFAULT_BENCH.inputDim}, as the 2-D datasets)`)
    .option('--steps <n>', `timed steps per window (default: calibrated so a window lasts ~${DEFAULT_BENCH.windowSeconds} s)`)
    .option('--warmup <n>', `untimed steps before timing (default ${DEFAULT_BENCH.warmup})`)
    .option('--repeats <n>', `timed windows; the median is reported (default ${DEFAULT_BENCH.repeats})`)
    .option('--backends <list>', `comma-separated, from ${AUTO_ORDER.join(', ')} (default ${DEFAULT_BACKENDS.join(',')}; cpu takes ~1 s a step at width 256, so only when named)`)
    .option('--threads <n>', 'threads for tensorflow, wasm and torch.set_num_threads (default: all cores)')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(BENCH_FORMATS).default('table'))
    .option('--python <path>', 'python whose torch is the reference (default python3)')
    .option('--no-torch', 'skip the PyTorch reference')
    .addHelpText(
      'after',
      `
Each step is the one \`run\` takes per batch (loss gradients, per-layer gradient norms, Adam
update with lr ${DEFAULT_BENCH.learningRate}) on random inputs, relu hidden layers and softmax cross-entropy
over ${DEFAULT_BENCH.classes} classes. PyTorch runs scripts/bench/torch_mlp.py: the same layers, Adam and loss.
GFLOP/s: 2*in*out FLOPs per dense layer and example for the forward pass, x3 for
forward + backward; activations, loss, biases and the Adam update are not counted.
Threads apply when a backend first loads; tensorflow reads them from TF_NUM_INTRAOP_THREADS.

Examples:
  $ dead-neurons bench
  $ dead-neurons bench --python ~/venvs/torch/bin/python --threads 1
  $ dead-neurons bench --backends wasm,cpu --width 64 --batch 64 --format json`,
    )
    .action(async (rawOptions: unknown) => {
      const options = parseOptions(benchOptionsSchema, rawOptions);
      const settings: BenchSettings = {
        ...DEFAULT_BENCH,
        inputDim: options.inputs,
        depth: options.depth,
        width: options.width,
        batch: options.batch,
        steps: options.steps ?? null,
        warmup: options.warmup,
        repeats: options.repeats,
        threads: options.threads ?? availableParallelism(),
      };
      const progress = (text: string) => io.stderrIsTTY && io.stderr(`bench: ${text}\n`);
      const { backends, failures } = await benchBackends(options.backends ?? DEFAULT_BACKENDS, settings, (name) => progress(name));
      if (options.torch) progress(`torch (${options.python})`);
      const torch = options.torch ? benchTorch(options.python, settings) : null;
      const report: BenchReport = { settings, flopsPerStep: flopsPerStep(settings), backends, failures, torch };
      io.stdout(formatBench(report, options.format));
      if (backends.length === 0) {
        throw new RunError(`no backend could be benchmarked (${failures.map((f) => `${f.name}: ${f.reason}`).join('; ')})`);
      }
    });
}
