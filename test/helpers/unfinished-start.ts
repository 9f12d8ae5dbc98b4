/** A results folder as a start that finished no run leaves it (interrupted or failed before its first run). */
import { join } from 'node:path';
import { loadExperiment } from '../../src/experiments/config/load.js';
import { planRuns } from '../../src/experiments/sweep/plan.js';
import { closeSession, startSession } from '../../src/output/results/session.js';
import { FIXED_NOW } from './cli.js';

/** Starts and closes a session for `dir/<config>` in `dir/out` with no run: plan, manifest, header-only CSVs. */
export function unfinishedStart(dir: string, config = 'tiny.json'): string {
  const { raw, config: experiment } = loadExperiment(config, {}, dir);
  const outDir = join(dir, 'out');
  const session = startSession({
    outDir,
    config: experiment,
    plan: planRuns(raw),
    backend: null,
    configPath: config,
    configDir: dir,
    cwd: dir,
    shard: null,
    jobs: 1,
    now: FIXED_NOW,
  });
  closeSession(session, FIXED_NOW);
  return outDir;
}
