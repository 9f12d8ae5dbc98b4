#!/usr/bin/env node
// Merge at scale (issue 15): an epochs-0 sweep of 2,000 runs sharded 1,000 ways, then `merge` of
// all 1,000 shard folders timed with its peak memory, and its CSVs checked against the same sweep
// run in one process (timings aside). The sweep is 1,000 batch sizes x 2 seeds of one small
// network: a batch size never used (epochs 0) costs nothing, yet it is part of a pack's key, so
// there are 1,000 packs of 2 runs and every shard holds one (shards take whole packs).
//
// The shards are made by the real tool at the lowest cost: one process calls the program's own
// entry point (dist/cli/program.js, as bin/ does) once per `run --shard i/N`, so Node and TF.js
// load once instead of 1,000 times. Merge runs as the executable, under /usr/bin/time -v (GNU time)
// for its wall time and maximum resident set size.
//
//   npm run build && node scripts/bench/merge-scale.mjs [--shards N] [--seeds S] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const shards = flag('--shards', 1000);
const seeds = flag('--seeds', 2);
const keep = args.includes('--keep');
const bin = fileURLToPath(new URL('../../bin/dead-neurons.js', import.meta.url));
const program = new URL('../../dist/cli/program.js', import.meta.url);
if (!existsSync(fileURLToPath(program))) throw new Error('dist/ is missing: run `npm run build` first');
if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time at /usr/bin/time (apt-get install time)');
const { runCli } = await import(program.href);

// wasm: for packs this small its per-kernel cost is the lowest (3x faster than cpu here).
const config = {
  name: 'merge-scale',
  backend: 'wasm',
  dataset: { kind: 'gaussian', inputDim: 2, samples: 1250 },
  model: { depth: 3, width: 4 },
  training: { epochs: 0 },
  metrics: { probeSize: 100 },
  sweep: { 'training.batchSize': { from: 1, to: 1000 }, seed: { from: 1, to: seeds } },
};
const scratch = mkdtempSync(join(tmpdir(), 'dead-neurons-merge-scale-'));
writeFileSync(join(scratch, 'scale.json'), JSON.stringify(config));

/** The program in this process, as bin/ runs it, with output dropped; throws on a non-zero exit. */
async function tool(argv) {
  let stderr = '';
  const code = await runCli(['node', 'dead-neurons', ...argv], {
    stdout: () => {},
    stderr: (text) => void (stderr += text),
    stderrIsTTY: false,
    now: () => new Date(),
    cwd: scratch,
    env: process.env,
  });
  if (code !== 0) throw new Error(`dead-neurons ${argv.join(' ')}: exit ${code}: ${stderr}`);
}

const read = (dir, file) => readFileSync(join(scratch, dir, file), 'utf8');
const withoutSeconds = (csv) =>
  csv
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');

try {
  let started = performance.now();
  mkdirSync(join(scratch, 'shards'));
  for (let i = 1; i <= shards; i++) {
    await tool(['run', 'scale.json', '--shard', `${i}/${shards}`, '--out', `shards/${i}`, '-q', '--jobs', '1']);
    if (i % 100 === 0)
      console.error(`${i} of ${shards} shards written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const generation = (performance.now() - started) / 1000;
  started = performance.now();
  await tool(['run', 'scale.json', '--out', 'whole', '-q', '--jobs', '1']);
  const whole = (performance.now() - started) / 1000;
  const du = spawnSync('du', ['-sm', join(scratch, 'shards')], { encoding: 'utf8' }).stdout.split('\t')[0];

  const dirs = Array.from({ length: shards }, (_, i) => `shards/${i + 1}`);
  const merge = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, bin, 'merge', ...dirs, '--out', 'merged', '--format', 'json'],
    {
      cwd: scratch,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  if (merge.status !== 0) throw new Error(`merge failed: ${merge.stderr}`);
  const field = (label) => new RegExp(`${label}: (.+)`).exec(merge.stderr)?.[1];
  const maxRssMiB = Number(field('Maximum resident set size \\(kbytes\\)')) / 1024;

  for (const file of ['metrics.csv', 'epochs.csv', 'summary.csv', 'comparisons.csv', 'config.resolved.json']) {
    if (read('merged', file) !== read('whole', file))
      throw new Error(`merged ${file} differs from the one-process run's`);
  }
  if (withoutSeconds(read('merged', 'runs.csv')) !== withoutSeconds(read('whole', 'runs.csv')))
    throw new Error('merged runs.csv differs');

  const runs = JSON.parse(read('whole', 'manifest.json')).runsCompleted;
  console.log(
    `sweep: ${runs} runs (epochs 0), ${shards} shards of ${runs / shards} runs, ${du} MB on disk (each shard holds the whole plan, ${(Buffer.byteLength(read('whole', 'config.resolved.json')) / 1e6).toFixed(1)} MB)`,
  );
  console.log(
    `writing the shards in one process: ${generation.toFixed(0)} s; the same sweep unsharded: ${whole.toFixed(1)} s`,
  );
  console.log(
    `merge of ${shards} folders: ${field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')} wall, ${field('User time \\(seconds\\)')} s user, peak memory ${maxRssMiB.toFixed(0)} MiB`,
  );
  console.log("merged CSVs equal the one-process run's (runs.csv timings aside)");
} finally {
  if (keep) console.error(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
