/**
 * A results folder as a sweep fills it: started (plan and manifest written before any training),
 * each run saved the moment it finishes, closed (CSVs and manifest rebuilt from the records).
 * `run`, `run --resume` and `merge` all write folders through here, so they are written alike.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BackendInfo } from '../../experiments/backend/load.js';
import type { ExperimentConfig } from '../../experiments/config/schema.js';
import { ConfigError } from '../../errors.js';
import { inShard, type Shard } from '../../experiments/sweep/shard.js';
import type { PlannedRun, RunResult } from '../../experiments/types.js';
import { gitCommit, toolVersion, withRuns, type Manifest } from './manifest.js';
import {
  FILES, readJson, readResolvedConfig, readRunRecords, reportData, writeAggregates, writeJsonAtomic, writeResolvedConfig,
  writeRunRecord, type ReportData, type ResolvedConfigFile,
} from './folder.js';

/** A results folder ready to take runs: its plan, its manifest so far and the runs it already has. */
export interface Session {
  outDir: string;
  plan: ResolvedConfigFile;
  manifest: Manifest;
  finished: RunResult[];
}

export interface SessionStart {
  outDir: string;
  config: ExperimentConfig;
  plan: PlannedRun[];
  backend: BackendInfo | null;
  /** The config file as the user named it, and its folder (absolute). */
  configPath: string;
  configDir: string;
  cwd: string;
  shard: Shard | null;
  jobs: number;
  now: Date;
}

/**
 * Checks that `folder` may take a new session: it is missing, empty, or holds only what a start
 * that finished no run leaves (isUnfinishedStart), which is then started over ('reused'). Anything
 * else is refused; a results folder with a manifest is pointed at `resume`, the command that
 * finishes it.
 */
export function requireFreshFolder(folder: string, shownAs: string, resume: string): 'empty' | 'reused' {
  if (!existsSync(folder) || readdirSync(folder).length === 0) return 'empty';
  if (isUnfinishedStart(folder)) return 'reused';
  const alternative = existsSync(join(folder, FILES.manifest)) ? `choose another, or resume it: ${resume}` : 'choose another';
  throw new ConfigError([`${shownAs}: folder exists and is not empty; ${alternative}`]);
}

/**
 * True when `folder` holds exactly what a start that finished no run writes (an interrupted or
 * failed start): config.resolved.json, a dead-neurons manifest with no finished run, header-only
 * CSVs and an empty runs/, and nothing else. No result would be lost by starting over in it.
 */
export function isUnfinishedStart(folder: string): boolean {
  const entries = readdirSync(folder, { withFileTypes: true });
  const names = entries.map((entry) => entry.name);
  if (!names.includes(FILES.config) || !names.includes(FILES.manifest)) return false;
  const csvs = new Set<string>(Object.values(FILES).filter((file) => file.endsWith('.csv')));
  return entries.every((entry) => {
    const path = join(folder, entry.name);
    if (entry.name === FILES.config) return entry.isFile();
    if (entry.name === FILES.manifest) return entry.isFile() && finishedNoRun(path);
    if (csvs.has(entry.name)) return entry.isFile() && readFileSync(path, 'utf8').trimEnd().split('\n').length <= 1;
    if (entry.name === FILES.runs) return entry.isDirectory() && readdirSync(path).length === 0;
    return false;
  });
}

function finishedNoRun(path: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest> | null;
    return manifest?.tool?.name === 'dead-neurons' && manifest.runsCompleted === 0 && manifest.runs?.length === 0;
  } catch {
    return false;
  }
}

/** Writes the plan and a manifest with no finished run yet; nothing else touches the folder first. */
export function startSession(start: SessionStart): Session {
  const manifest: Manifest = {
    tool: toolVersion(),
    command: process.argv.slice(2),
    config: start.configPath,
    // Relative, so a results folder moved together with its config (or kept in git) still resumes.
    configDir: relative(start.outDir, start.configDir) || '.',
    backend: start.backend,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    seed: start.config.seed,
    gitCommit: gitCommit(start.cwd),
    shard: start.shard,
    jobs: start.jobs,
    startedAt: start.now.toISOString(),
    finishedAt: null,
    resumes: 0,
    runsPlanned: inShard(start.plan, start.shard).length,
    runsCompleted: 0,
    complete: false,
    runs: [],
  };
  writeResolvedConfig(start.outDir, start.config, start.plan);
  writeJsonAtomic(join(start.outDir, FILES.manifest), manifest);
  return { outDir: start.outDir, plan: { ...start.config, runs: start.plan }, manifest, finished: [] };
}

/** Reads back a folder's plan, manifest and the finished runs of its shard (for --resume). */
export function openSession(outDir: string): Session {
  const plan = readResolvedConfig(outDir);
  const manifest = readJson<Manifest>(join(outDir, FILES.manifest));
  const inPlan = new Set(inShard(plan.runs, manifest.shard).map((run) => run.runId));
  const finished = readRunRecords(outDir).filter((result) => inPlan.has(result.runId));
  return { outDir, plan, manifest, finished };
}

/** The runs of the session's shard that have no record yet, in plan order. */
export function remainingRuns(session: Session): PlannedRun[] {
  const done = new Set(session.finished.map((result) => result.runId));
  return inShard(session.plan.runs, session.manifest.shard).filter((run) => !done.has(run.runId));
}

/** Writes one finished run's record at once, so a crash later loses nothing already done. */
export function saveRun(session: Session, result: RunResult): void {
  writeRunRecord(session.outDir, result);
  session.finished.push(result);
}

/** Rebuilds the CSVs and the manifest from the records saved so far; returns what they show. */
export function closeSession(session: Session, now: Date): ReportData {
  session.finished.sort((a, b) => a.index - b.index);
  const report = reportData(session.plan.name, Object.keys(session.plan.sweep), session.finished, session.plan.baseline);
  writeAggregates(session.outDir, report, session.finished);
  writeJsonAtomic(join(session.outDir, FILES.manifest), withRuns(session.manifest, session.finished, now.toISOString()));
  return report;
}
