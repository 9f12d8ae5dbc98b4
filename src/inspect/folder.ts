/**
 * `inspect --out DIR`: a small results folder. manifest.json (the tool, the model files and their
 * sha256, the probe, the backend, when), layers.csv (one row per measured layer) and report.json
 * (everything, not-measured layers included). Written into a temporary sibling folder and renamed
 * at the end, so DIR either appears whole or not at all.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackendInfo } from '../experiments/backend/load.js';
import { ConfigError, RunError } from '../errors.js';
import { toolVersion } from '../output/results/manifest.js';
import { toJson, writeFileAtomic } from '../output/results/folder.js';
import { layersCsv } from './format.js';
import type { DeadUnitsReport } from './measure.js';
import type { ProbeSource } from './probe-data.js';

const INSPECT_FILES = { manifest: 'manifest.json', layers: 'layers.csv', report: 'report.json' } as const;

export interface InspectManifest {
  tool: { name: string; version: string };
  command: string[];
  model: { file: string; origin: string; keras3Translated: boolean; files: { file: string; sha256: string }[] };
  probe: ProbeSource & { rows: number; asked: number };
  nearDeadThreshold: number;
  backend: BackendInfo;
  node: string;
  platform: string;
  startedAt: string;
  finishedAt: string;
}

/** Refuses an --out folder that holds anything: results are never mixed. Checked before any work. */
export function requireFreeOut(folder: string, shownAs: string): void {
  if (existsSync(folder) && readdirSync(folder).length > 0)
    throw new ConfigError([`--out ${shownAs}: folder exists and is not empty; choose another`]);
}

export function writeInspectFolder(folder: string, manifest: InspectManifest, report: DeadUnitsReport): void {
  const staging = join(dirname(folder), `.${basename(folder)}.${process.pid}.partial`);
  try {
    mkdirSync(staging, { recursive: true });
    writeFileAtomic(join(staging, INSPECT_FILES.manifest), toJson(manifest));
    writeFileAtomic(join(staging, INSPECT_FILES.layers), layersCsv(report));
    writeFileAtomic(join(staging, INSPECT_FILES.report), toJson(report));
    if (existsSync(folder)) rmdirSync(folder); // empty, as requireFreeOut found it; rename needs it gone
    renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof RunError) throw error;
    throw new RunError(`--out ${folder}: cannot write (${(error as Error).message.split('\n')[0]})`);
  }
}

export function inspectManifest(fields: Omit<InspectManifest, 'tool' | 'node' | 'platform'>): InspectManifest {
  return { tool: toolVersion(), ...fields, node: process.version, platform: `${process.platform}-${process.arch}` };
}
