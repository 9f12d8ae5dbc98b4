/**
 * The README's Slurm recipe, run as written on a real one-node Slurm cluster started inside this
 * machine (test/helpers/slurm.ts): examples/slurm/submit.sh submits an array with `--shard auto`
 * and a merge job that depends on it; the merged folder must equal the same sweep run in one
 * process, byte for byte (runs.csv's timing column aside). The README shows those files; a second
 * test checks it shows them verbatim, so the tested recipe and the documented one cannot drift.
 *
 * Without Slurm (or root) this skips, saying what is needed, except where CI is set or
 * DEAD_NEURONS_REQUIRE_SLURM=1 (.ci/run sets it): there it fails. Needs `npm run build` first
 * (the jobs run the compiled executable through npx, as the recipe does).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';
import { slurmUnavailable, startSlurm, type SlurmCluster } from '../helpers/slurm.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECIPE = ['examples/slurm/submit.sh', 'examples/slurm/sweep.sbatch', 'examples/slurm/merge.sbatch'];
const COMPARED = ['metrics.csv', 'epochs.csv', 'summary.csv', 'comparisons.csv', 'config.resolved.json'];
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutSeconds = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');

const required =
  (process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI)) ||
  process.env.DEAD_NEURONS_REQUIRE_SLURM === '1';
const unavailable = slurmUnavailable();
const skip =
  unavailable !== null && !required
    ? `${unavailable}; set DEAD_NEURONS_REQUIRE_SLURM=1 to fail instead of skipping`
    : false;

/**
 * Six runs, each a pack of its own (three activation families, two depths), one epoch: three
 * array tasks take two packs each.
 */
const SWEEP = {
  ...TINY_CONFIG,
  training: { ...TINY_CONFIG.training, epochs: 1 },
  sweep: { 'model.activation': ['relu', 'tanh', 'elu'], 'model.depth': [3, 4] },
};
const TASKS = 3;

describe("the README's Slurm recipe on a one-node cluster", { skip }, () => {
  let cluster: SlurmCluster | undefined;
  before(async () => {
    if (unavailable !== null)
      throw new Error(`Slurm is required here (CI or DEAD_NEURONS_REQUIRE_SLURM=1) but ${unavailable}`);
    cluster = await startSlurm({ cpus: 2 });
  });
  after(async () => cluster?.stop());

  test(
    'submit.sh: an array with --shard auto, then a dependent merge, equals one process',
    { timeout: 60_000 },
    async () => {
      const dir = workspace({ 'sweep.json': JSON.stringify(SWEEP) });
      const out = join(dir, 'slurm');
      const submitted = cluster!.command(join(ROOT, RECIPE[0]), [join(dir, 'sweep.json'), out, String(TASKS)], ROOT);
      const ids = /^sweep (\d+) merge (\d+)$/m.exec(submitted);
      assert.ok(ids, `submit.sh printed: ${submitted}`);
      const logs = () =>
        readdirSync(join(out, 'logs'))
          .map((file) => `${file}:\n${read(join(out, 'logs'), file)}`)
          .join('\n');
      const state = await cluster!.waitForJob(ids[2], 45_000);
      assert.equal(state, 'COMPLETED', `merge job ${state}\n${logs()}\n${cluster!.logs()}`);

      // Each task found its own shard: shard i of 3 holds runs i and i + 3 (packs are dealt round-robin).
      assert.deepEqual(readdirSync(join(out, 'shards')).sort(), ['1', '2', '3']);
      for (const task of [1, 2, 3]) {
        const manifest = JSON.parse(read(join(out, 'shards', String(task)), 'manifest.json'));
        assert.deepEqual(manifest.shard, { index: task, count: TASKS });
        assert.deepEqual(readdirSync(join(out, 'shards', String(task), 'runs')), [
          `r00${task}.json`,
          `r00${task + 3}.json`,
        ]);
      }

      const reference = await cli(['run', 'sweep.json', '--out', 'one-process', '-q', '--jobs', '1'], dir);
      assert.equal(reference.code, 0, reference.stderr);
      const merged = join(out, 'merged');
      for (const file of COMPARED) assert.equal(read(merged, file), read(join(dir, 'one-process'), file), file);
      assert.equal(
        withoutSeconds(read(merged, 'runs.csv')),
        withoutSeconds(read(join(dir, 'one-process'), 'runs.csv')),
      );
      const manifest = JSON.parse(read(merged, 'manifest.json'));
      assert.equal(manifest.complete, true);
      assert.equal(manifest.runsCompleted, 6);
      assert.match(read(join(out, 'logs'), 'merge.out'), /merged 6 of 6 runs from 3 folder\(s\)/);
    },
  );
});

test('the README shows the tested Slurm recipe verbatim', () => {
  const readme = read(ROOT, 'README.md');
  for (const file of RECIPE) {
    const text = read(ROOT, file);
    assert.ok(
      readme.includes(`\`${file}\`:\n\n\`\`\`sh\n${text}\`\`\`\n`),
      `README.md should show ${file} as it is, in a sh block after "\`${file}\`:"`,
    );
  }
});
