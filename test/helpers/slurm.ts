/**
 * A one-node Slurm cluster inside this machine, for the tests that run the README's Slurm recipe:
 * munged with a generated key, slurmctld and slurmd with a generated slurm.conf, all in a fresh
 * temporary folder, as root and without systemd (proctrack/linuxproc, task/none, no cgroups, no
 * accounting). Nothing outside the folder is read or written but the daemons' two TCP ports, so it
 * neither needs nor disturbs a Slurm the machine may already run.
 *
 * Teardown (stop) cancels every job, stops the daemons (SIGTERM, then SIGKILL) and kills whatever
 * the jobs left, found by a tag in their environment (helpers/processes.ts): the daemons carry it
 * and pass it on, and jobs inherit it from the environment they are submitted with (`env`). A test
 * process killed outright (SIGKILL, where no cleanup runs) leaves nothing either: a small shell
 * reaper waits for it to die, then kills every tagged process and removes the folder; and where
 * util-linux's setpriv is present the daemons also get a parent-death signal.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newTag, processesTagged, tagGone, TAG_VARIABLE } from './processes.js';

/** The programs a cluster needs; Debian's slurm-wlm and munge packages provide them. */
export const SLURM_PROGRAMS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'sinfo', 'scontrol', 'scancel'] as const;

/** Why a cluster cannot start here (a missing program, not root), or null when it should. */
export function slurmUnavailable(): string | null {
  const missing = SLURM_PROGRAMS.filter((program) => spawnSync('which', [program]).status !== 0);
  if (missing.length > 0) return `no ${missing.join(', ')} (apt-get install slurm-wlm munge)`;
  if (process.getuid?.() !== 0) return 'starting slurmd and munged needs root';
  return null;
}

export interface SlurmCluster {
  /** The environment to run Slurm commands and submit jobs with (SLURM_CONF and the tag). */
  env: NodeJS.ProcessEnv;
  /** The temporary folder holding the config, key, spool, state and logs. */
  dir: string;
  nodeName: string;
  /** Runs a Slurm command with the cluster's environment; throws on failure with its stderr. */
  command(program: string, args: string[], cwd?: string): string;
  /** Polls `scontrol show job` until the job ends; returns its final state (COMPLETED, FAILED, ...). */
  waitForJob(jobId: string, timeoutMs: number): Promise<string>;
  /** The last lines of every daemon log, for failure messages. */
  logs(): string;
  /** Cancels every job, stops the daemons and removes the folder; leaves no process behind. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on right now (the kernel's pick). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

/** slurm.conf for one node named `node` with `cpus` CPUs, every path inside `dir`. */
export function slurmConf(
  dir: string,
  node: string,
  cpus: number,
  ports: { controller: number; node: number },
): string {
  return `${[
    'ClusterName=deadneurons',
    `SlurmctldHost=${node}(127.0.0.1)`,
    `SlurmctldPort=${ports.controller}`,
    `SlurmdPort=${ports.node}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'AuthType=auth/munge',
    'CredType=cred/munge',
    `AuthInfo=socket=${join(dir, 'munge.socket')}`,
    `StateSaveLocation=${join(dir, 'state')}`,
    `SlurmdSpoolDir=${join(dir, 'spool')}`,
    `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
    `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
    `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
    `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
    // No systemd and no cgroups: processes are tracked through /proc, and tasks are not bound.
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none',
    // CPUs are the unit of allocation, so two one-CPU tasks share the node.
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_CPU',
    'SchedulerType=sched/builtin',
    'MpiDefault=none',
    'ReturnToService=2',
    `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN`,
    `PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
  ].join('\n')}\n`;
}

/**
 * Waits for process $1 to end, then kills every process whose environment holds the entry $2 and
 * removes the folder $3. Only the test's own tag is matched, never a program's name.
 */
const REAPER = `
while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
for environ in /proc/[0-9]*/environ; do
  pid=\${environ#/proc/}; pid=\${pid%/environ}
  if tr '\\0' '\\n' < "$environ" 2>/dev/null | grep -qxF "$2"; then kill -9 "$pid" 2>/dev/null; fi
done
rm -rf "$3"
`;

/** The node's short host name, as slurmd looks itself up in slurm.conf. */
export const shortHostname = () => hostname().split('.')[0];

/**
 * Starts the cluster and resolves once `sinfo` shows the node idle (within `timeoutMs`). On any
 * failure everything started so far is stopped and the error carries the daemons' log tails.
 */
export async function startSlurm(options: { cpus?: number; timeoutMs?: number } = {}): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-slurm-'));
  // munged refuses a socket folder others cannot traverse; mkdtemp makes it 0700.
  chmodSync(dir, 0o755);
  for (const sub of ['state', 'spool', 'log']) mkdirSync(join(dir, sub));
  const nodeName = shortHostname();
  const tag = newTag();
  const confPath = join(dir, 'slurm.conf');
  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: confPath, [TAG_VARIABLE]: tag };
  // Variables of an outer Slurm job would otherwise leak into sbatch's defaults.
  for (const name of Object.keys(env)) if (name.startsWith('SLURM_') && name !== 'SLURM_CONF') delete env[name];
  const daemons: ChildProcess[] = [];
  const withDeathSignal = spawnSync('which', ['setpriv']).status === 0;
  const daemon = (program: string, args: string[]) => {
    const [file, argv] = withDeathSignal ? ['setpriv', ['--pdeathsig', 'KILL', program, ...args]] : [program, args];
    const child = spawn(file, argv, { env, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', () => {});
    daemons.push(child);
  };

  const logs = () =>
    ['slurmctld.log', 'slurmd.log', 'munged.log']
      .map((file) => join(dir, 'log', file))
      .filter(existsSync)
      .map((path) => `${path}:\n${readFileSync(path, 'utf8').trimEnd().split('\n').slice(-15).join('\n')}`)
      .join('\n');

  const command = (program: string, args: string[], cwd?: string) => {
    const result = spawnSync(program, args, { env, cwd, encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0)
      throw new Error(
        `${program} ${args.join(' ')}: exit ${result.status}: ${(result.stderr || result.error?.message || '').trim()}`,
      );
    return result.stdout;
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    spawnSync('scancel', ['--user', 'root', '--full'], { env, timeout: 5_000 });
    for (const child of daemons) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
    for (let waited = 0; waited < 3_000 && !daemons.every(exited); waited += 50) await sleep(50);
    for (const child of daemons) if (!exited(child)) child.kill('SIGKILL');
    // Job steps and whatever they started (slurmstepd forks away from slurmd) carry the tag.
    for (const pid of processesTagged(tag)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    const left = await tagGone(tag, 5_000);
    process.removeListener('exit', stopNow);
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`Slurm teardown left processes ${left.join(', ')}`);
  };
  // A test that throws past its own cleanup still takes the daemons down when the process exits.
  const stopNow = () => {
    for (const pid of [...daemons.map((child) => child.pid), ...processesTagged(tag)]) {
      try {
        if (pid !== undefined) process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopNow);

  const waitForJob = async (jobId: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = spawnSync('scontrol', ['show', 'job', '--oneliner', jobId], { env, encoding: 'utf8' }).stdout ?? '';
      const states = [...shown.matchAll(/JobState=(\S+)/g)].map((match) => match[1]);
      const ended =
        states.length > 0 &&
        states.every((state) => !['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING', 'SUSPENDED'].includes(state));
      if (ended) return states.find((state) => state !== 'COMPLETED') ?? 'COMPLETED';
      if (Date.now() > deadline)
        throw new Error(`job ${jobId} still ${states.join(',') || 'unknown'} after ${timeoutMs} ms\n${logs()}`);
      await sleep(250);
    }
  };

  // The reaper: no tag of its own (it must not kill itself), no death signal (it must outlive us).
  const reaper = spawn('sh', ['-c', REAPER, 'slurm-reaper', String(process.pid), `${TAG_VARIABLE}=${tag}`, dir], {
    env: { PATH: process.env.PATH },
    stdio: 'ignore',
  });
  reaper.on('error', () => {});
  daemons.push(reaper);

  try {
    const ports = { controller: await freePort(), node: await freePort() };
    writeFileSync(confPath, slurmConf(dir, nodeName, options.cpus ?? 2, ports));
    // munged wants a key of at least 32 bytes readable by its user alone.
    writeFileSync(join(dir, 'munge.key'), randomBytes(128), { mode: 0o400 });
    daemon('munged', [
      '--foreground',
      '--force',
      `--socket=${join(dir, 'munge.socket')}`,
      `--key-file=${join(dir, 'munge.key')}`,
      `--log-file=${join(dir, 'log', 'munged.log')}`,
      `--pid-file=${join(dir, 'munged.pid')}`,
      `--seed-file=${join(dir, 'munged.seed')}`,
    ]);
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    while (!existsSync(join(dir, 'munge.socket'))) {
      if (Date.now() > deadline) throw new Error('munged did not create its socket');
      await sleep(50);
    }
    daemon('slurmctld', ['-D', '-i', '-f', confPath]);
    daemon('slurmd', ['-D', '-f', confPath]);
    for (;;) {
      const state = spawnSync('sinfo', ['--noheader', '--Node', '--format=%T'], {
        env,
        encoding: 'utf8',
      }).stdout?.trim();
      if (state === 'idle') break;
      if (Date.now() > deadline) throw new Error(`node ${nodeName} not idle (sinfo: ${state || 'no answer'})`);
      await sleep(100);
    }
  } catch (error) {
    const message = `Slurm did not start: ${(error as Error).message}\n${logs()}`;
    await stop();
    throw new Error(message, { cause: error });
  }
  return { env, dir, nodeName, command, waitForJob, logs, stop };
}
