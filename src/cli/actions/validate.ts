/** What `dead-neurons validate <config>` does: run's prepare step, then what it found. Loads no TF.js. */
import { stderrWrapped, type CliIo } from '../process/io.js';
import { resolvedConfigText, validationText } from '../views/validate.js';
import { prepareRun } from './prepare.js';

export interface ValidateRequest {
  set: string[];
  sweep: string[];
  /** --runs: also list every run the sweep expands to. */
  runs: boolean;
}

export function validateConfig(io: CliIo, configPath: string, request: ValidateRequest): void {
  // Every run, not a shard's: validate answers for the whole sweep.
  const { config, plan, checked } = prepareRun(io, configPath, request);
  io.stdout(resolvedConfigText(config, plan, request.runs));
  stderrWrapped(io, validationText(configPath, plan.length, checked));
}
