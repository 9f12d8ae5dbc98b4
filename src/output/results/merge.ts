/**
 * Combines results folders of one sweep (shards, or partial runs) into one whose CSVs are
 * byte-identical to an unsharded run's. Refuses folders planned from different configs and, unless
 * told otherwise, an incomplete sweep, as bad input (exit 2); nothing is written until every check
 * has passed.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError, RunError } from '../../errors.js';
import { canonicalJson } from '../../experiments/config/canonical-json.js';
import type { RunResult } from '../../experiments/types.js';
import { toolVersion, type Manifest } from './manifest.js';
import {
  FILES, parseJson, readJson, readResolvedConfig, readRunRecords, requireEmptyFolder, requireResultsFolder, writeFileAtomic, type ReportData,
  type ResolvedConfigFile,
} from './folder.js';
import { closeSession, saveRun, type Session } from './session.js';

export interface MergeRequest {
  /** The folders as the user named them, and the folder they are relative to. */
  dirs: string[];
  cwd: string;
  out: string;
  partial: boolean;
  now: Date;
}

/** Two records of one run agree when everything but the wall time does. */
const sameRun = (a: RunResult, b: RunResult) => canonicalJson({ ...a, seconds: 0 }) === canonicalJson({ ...b, seconds: 0 });

export function mergeResults(request: MergeRequest): { report: ReportData; merged: number; planned: number } {
  const { dirs } = request;
  const folders = dirs.map((dir) => resolve(request.cwd, dir));
  // Every shard holds the whole plan (2 MB for 2,000 runs), so each is read, compared with the
  // first and dropped: a thousand shards' plans never sit in memory together, and one that is the
  // first's byte for byte (the usual case) is neither parsed nor checked again.
  const planText = readPlanText(folders[0], dirs[0]);
  const plan = parseJson<ResolvedConfigFile>(planText);
  let planKey: string | undefined;
  folders.forEach((folder, i) => {
    const text = i === 0 ? planText : readPlanText(folder, dirs[i], planText);
    if (text === planText) return;
    planKey ??= canonicalJson(plan);
    if (canonicalJson(parseJson(text)) !== planKey) {
      throw new ConfigError([`${dirs[i]}: planned from a different config than ${dirs[0]} (compare their ${FILES.config})`]);
    }
  });

  const byId = new Map<string, RunResult>();
  folders.forEach((folder, i) => {
    for (const record of readRunRecords(folder)) {
      const known = byId.get(record.runId);
      if (known && !sameRun(known, record)) {
        throw new RunError(`${dirs[i]}: run ${record.runId} differs from the one in another folder; not merging`);
      }
      byId.set(record.runId, known ?? record);
    }
  });
  const results = plan.runs.flatMap((run) => byId.get(run.runId) ?? []);
  const missing = plan.runs.filter((run) => !byId.has(run.runId)).map((run) => run.runId);
  if (missing.length > 0 && !request.partial) {
    throw new ConfigError([`${missing.length} of ${plan.runs.length} runs missing (${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', ...' : ''}); add their shards, or --partial`]);
  }

  const outDir = resolve(request.cwd, request.out);
  requireEmptyFolder(outDir, `--out ${request.out}`);
  const first = readJson<Manifest>(join(folders[0], FILES.manifest));
  const manifest: Manifest = {
    ...first,
    tool: toolVersion(),
    command: process.argv.slice(2),
    shard: null,
    configDir: relative(outDir, resolve(folders[0], first.configDir)) || '.',
    mergedFrom: folders.map((folder) => relative(outDir, folder)),
    runsPlanned: plan.runs.length,
  };
  // The plan is copied as written, so the merged folder's config.resolved.json is the shards' own.
  writeFileAtomic(join(outDir, FILES.config), planText);
  const session: Session = { outDir, plan, manifest, finished: [] };
  for (const result of results) saveRun(session, result);
  return { report: closeSession(session, request.now), merged: results.length, planned: plan.runs.length };
}

/**
 * A results folder's config.resolved.json as written (the merged folder's plan is the shards' own,
 * byte for byte), checked like every other reader checks it (a corrupt plan is named, not a JSON
 * parser's message) unless it is byte for byte `checked`, a plan already checked.
 */
function readPlanText(folder: string, shownAs: string, checked?: string): string {
  requireResultsFolder(folder, shownAs);
  const text = readFileSync(join(folder, FILES.config), 'utf8');
  if (text !== checked) readResolvedConfig(folder);
  return text;
}
