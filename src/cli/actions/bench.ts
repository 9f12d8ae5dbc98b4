/** What `dead-neurons bench` does once its flags are parsed. Loaded only when invoked (TF.js). */
import { formatBench, type BenchFormat } from '../../bench/format.js';
import { flopsPerStep, type BenchReport, type BenchSettings } from '../../bench/settings.js';
import { benchBackends, benchTorch } from '../../bench/step-bench.js';
import type { ConcreteBackend } from '../../experiments/config/schema.js';
import { RunError } from '../../experiments/errors.js';
import type { CliIo } from '../io.js';

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
