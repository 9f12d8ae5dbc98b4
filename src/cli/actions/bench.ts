/** What `dead-neurons bench` does once its flags are parsed. Loaded only when invoked (TF.js). */
import { formatBench, type BenchFormat } from '../../bench/format.js';
import { flopsPerStep, type BenchReport, type BenchSettings } from '../../bench/settings.js';
import { benchBackends, benchTorch } from '../../bench/step-bench.js';
import type { ConcreteBackend } from '../../experiments/config/schema.js';
import { RunError } from '../../errors.js';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../process/io.js';

export interface BenchRequest {
  backends: ConcreteBackend[];
  torch: boolean;
  python: string;
  format: BenchFormat;
}

export async function benchSteps(io: CliIo, settings: BenchSettings, request: BenchRequest): Promise<void> {
  const progress = (text: string) => io.stderrIsTTY && io.stderr(`bench: ${text}\n`);
  const { backends, failures } = await benchBackends(request.backends, settings, (name) => progress(name));
  if (request.torch) progress(`torch (${request.python})`);
  const torch = request.torch ? benchTorch(request.python, settings) : null;
  const report: BenchReport = { settings, flopsPerStep: flopsPerStep(settings), backends, failures, torch };
  io.stdout(formatBench(report, request.format));
  if (backends.length === 0) {
    throw new RunError(`no backend could be benchmarked (${failures.map((f) => `${f.name}: ${f.reason}`).join('; ')})`);
  }
}

export interface SweepBenchRequest {
  backends: ConcreteBackend[];
  jobs: number;
  repeats: number;
  torch: boolean;
  python: string;
}

/** `bench --config FILE`: the whole sweep per backend, then PyTorch on 1 and 2 threads. */
export async function benchSweep(io: CliIo, configPath: string, request: SweepBenchRequest): Promise<void> {
  const { loadExperiment } = await import('../../experiments/config/load.js');
  const { planRuns } = await import('../../experiments/sweep/plan.js');
  const { formatSweepBench, timeToolSweep, timeTorchSweep, torchSpec } = await import('../../bench/sweep-bench.js');
  const { raw } = loadExperiment(configPath, {}, io.cwd);
  const plan = planRuns(raw);
  const progress = (text: string) => io.stderrIsTTY && io.stderr(`bench: ${text}\n`);
  const timings = [];
  for (const backend of request.backends) {
    progress(`${backend} --jobs ${request.jobs}`);
    timings.push(timeToolSweep(configPath, backend, request.jobs, request.repeats, io.cwd));
  }
  if (request.torch) {
    const spec = torchSpec(plan, dirname(resolve(io.cwd, configPath)));
    for (const threads of [1, 2]) {
      progress(`torch, ${threads} thread(s)`);
      timings.push(timeTorchSweep(request.python, spec, threads, request.repeats));
    }
  }
  io.stdout(formatSweepBench(configPath, plan.length, timings));
  if (timings.every((timing) => timing.failure !== null)) throw new RunError('nothing could be timed');
}
