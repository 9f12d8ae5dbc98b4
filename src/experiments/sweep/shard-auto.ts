/**
 * `--shard auto` and `--shard auto/N`: the shard an array task stands for, read from the
 * environment its scheduler gives it, so one job script serves every task of the array.
 *
 * - Slurm arrays: SLURM_ARRAY_TASK_ID, placed in the array by SLURM_ARRAY_TASK_MIN, _STEP and
 *   _COUNT (or _MAX): `--array=0-15`, `--array=1-16` and `--array=0-30:2` all make shards 1..16 of
 *   16. A list such as `--array=1,3,7` is not evenly spaced, and Slurm's variables cannot say
 *   where a task sits in it, so it is refused.
 * - Kubernetes indexed Jobs: JOB_COMPLETION_INDEX (0-based). Kubernetes does not tell a pod the
 *   Job's completions, so the count comes from `auto/N` or DEAD_NEURONS_SHARD_COUNT.
 *
 * A count given by `auto/N` or DEAD_NEURONS_SHARD_COUNT must agree with Slurm's own. Pure: the
 * environment is passed in; returns a one-line message on anything it cannot use.
 */
import { parseShard, type Shard } from './shard.js';

/** Where an indexed Kubernetes Job (or any scheduler that gives only an index) states the shard count. */
const SHARD_COUNT_VARIABLE = 'DEAD_NEURONS_SHARD_COUNT';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Parses `--shard`: "i/n", "auto" or "auto/N"; returns a message on bad input. */
export function resolveShard(text: string, env: Environment): Shard | string {
  const auto = /^auto(?:\/(.*))?$/.exec(text.trim());
  if (!auto) return parseShard(text);
  if (auto[1] === undefined) return shardFromEnvironment(env);
  const count = wholeNumber(auto[1]);
  if (count === null || count < 1)
    return `auto/N needs a whole number N >= 1 (the number of array tasks), got "${text}"`;
  return shardFromEnvironment(env, count);
}

/** The shard the environment's scheduler gives this process; `count` is what `auto/N` said. */
export function shardFromEnvironment(env: Environment, count?: number): Shard | string {
  const given = countGiven(env, count);
  if (typeof given === 'string') return given;
  if (env.SLURM_ARRAY_TASK_ID !== undefined) return slurmShard(env, given);
  if (env.JOB_COMPLETION_INDEX !== undefined) return kubernetesShard(env, given);
  if (env.SLURM_JOB_ID !== undefined) {
    return `auto: this Slurm job (SLURM_JOB_ID=${env.SLURM_JOB_ID}) is not an array task (no SLURM_ARRAY_TASK_ID); submit it with sbatch --array=1-N, or give i/n`;
  }
  return 'auto: found no array task in the environment (looked for SLURM_ARRAY_TASK_ID of a Slurm array and JOB_COMPLETION_INDEX of a Kubernetes indexed Job); outside a scheduler give i/n';
}

/** `auto/N` or DEAD_NEURONS_SHARD_COUNT, which must agree when both are set. */
function countGiven(env: Environment, count: number | undefined): number | undefined | string {
  const text = env[SHARD_COUNT_VARIABLE];
  if (text === undefined || text === '') return count;
  const fromEnv = wholeNumber(text);
  if (fromEnv === null || fromEnv < 1)
    return `auto: ${SHARD_COUNT_VARIABLE} must be a whole number >= 1, got "${text}"`;
  if (count !== undefined && count !== fromEnv)
    return `auto/${count} disagrees with ${SHARD_COUNT_VARIABLE}=${fromEnv}`;
  return fromEnv;
}

function slurmShard(env: Environment, given: number | undefined): Shard | string {
  const values: Record<string, number | undefined> = {};
  for (const suffix of ['ID', 'MIN', 'MAX', 'STEP', 'COUNT']) {
    const name = `SLURM_ARRAY_TASK_${suffix}`;
    const text = env[name];
    if (text === undefined) continue;
    const value = wholeNumber(text);
    if (value === null) return `auto: ${name} must be a whole number, got "${text}"`;
    values[suffix] = value;
  }
  const { ID: id, MAX: max } = values as { ID: number; MAX?: number };
  const step = values.STEP ?? 1;
  if (step < 1) return `auto: SLURM_ARRAY_TASK_STEP must be >= 1, got ${step}`;
  // Slurm sets all of these; older versions or hand-made environments may lack one, and MIN or
  // COUNT follow from the other two.
  const count =
    values.COUNT ?? (values.MIN !== undefined && max !== undefined ? (max - values.MIN) / step + 1 : undefined);
  const min = values.MIN ?? (max !== undefined && count !== undefined ? max - (count - 1) * step : undefined);
  if (min === undefined || count === undefined) {
    return `auto: SLURM_ARRAY_TASK_ID=${id} without the array's extent (needs SLURM_ARRAY_TASK_MIN with _MAX or _COUNT); give i/n`;
  }
  const position = (id - min) / step;
  const evenlySpaced = max === undefined || max === min + (count - 1) * step;
  if (!evenlySpaced || !Number.isInteger(position) || position < 0 || position >= count) {
    const shown = `SLURM_ARRAY_TASK_ID=${id}, _MIN=${min}, _MAX=${max ?? '?'}, _STEP=${step}, _COUNT=${count}`;
    return `auto: the Slurm array is not an evenly spaced range (${shown}); submit it as --array=A-B or A-B:S, or give i/n`;
  }
  if (given !== undefined && given !== count)
    return `auto/${given}: the Slurm array has ${count} tasks (SLURM_ARRAY_TASK_COUNT); give auto or auto/${count}`;
  return { index: position + 1, count };
}

function kubernetesShard(env: Environment, given: number | undefined): Shard | string {
  const text = env.JOB_COMPLETION_INDEX!;
  const index = wholeNumber(text);
  if (index === null) return `auto: JOB_COMPLETION_INDEX must be a whole number, got "${text}"`;
  if (given === undefined) {
    return `auto: JOB_COMPLETION_INDEX=${index} (a Kubernetes indexed Job) gives no task count; use auto/N with N the Job's completions, or set ${SHARD_COUNT_VARIABLE}`;
  }
  if (index >= given) return `auto: JOB_COMPLETION_INDEX=${index} is not below the task count ${given}`;
  return { index: index + 1, count: given };
}

/** A non-negative integer written in decimal digits only, or null. */
function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}
