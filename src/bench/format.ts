/** `bench`'s table and JSON: pure functions of a BenchReport. */
import Table from 'cli-table3';
import { windowSpread, type BenchReport, type Throughput } from './settings.js';

export const BENCH_FORMATS = ['table', 'json'] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

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

const FLOP_CONVENTION =
  'GFLOP/s: 2*in*out FLOPs per dense layer and example for the forward pass, x3 for forward + backward; ' +
  'activations, loss, biases and the Adam update are not counted.';

const figures = ({ steps, msPerStep, samplesPerSecond, gflopsPerSecond }: Throughput) => ({
  steps,
  msPerStep,
  samplesPerSecond,
  gflopsPerSecond,
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
    rows.push({
      name: 'torch',
      version: `torch ${torch.version}`,
      threads: torch.threads,
      ...figures(torch.throughput),
      leakedTensors: null,
    });
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
      lines.push(
        `noisy: ${name} windows took ${range} (${(spread * 100).toFixed(0)}% spread); another process may be using the cores`,
      );
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
