/** The one reader of the machine's real facts (environment.ts describes them, purely). */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BackendInfo } from './load.js';
import { describeMachine, type Machine } from './environment.js';

/** The machine this process runs on, as `backend` sees it; /proc/cpuinfo where it exists (Linux). */
export function readMachine(backend: Pick<BackendInfo, 'name'> | null, env: NodeJS.ProcessEnv = process.env): Machine {
  let cpuinfo: string | null = null;
  try {
    cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // Not Linux: the model from os.cpus() and the architecture are all there is.
  }
  return describeMachine(
    { platform: process.platform, arch: process.arch, cpuinfo, cpuModel: cpus()[0]?.model ?? null, env },
    backend,
  );
}
