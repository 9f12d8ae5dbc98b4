/** What `dead-neurons doctor` does: load every backend, then say which load and what `auto` picks. Loaded only when invoked. */
import Table from 'cli-table3';
import { autoOrder, NATIVE_MIN_STEP_WORK } from '../../experiments/backend/choose.js';
import { userNativeCache } from '../../experiments/backend/native-cache.js';
import { probeBackends, type BackendProbe } from '../../experiments/backend/load.js';
import type { CliIo } from '../process/io.js';

/** What to run when a backend does not load; `setup` is the setup command as this program was started. */
function fix(name: string, setup: string): string {
  if (name === 'tensorflow')
    return `${setup} (native kernels into ${userNativeCache()}; needs python3 with pip; see README, Backends)`;
  return name === 'wasm' ? 'npm ci (the WebAssembly backend ships with @tensorflow/tfjs-backend-wasm)' : 'npm ci';
}

/** `setup` is how this program was started plus " setup": "npx dead-neurons setup" under npx. */
function doctorText(probes: readonly BackendProbe[], setup = 'dead-neurons setup'): string {
  const table = new Table({
    head: ['backend', 'loads', 'version', 'threads', 'why not / fix'],
    style: { head: [], border: [] },
  });
  for (const probe of probes) {
    table.push([
      probe.name,
      probe.loads ? 'yes' : 'no',
      probe.info?.version ?? '–',
      probe.info?.threads ?? '–',
      probe.loads ? '' : `${probe.reason}\nfix: ${fix(probe.name, setup)}`,
    ]);
  }
  const loads = new Set(probes.filter((probe) => probe.loads).map((probe) => probe.name));
  const pick = (work: number) => autoOrder(work).find((name) => loads.has(name)) ?? 'none';
  return (
    `${table.toString()}\n` +
    `auto picks: ${pick(NATIVE_MIN_STEP_WORK)} when runs x width^2 x batch of a pack's step >= ${NATIVE_MIN_STEP_WORK} ` +
    `(e.g. 2 runs of width 16 at batch 64), ${pick(0)} below that\n`
  );
}

export async function diagnoseBackends(io: CliIo): Promise<void> {
  io.stdout(doctorText(await probeBackends(), `${io.invocation ?? 'dead-neurons'} setup`));
}
