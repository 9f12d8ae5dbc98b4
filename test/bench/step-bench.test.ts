import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { benchFootnotes, benchRows, formatBenchJson, formatBenchTable } from '../../src/bench/format.js';
import {
  calibratedSteps,
  DEFAULT_BENCH,
  flopsPerStep,
  median,
  throughput,
  windowSpread,
  type BenchReport,
  type BenchSettings,
} from '../../src/bench/settings.js';
import { benchBackend, benchTorch, parseTorchOutput } from '../../src/bench/step-bench.js';
import { useBackend } from '../../src/experiments/backend/load.js';
import { cli } from '../helpers/cli.js';
import { assertNoLeakedTensors } from '../helpers/tensors.js';

before(() => useBackend('cpu'));

const TINY: BenchSettings = {
  ...DEFAULT_BENCH,
  depth: 2,
  width: 8,
  batch: 16,
  steps: 3,
  warmup: 1,
  repeats: 3,
  threads: 1,
};

test('FLOPs per step: 3 x 2*in*out per dense layer and example, times the batch', () => {
  // Layers 2x8, 8x8, 8x2: 16 + 64 + 16 = 96 weights; 2*96 forward, x3 with backward, x16 examples.
  assert.equal(flopsPerStep(TINY), 9216);
  // The model: 2x256, 7 x 256x256, 256x2 = 459,776 weights -> 6 * 459,776 * 256.
  assert.equal(flopsPerStep(DEFAULT_BENCH), 706_215_936);
});

test('median, throughput and calibration arithmetic', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  const figures = throughput(TINY, 4, [40, 8, 10]);
  assert.deepEqual(figures, {
    steps: 4,
    windowsMs: [40, 8, 10],
    msPerStep: 2.5,
    samplesPerSecond: 6400,
    gflopsPerSecond: 9216 / 2.5e6,
  });
  assert.equal(calibratedSteps(10, 0.6), 60);
  assert.equal(calibratedSteps(5000, 0.6), 3);
  assert.equal(windowSpread([10, 12, 11]), 2 / 11);
});

test('benchBackend on cpu: a tiny model, positive throughput, no leaked tensors', async () => {
  const result = await assertNoLeakedTensors(() => benchBackend('cpu', TINY));
  assert.equal(result.backend.name, 'cpu');
  assert.equal(result.steps, 3);
  assert.equal(result.windowsMs.length, 3);
  assert.ok(result.windowsMs.every((ms) => ms > 0));
  assert.ok(result.msPerStep > 0 && result.samplesPerSecond > 0 && result.gflopsPerSecond > 0);
  assert.ok(Math.abs(result.samplesPerSecond - (16 * 1000) / result.msPerStep) < 1e-6);
  assert.equal(result.tensorsAfter, result.tensorsBefore);
});

test('calibrated steps when --steps is not given', async () => {
  const result = await benchBackend('cpu', { ...TINY, steps: null, windowSeconds: 0.01, repeats: 1 });
  assert.ok(result.steps >= 3, `steps ${result.steps}`);
});

const TORCH_LINE =
  '{"samples_per_second": 25600.0, "ms_per_step": 10.0, "torch_version": "2.5.1+cpu", "threads": 2, "steps": 50, "windows_ms": [520, 500, 480]}';

test("parseTorchOutput reads the script's JSON line, after any other output", () => {
  const outcome = parseTorchOutput(`some warning\n${TORCH_LINE}\n`, DEFAULT_BENCH);
  assert.ok(outcome.available);
  assert.equal(outcome.version, '2.5.1+cpu');
  assert.equal(outcome.threads, 2);
  assert.equal(outcome.throughput.msPerStep, 10);
  assert.equal(outcome.throughput.samplesPerSecond, 25600);
  // A bare line with only the four required fields also reads.
  const bare = parseTorchOutput(
    '{"samples_per_second": 25600, "ms_per_step": 10, "torch_version": "2.5.1", "threads": 1}',
    DEFAULT_BENCH,
  );
  assert.ok(bare.available && bare.throughput.msPerStep === 10);
});

test('parseTorchOutput turns garbage and script errors into reasons, never throws', () => {
  assert.deepEqual(parseTorchOutput('', DEFAULT_BENCH), { available: false, reason: 'no output' });
  assert.deepEqual(parseTorchOutput('Segmentation fault', DEFAULT_BENCH), {
    available: false,
    reason: 'unreadable output: Segmentation fault',
  });
  assert.deepEqual(parseTorchOutput('{"error": "torch not importable: No module named \'torch\'"}', DEFAULT_BENCH), {
    available: false,
    reason: "torch not importable: No module named 'torch'",
  });
  const negative = parseTorchOutput(
    '{"samples_per_second": -1, "ms_per_step": 1, "torch_version": "x", "threads": 1}',
    DEFAULT_BENCH,
  );
  assert.equal(negative.available, false);
  assert.match(!negative.available ? negative.reason : '', /^unexpected output \(samples_per_second: /);
});

test('benchTorch with a python that does not exist says so', () => {
  assert.deepEqual(benchTorch('/nonexistent/python3', TINY), {
    available: false,
    reason: '/nonexistent/python3 not found',
  });
});

/** A hand-built report: tensorflow 4x wasm, torch twice tensorflow, cpu failed to load. */
function handBuiltReport(): BenchReport {
  const settings: BenchSettings = { ...DEFAULT_BENCH, steps: 100, threads: 2 };
  const backend = (name: 'tensorflow' | 'wasm', msPerStep: number, threads: number | null) => ({
    backend: { name, version: '4.22.0', threads },
    ...throughput(settings, 100, [msPerStep * 100]),
    tensorsBefore: 7,
    tensorsAfter: 7,
  });
  return {
    settings,
    flopsPerStep: flopsPerStep(settings),
    backends: [backend('tensorflow', 25.6, 2), backend('wasm', 102.4, 1)],
    failures: [{ name: 'cpu', reason: 'not requested' }],
    torch: { available: true, version: '2.5.1+cpu', threads: 2, throughput: throughput(settings, 100, [1280]) },
  };
}

test('benchRows relates every row to wasm and to torch', () => {
  const rows = benchRows(handBuiltReport());
  assert.deepEqual(
    rows.map((row) => [row.name, row.vsWasm, row.vsTorch, row.leakedTensors]),
    [
      ['tensorflow', 4, 0.5, 0],
      ['wasm', 1, 0.125, 0],
      ['torch', 8, 1, null],
    ],
  );
});

test('formatBenchTable prints the figures, ratios and footnotes', () => {
  const text = formatBenchTable(handBuiltReport());
  for (const expected of [
    '│ backend    │ version          │ threads │ steps │ ms/step │ samples/s │ GFLOP/s │ x wasm │ x torch │ leak │',
    '│ tensorflow │ tfjs-node 4.22.0 │ 2       │ 100   │ 25.60   │ 10000     │ 27.6    │ 4.00   │ 0.50    │ 0    │',
    '│ wasm       │ tfjs 4.22.0      │ 1       │ 100   │ 102.40  │ 2500      │ 6.9     │ 1.00   │ 0.13    │ 0    │',
    '│ torch      │ torch 2.5.1+cpu  │ 2       │ 100   │ 12.80   │ 20000     │ 55.2    │ 8.00   │ 1.00    │ -    │',
    'model: 2 inputs -> 8 x 256 relu -> 2 classes, batch 256, Adam lr 0.001, softmax cross-entropy; 706.2 MFLOP per step\n',
    'GFLOP/s: 2*in*out FLOPs per dense layer and example for the forward pass, x3 for forward + backward;',
    'timing: 5 warm-up steps, then the median of 5 windows of 100 steps, each ended by a sync;',
    'cpu: not benchmarked (not requested)\n',
    'tensors: tensorflow 7 -> 7, wasm 7 -> 7 (no leaks)\n',
  ]) {
    assert.ok(text.includes(expected), `missing: ${expected}\n${text}`);
  }
});

test('an unavailable torch is one footnote line and no ratio column values', () => {
  const report = { ...handBuiltReport(), torch: { available: false as const, reason: 'python3 not found' } };
  const text = formatBenchTable(report);
  assert.ok(text.includes('torch: not available (python3 not found)\n'));
  assert.ok(text.includes('│ 4.00   │ -       │'), text);
  assert.ok(benchFootnotes({ ...report, torch: null }).every((line) => !line.startsWith('torch')));
});

test('a leak is named in the footnote and the leak column', () => {
  const report = handBuiltReport();
  report.backends[1] = { ...report.backends[1], tensorsAfter: 9 };
  const text = formatBenchTable(report);
  assert.ok(text.includes('tensors LEAKED: wasm 7 -> 9\n'));
  assert.ok(text.includes('│ 2    │'));
});

test('windows far apart get a noise footnote', () => {
  const report = handBuiltReport();
  assert.ok(!formatBenchTable(report).includes('noisy'));
  report.backends[0] = { ...report.backends[0], windowsMs: [2000, 2560, 9000] };
  assert.ok(
    formatBenchTable(report).includes(
      'noisy: tensorflow windows took 2000-9000 ms (273% spread); another process may be using the cores\n',
    ),
  );
});

test('formatBenchJson carries settings, rows with ratios and the torch reason', () => {
  const parsed = JSON.parse(
    formatBenchJson({ ...handBuiltReport(), torch: { available: false, reason: 'timed out after 300 s' } }),
  );
  assert.equal(parsed.flopsPerStep, 706_215_936);
  assert.equal(parsed.settings.width, 256);
  assert.deepEqual(
    parsed.results.map((row: { name: string }) => row.name),
    ['tensorflow', 'wasm'],
  );
  assert.equal(parsed.results[0].vsWasm, 4);
  assert.equal(parsed.results[0].vsTorch, null);
  assert.deepEqual(parsed.torch, { available: false, reason: 'timed out after 300 s' });
});

test('dead-neurons bench: a tiny cpu run end to end, and a bad flag exits 2', async () => {
  const tiny = [
    'bench',
    '--backends',
    'cpu',
    '--depth',
    '2',
    '--width',
    '8',
    '--batch',
    '16',
    '--steps',
    '3',
    '--warmup',
    '1',
    '--repeats',
    '1',
  ];
  const ok = await cli([...tiny, '--no-torch', '--format', 'json'], process.cwd());
  assert.equal(ok.code, 0, ok.stderr);
  const parsed = JSON.parse(ok.stdout);
  assert.deepEqual(
    [parsed.results.length, parsed.results[0].name, parsed.results[0].steps, parsed.torch],
    [1, 'cpu', 3, null],
  );
  assert.equal(parsed.flopsPerStep, 9216);
  const noTorch = await cli([...tiny, '--python', '/nonexistent/python3'], process.cwd());
  assert.ok(noTorch.stdout.includes('torch: not available (/nonexistent/python3 not found)\n'), noTorch.stdout);
  const bad = await cli(['bench', '--backends', 'tf'], process.cwd());
  assert.deepEqual(
    [bad.code, bad.stderr],
    [2, 'dead-neurons: --backends: must list backends from tensorflow, wasm, cpu, e.g. tensorflow,wasm; got tf\n'],
  );
  const zero = await cli(['bench', '--width', '0'], process.cwd());
  assert.deepEqual([zero.code, zero.stderr], [2, 'dead-neurons: --width: must be an integer >= 1, got "0"\n']);
});
