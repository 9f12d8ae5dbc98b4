#!/usr/bin/env node
// Sweep wall time with --jobs 1 against --jobs N on this machine (issue: a sweep of 8+ runs with
// --jobs 2 on 2 cores should take at most 0.6x the time of --jobs 1). Runs interleave and repeat,
// and medians are reported, because timings on small shared machines are noisy.
//
//   node scripts/bench/sweep-jobs.mjs [config] [--jobs N] [--repeats R]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args.splice(at, 2)[1]);
};
const jobs = flag('--jobs', availableParallelism());
const repeats = flag('--repeats', 3);
const config = args[0] ?? fileURLToPath(new URL('../../configs/deep.json', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'dead-neurons-bench-'));

function timeRun(jobCount, repeat) {
  const out = join(scratch, `j${jobCount}-${repeat}`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [bin, 'run', config, '--jobs', String(jobCount), '--out', out, '-q', '--format', 'json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`run --jobs ${jobCount} failed: ${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, runs: JSON.parse(result.stdout).runs.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = { 1: [], [jobs]: [] };
let runs = 0;
try {
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const jobCount of [1, jobs]) {
      const { seconds, runs: count } = timeRun(jobCount, repeat);
      runs = count;
      times[jobCount].push(seconds);
      console.error(`repeat ${repeat + 1}/${repeats}: --jobs ${jobCount}: ${seconds.toFixed(1)} s`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const [serial, parallel] = [median(times[1]), median(times[jobs])];
console.log(
  `config: ${config} (${runs} runs), ${availableParallelism()} cores, ${repeats} repeats, medians of whole-command wall time`,
);
console.log(`--jobs 1: ${serial.toFixed(1)} s`);
console.log(`--jobs ${jobs}: ${parallel.toFixed(1)} s`);
console.log(`ratio: ${(parallel / serial).toFixed(2)}x (target <= 0.6x)`);
